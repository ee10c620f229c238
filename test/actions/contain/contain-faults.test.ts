/**
 * Crash safety and reversibility against moto: a fault at every mutating call and a crash at
 * every journal write still leave a report from which release restores the original state and
 * resume completes containment.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useLightMoto } from './moto-light.js';
import { containPrincipal, releasePrincipal } from '../../../src/actions/contain/index.js';
import { readConfiguration } from '../../../src/actions/contain/read-config.js';
import { createContainmentGateway } from '../../../src/aws/containment-gateway.js';
import { directoryReportSink } from '../../../src/store/report-dir.js';
import { restorable, seedUser, type UserSpec } from './seed.js';
import { crashingSink, faultyGateway } from './fault-gateway.js';

const moto = useLightMoto();

const clock = () => new Date().toISOString();
let n = 0;
const randomHex = () => (++n).toString(16).padStart(6, '0');
const target = { type: 'iam-user' as const, name: 'victim' };
const scenario: UserSpec = { name: 'victim', keys: ['Active', 'Inactive'], groups: ['g1'], inline: 1, managed: 1, loginProfile: true, mfa: true, tags: { owner: 'x' } };

async function fresh(spec: UserSpec) {
  await moto.sandbox.reset();
  await seedUser(moto.config, spec);
  const gw = createContainmentGateway({ endpointUrl: moto.endpoint, region: 'us-east-1' });
  return { gw, before: await readConfiguration(gw, target, []), sink: directoryReportSink(await mkdtemp(join(tmpdir(), 'cordon-fault-'))) };
}

describe('fault injection', () => {
  test('a fault at the n-th mutating call, for every n: release restores, resume completes', async () => {
    const probe = await fresh(scenario);
    const counting = faultyGateway(probe.gw, 0);
    await containPrincipal({ target, apply: true, tags: {}, bucketAccess: [] }, { gateway: counting.gateway, sink: probe.sink, clock, randomHex });
    const total = counting.calls.count;
    assert.ok(total >= 5, `expected several mutating calls, saw ${counting.calls.names.join(',')}`);

    for (let failAt = 1; failAt <= total; failAt++) {
      // Release straight from the partial report.
      const a = await fresh(scenario);
      const broken = await containPrincipal({ target, apply: true, tags: {}, bucketAccess: [] }, { gateway: faultyGateway(a.gw, failAt).gateway, sink: a.sink, clock, randomHex });
      assert.equal(broken.report.status, 'partial', `fault ${failAt}`);
      assert.equal(broken.report.steps.filter((s) => s.status === 'failed').length, 1);
      const partial = await a.sink.read(broken.report.key);
      await releasePrincipal(partial!, { apply: true, reactivateKeys: true, recreateLoginProfile: false }, { gateway: a.gw, sink: a.sink, clock });
      assert.deepEqual(restorable(await readConfiguration(a.gw, target, []), true), restorable(a.before, true), `release after fault ${failAt}`);

      // Resume with the same execution id completes containment.
      const b = await fresh(scenario);
      const first = await containPrincipal({ target, apply: true, executionId: `fault-${failAt}`, tags: {}, bucketAccess: [] }, { gateway: faultyGateway(b.gw, failAt).gateway, sink: b.sink, clock, randomHex });
      assert.equal(first.report.status, 'partial');
      const resumed = await containPrincipal({ target, apply: true, executionId: `fault-${failAt}`, tags: {}, bucketAccess: [] }, { gateway: b.gw, sink: b.sink, clock, randomHex });
      assert.equal(resumed.resumed, true);
      assert.equal(resumed.report.status, 'contained');
      assert.equal(resumed.report.verification?.structural.passed, true, resumed.report.verification?.reasons.join('; '));
    }
  });

  test('a crash while journaling after any step: the partial report still releases everything', async () => {
    const probe = await fresh(scenario);
    const plan = await containPrincipal({ target, apply: false, tags: {}, bucketAccess: [] }, { gateway: probe.gw, clock, randomHex });
    const writes = plan.report.steps.length + 1;
    for (let crashAt = 2; crashAt <= writes; crashAt++) {
      const a = await fresh(scenario);
      await assert.rejects(containPrincipal({ target, apply: true, executionId: `crash-${crashAt}`, tags: {}, bucketAccess: [] }, { gateway: a.gw, sink: crashingSink(a.sink, crashAt), clock, randomHex }), /injected crash/);
      const key = await a.sink.find(`crash-${crashAt}`);
      const partial = await a.sink.read(key!);
      assert.ok(partial?.steps.some((s) => s.status === 'pending'), 'the crash left pending steps');
      await releasePrincipal(partial!, { apply: true, reactivateKeys: true, recreateLoginProfile: false }, { gateway: a.gw, sink: a.sink, clock });
      assert.deepEqual(restorable(await readConfiguration(a.gw, target, []), true), restorable(a.before, true), `crash at write ${crashAt}`);
    }
  });
});
