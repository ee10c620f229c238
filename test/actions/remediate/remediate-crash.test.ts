// Crash between two steps (issue 10): the process "dies" after step 1 of a two-step plan is
// applied and journaled, before step 2 starts — modelled by a gateway that throws at step 2's
// first call, an exception that escapes before any bookkeeping, as a kill would. Then
// (a) rollback restores the original state, and (b) a resumed apply completes without doing
// step 1 twice. Against the sandbox, through the real SDK gateway.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CreateUserCommand, IAMClient, ListAttachedUserPoliciesCommand, ListPoliciesCommand } from '@aws-sdk/client-iam';
import { applyPlan, planFor, rollbackRemediation, type RemediationGateway } from '../../../src/actions/remediate/index.js';
import { createRemediationGateway } from '../../../src/aws/remediation-gateway.js';
import type { Finding } from '../../../src/model/finding.js';
import { openStore } from '../../../src/store/index.js';
import { useMoto } from '../../helpers/moto.js';

const moto = useMoto();
const A = '123456789012';

const finding = (id: string): Finding => ({
  id, type: 'RiskyPermission', severity: 'HIGH', status: 'ACTIVE', title: 'user crash can pass roles', accountId: A, resource: `arn:aws:iam::${A}:user/crash`, resourceType: 'AWS::IAM::User',
  principal: `arn:aws:iam::${A}:user/crash`, actions: ['iam:PassRole'], evidence: [], createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z',
});

class Crash extends Error {}

/** The real gateway, except that the first call listing attachments (step 2's first read) "kills" the process. */
function crashingBeforeStep2(real: RemediationGateway): RemediationGateway {
  let crashed = false;
  return { ...real, attachedPolicies: async (kind, name) => {
    if (!crashed) {
      crashed = true;
      throw new Crash('killed between steps');
    }
    return real.attachedPolicies(kind, name);
  } };
}

async function state(iam: IAMClient) {
  const policies = (await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies!.map((p) => p.PolicyName).sort();
  const attached = (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'crash' }))).AttachedPolicies!.map((p) => p.PolicyName).sort();
  return { policies, attached };
}

test('killed between steps: rollback restores the original state; a resumed apply completes without duplicates', async () => {
  const iam = new IAMClient(moto.config);
  const store = await openStore(join(mkdtempSync(join(tmpdir(), 'cordon-crash-')), 'c.db'));
  const gateway = createRemediationGateway({ endpointUrl: moto.endpoint, region: 'us-east-1' });
  try {
    await iam.send(new CreateUserCommand({ UserName: 'crash' }));
    const original = await state(iam);

    // (a) crash, then rollback
    const planA = planFor(finding('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'));
    await assert.rejects(applyPlan(planA, crashingBeforeStep2(gateway), store, { actor: 'test' }), Crash);
    assert.deepEqual((await state(iam)).policies, [...original.policies, 'cordon-restrict-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'].sort(), 'step 1 happened');
    const journal = (await store.journal.get('remediation-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'))!;
    assert.deepEqual(journal.steps.map((s) => [s.kind, s.status]), [['CreateDenyPolicy', 'applied']]);
    const undone = await rollbackRemediation(planA.findingId, gateway, store, { actor: 'test' });
    assert.equal(undone.undone, 1);
    assert.deepEqual(await state(iam), original);

    // (b) crash, then apply again: resumes, step 1 not repeated
    const planB = planFor(finding('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'));
    await assert.rejects(applyPlan(planB, crashingBeforeStep2(gateway), store, { actor: 'test' }), Crash);
    const resumed = await applyPlan(planB, gateway, store, { actor: 'test' });
    assert.deepEqual([resumed.applied, resumed.resumed], [1, 1]);
    const after = await state(iam);
    assert.deepEqual(after.policies.filter((p) => p?.startsWith('cordon-restrict-')), ['cordon-restrict-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']);
    assert.deepEqual(after.attached, ['cordon-restrict-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']);
    const again = await applyPlan(planB, gateway, store, { actor: 'test' });
    assert.deepEqual([again.applied, again.resumed], [0, 2], 'a completed plan is not re-applied');
    assert.deepEqual((await store.journal.get(resumed.executionId))!.steps.map((s) => s.status), ['applied', 'applied']);
    await rollbackRemediation(planB.findingId, gateway, store, { actor: 'test' });
    assert.deepEqual(await state(iam), original);
  } finally {
    gateway.close();
    await store.close();
    iam.destroy();
  }
});
