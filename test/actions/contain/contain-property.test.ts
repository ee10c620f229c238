/**
 * Property test against moto: random user configurations (0-2 keys in mixed states, 0-3 groups,
 * 0-5 policies, with or without login profile and MFA) → contain → release restores them, modulo
 * what release documents as unrestorable. Fixed seed, bounded runs, moto reset between runs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { useLightMoto } from './moto-light.js';
import { containPrincipal, releasePrincipal } from '../../../src/actions/contain/index.js';
import { readConfiguration } from '../../../src/actions/contain/read-config.js';
import { createContainmentGateway } from '../../../src/aws/containment-gateway.js';
import { directoryReportSink } from '../../../src/store/report-dir.js';
import { restorable, seedUser, type UserSpec } from './seed.js';

const moto = useLightMoto();
const clock = () => new Date().toISOString();
let n = 0;
const randomHex = () => (++n).toString(16).padStart(6, '0');
const target = { type: 'iam-user' as const, name: 'victim' };

async function fresh(spec: UserSpec) {
  await moto.sandbox.reset();
  await seedUser(moto.config, spec);
  const gw = createContainmentGateway({ endpointUrl: moto.endpoint, region: 'us-east-1' });
  return { gw, before: await readConfiguration(gw, target, []), sink: directoryReportSink(await mkdtemp(join(tmpdir(), 'cordon-prop-'))) };
}

describe('property: contain → release restores random user configurations', () => {
  test('0-2 keys in mixed states, 0-3 groups, 0-5 policies, with or without login profile and MFA', async () => {
    const spec = fc.record({
      keys: fc.array(fc.constantFrom<'Active' | 'Inactive'>('Active', 'Inactive'), { maxLength: 2 }),
      groups: fc.subarray(['g1', 'g2', 'g3']),
      policies: fc.integer({ min: 0, max: 5 }),
      split: fc.integer({ min: 0, max: 5 }),
      loginProfile: fc.boolean(),
      mfa: fc.boolean(),
      reactivate: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(spec, async (s) => {
        const inline = Math.min(s.split, s.policies);
        const user: UserSpec = { name: 'victim', keys: s.keys, groups: s.groups, inline, managed: s.policies - inline, loginProfile: s.loginProfile, mfa: s.mfa };
        const { gw, before, sink } = await fresh(user);
        const out = await containPrincipal({ target, apply: true, tags: {}, bucketAccess: [] }, { gateway: gw, sink, clock, randomHex });
        assert.equal(out.report.verification?.structural.passed, true);
        await releasePrincipal(out.report, { apply: true, reactivateKeys: s.reactivate, recreateLoginProfile: false }, { gateway: gw, sink, clock });
        assert.deepEqual(restorable(await readConfiguration(gw, target, []), s.reactivate), restorable(before, s.reactivate));
      }),
      { seed: 20261123, numRuns: 15 },
    );
  });
});
