// The step machine's loop (src/actions/steps/run.ts): resume skips finished entries, `before` is
// journaled before the change, `continue` runs on past a failure while `stop` throws after
// journaling it, and every step kind of containment and remediation declares its permissions and
// renders as an `aws` command.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTAIN_KINDS } from '../../../src/actions/contain/handlers.js';
import { REMEDIATION_KINDS } from '../../../src/actions/remediate/steps.js';
import { runSteps, type StepJournal } from '../../../src/actions/steps/run.js';
import { kindLookup, type StepTable } from '../../../src/actions/steps/step.js';
import type { JournalEntry } from '../../../src/model/journal.js';

type Spec = { kind: 'set'; key: string; value: number } | { kind: 'boom'; key: string };
interface World {
  state: Record<string, number>;
  log: string[];
}

const KINDS: StepTable<Spec, 'kind', World, unknown> = {
  set: {
    describe: (s) => `set ${s.key}=${s.value}`,
    permissions: ['x:Set'],
    before: async (s, w) => (w.log.push(`read ${s.key}`), w.state[s.key] ?? null),
    apply: async (s, w) => {
      w.log.push(`set ${s.key}`);
      w.state[s.key] = s.value;
    },
    undo: async (s, w, before) => {
      w.log.push(`undo ${s.key}`);
      if (before === null) delete w.state[s.key];
      else w.state[s.key] = before as number;
      return { status: 'done' };
    },
    cli: (s) => `x set ${s.key} ${s.value}`,
    undoCli: (s, j) => `x set ${s.key} ${String(j.before)}`,
  },
  boom: {
    describe: (s) => `boom ${s.key}`,
    permissions: [],
    apply: async () => {
      throw Object.assign(new Error('denied'), { code: 'AccessDenied' });
    },
    undo: async () => ({ status: 'skipped' }),
    cli: () => 'x boom',
    undoCli: () => '# nothing',
  },
};
const kindOf = kindLookup<Spec, 'kind', World, unknown>(KINDS, 'kind');
const entries = (...specs: Spec[]): JournalEntry<Spec>[] => specs.map((spec, i) => ({ id: String(i), spec, description: kindOf(spec).describe(spec), status: 'pending' }));

/** A journal that records what the world looked like at each save. */
function recording(world: World): StepJournal<Spec> & { saves: string[] } {
  const saves: string[] = [];
  return { saves, save: async (e, _i, phase) => void saves.push(`${phase} ${e.id} ${e.status} ${JSON.stringify(world.state)}`) };
}

const clock = () => '2026-12-07T00:00:00Z';

test('before is journaled before the change, and each step again after it', async () => {
  const world: World = { state: { a: 1 }, log: [] };
  const journal = recording(world);
  const list = entries({ kind: 'set', key: 'a', value: 2 }, { kind: 'set', key: 'b', value: 3 });
  const out = await runSteps(list, { mode: 'apply', kindOf, ctx: world, journal, clock, onFailure: 'stop' });
  assert.deepEqual(out, { ran: 2, resumed: 0, failed: 0 });
  assert.deepEqual(journal.saves, ['planned 0 pending {"a":1}', 'ran 0 done {"a":2}', 'planned 1 pending {"a":2}', 'ran 1 done {"a":2,"b":3}']);
  assert.deepEqual(list.map((e) => e.before), [1, null]);
  // Undo, newest first, from what was journaled.
  const undo = list.map((e) => ({ ...e, status: 'pending' as const })).reverse();
  await runSteps(undo, { mode: 'undo', kindOf, ctx: world, journal, clock, onFailure: 'stop' });
  assert.deepEqual(world.state, { a: 1 });
});

test('a resumed run skips done entries and keeps the before an earlier run journaled', async () => {
  const world: World = { state: { a: 2 }, log: [] };
  const list = entries({ kind: 'set', key: 'a', value: 2 }, { kind: 'set', key: 'b', value: 3 });
  list[0]!.status = 'done';
  list[1]!.before = 7;
  const out = await runSteps(list, { mode: 'apply', kindOf, ctx: world, journal: recording(world), clock, onFailure: 'stop' });
  assert.deepEqual(out, { ran: 1, resumed: 1, failed: 0 });
  assert.deepEqual(world.log, ['set b'], 'no re-read of before, no repeat of step 0');
  assert.equal(list[1]!.before, 7);
});

test('continue journals a failure and runs the next step; stop throws after journaling it', async () => {
  const world: World = { state: {}, log: [] };
  const cont = entries({ kind: 'boom', key: 'x' }, { kind: 'set', key: 'b', value: 1 });
  const out = await runSteps(cont, { mode: 'apply', kindOf, ctx: world, journal: recording(world), clock, onFailure: 'continue' });
  assert.deepEqual(out, { ran: 2, resumed: 0, failed: 1 });
  assert.deepEqual(cont[0]!.error, { code: 'AccessDenied', message: 'denied' });
  assert.equal(cont[1]!.status, 'done');

  const other: World = { state: {}, log: [] };
  const journal = recording(other);
  const stop = entries({ kind: 'boom', key: 'x' }, { kind: 'set', key: 'b', value: 1 });
  await assert.rejects(runSteps(stop, { mode: 'apply', kindOf, ctx: other, journal, clock, onFailure: 'stop' }), /denied/);
  assert.deepEqual(journal.saves, ['ran 0 failed {}']);
  assert.equal(stop[1]!.status, 'pending');
});

test('an error reading before escapes with nothing journaled and nothing changed', async () => {
  const world: World = { state: {}, log: [] };
  const journal = recording(world);
  const failing = { ...KINDS.set, before: async () => Promise.reject(new Error('killed')) };
  await assert.rejects(runSteps(entries({ kind: 'set', key: 'a', value: 1 }), { mode: 'apply', kindOf: () => failing as never, ctx: world, journal, clock, onFailure: 'continue' }), /killed/);
  assert.deepEqual([journal.saves, world.state], [[], {}]);
});

test('every containment and remediation kind declares permissions and renders aws commands', () => {
  for (const [name, kind] of [...Object.entries(CONTAIN_KINDS), ...Object.entries(REMEDIATION_KINDS)]) {
    assert.ok(kind.permissions.length > 0, `${name} declares no permission`);
    for (const p of kind.permissions) assert.match(p, /^[a-z0-9-]+:[A-Za-z0-9]+$/, name);
  }
  const spec = { action: 'deactivate-access-key' as const, userName: 'bob', accessKeyId: 'AKIAEXAMPLE' };
  assert.equal(CONTAIN_KINDS['deactivate-access-key'].cli(spec, {}, { region: 'us-east-1' }), 'aws iam update-access-key --user-name bob --access-key-id AKIAEXAMPLE --status Inactive --region us-east-1');
  assert.equal(CONTAIN_KINDS['deactivate-access-key'].undoCli(spec, {}, {}), 'aws iam update-access-key --user-name bob --access-key-id AKIAEXAMPLE --status Active');
});
