// Reports written before the step machine (issue 25) still release, and exactly as before: the
// fixture holds a partial containment report written by the old code and what the old release
// did with it (test/fixtures/README.md); today's release must make the same calls in the same
// order and journal the same steps.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { releasePrincipal } from '../../../src/actions/contain/index.js';
import { parseReport, type ContainmentReport } from '../../../src/actions/report/report.js';

const fixture = JSON.parse(readFileSync('test/fixtures/contain/report-before-step-machine.json', 'utf8')) as {
  report: ContainmentReport;
  releaseCalls: string[];
  release: unknown;
  status: string;
};

/** A gateway that records every mutation (the fixture was produced with the same recorder). */
function recorder() {
  const calls: string[] = [];
  const gateway = new Proxy({} as Record<string, unknown>, {
    get: (_t, name: string) => {
      if (name === 'then' || name === 'callerArn') return undefined;
      if (name === 'readIamUser') return async () => structuredClone(fixture.report.initialConfiguration);
      if (name === 'getBucketPolicy') return async () => undefined;
      return async (...args: unknown[]) => {
        calls.push(`${name} ${JSON.stringify(args)}`);
        return name.startsWith('delete') || name.startsWith('deactivateMfa') ? 'deleted' : undefined;
      };
    },
  });
  return { calls, gateway };
}

test('a partial report written before the step machine releases with the same calls and journal', async () => {
  // The same ticking clock as when the fixture was made, from the second the old release started.
  let n = new Date((fixture.release as { startedAt: string }).startedAt).getUTCSeconds();
  const clock = () => new Date(Date.UTC(2026, 10, 23, 1, 0, n++)).toISOString();
  const writes: ContainmentReport[] = [];
  const sink = { locate: (k: string) => `mem:${k}`, prepare: async () => {}, read: async () => undefined, find: async () => undefined, write: async (_k: string, r: ContainmentReport) => void writes.push(structuredClone(r)) };
  const report = parseReport(JSON.stringify(fixture.report), 'fixture');
  const { calls, gateway } = recorder();
  const released = await releasePrincipal(report, { apply: true, reactivateKeys: true, recreateLoginProfile: false }, { gateway: gateway as never, sink, clock });
  assert.deepEqual(calls, fixture.releaseCalls);
  assert.deepEqual(released.report.release, fixture.release);
  assert.equal(released.report.status, fixture.status);
  assert.equal(released.report.status, 'released');
  // The journal was written before the first undo and after each step.
  assert.equal(writes.length, fixture.report.steps.length + 2);
});
