// Store journals written before the step machine (issue 25) still roll back and resume: the rows
// below are laid out as the pre-step-machine `applyPlan` wrote them (execution
// `remediation-<finding id>`, one row per step at its plan index, payload `{ step, before }`,
// `planned` then `applied`), and today's rollback / apply read them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyPlan, rollbackRemediation, type RemediationGateway, type RemediationStep } from '../../../src/actions/remediate/index.js';
import { openStore } from '../../../src/store/index.js';

const FINDING = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0';
const ARN = `arn:aws:iam::123456789012:policy/cordon-restrict-${FINDING}`;
const steps: RemediationStep[] = [
  { kind: 'CreateDenyPolicy', policyName: `cordon-restrict-${FINDING}`, policyArn: ARN, document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }] } },
  { kind: 'AttachPolicy', principalKind: 'user', principalName: 'crash', policyArn: ARN },
];

/** An in-memory IAM holding only what these steps touch, recording every mutation. */
function fakeIam(state: { policies: Set<string>; attached: Set<string> }) {
  const calls: string[] = [];
  const gw = {
    getManagedPolicy: async (arn: string) => (state.policies.has(arn) ? {} : undefined),
    createPolicy: async (name: string) => void (calls.push(`createPolicy ${name}`), state.policies.add(`arn:aws:iam::123456789012:policy/${name}`)),
    deletePolicy: async (arn: string) => void (calls.push(`deletePolicy ${arn}`), state.policies.delete(arn)),
    attachedPolicies: async () => [...state.attached],
    attachPolicy: async (_k: string, _n: string, arn: string) => void (calls.push(`attachPolicy ${arn}`), state.attached.add(arn)),
    detachPolicy: async (_k: string, _n: string, arn: string) => void (calls.push(`detachPolicy ${arn}`), state.attached.delete(arn)),
    close: () => {},
  } as unknown as RemediationGateway;
  return { gw, calls };
}

async function oldLayoutJournal(applied: number) {
  const store = await openStore(':memory:');
  const id = `remediation-${FINDING}`;
  const now = '2026-11-01T00:00:00.000Z';
  await store.journal.start({ id, kind: 'remediation', subject: FINDING, actor: 'old', metadata: { strategy: 'deny', summary: 'old' }, now });
  const befores = [{ existed: false }, { attached: false }];
  for (let index = 0; index < applied; index++) {
    await store.journal.appendStep(id, { index, kind: steps[index]!.kind, status: 'planned', payload: { step: steps[index], before: befores[index] }, now });
    await store.journal.updateStep(id, index, { status: 'applied', now });
  }
  if (applied === steps.length) await store.journal.finish(id, { status: 'completed', now });
  return store;
}

test('an old completed journal rolls back, newest step first, from the journaled before', async () => {
  const store = await oldLayoutJournal(2);
  try {
    const { gw, calls } = fakeIam({ policies: new Set([ARN]), attached: new Set([ARN]) });
    const out = await rollbackRemediation(FINDING, gw, store, { actor: 'test' });
    assert.deepEqual(out, { executionId: `remediation-${FINDING}`, undone: 2 });
    assert.deepEqual(calls, [`detachPolicy ${ARN}`, `deletePolicy ${ARN}`]);
    const journal = (await store.journal.get(out.executionId))!;
    assert.deepEqual([journal.execution.status, journal.steps.map((s) => s.status)], ['rolled-back', ['rolled-back', 'rolled-back']]);
  } finally {
    await store.close();
  }
});

test('an old journal interrupted after step 1 resumes: step 1 is not repeated', async () => {
  const store = await oldLayoutJournal(1);
  try {
    const { gw, calls } = fakeIam({ policies: new Set([ARN]), attached: new Set() });
    const plan = { findingId: FINDING, findingType: 'RiskyPermission', strategy: 'deny' as const, summary: 'old', steps, permissions: [] };
    const out = await applyPlan(plan, gw, store, { actor: 'test' });
    assert.deepEqual([out.applied, out.resumed], [1, 1]);
    assert.deepEqual(calls, [`attachPolicy ${ARN}`]);
    const journal = (await store.journal.get(out.executionId))!;
    assert.deepEqual(journal.steps.map((s) => [s.kind, s.status, (s.payload as { before: unknown }).before]), [['CreateDenyPolicy', 'applied', { existed: false }], ['AttachPolicy', 'applied', { attached: false }]]);
  } finally {
    await store.close();
  }
});
