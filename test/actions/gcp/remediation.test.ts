// GCP remediation on the demo organization: the deny-policy plan renders as gcloud commands,
// the engine proves it breaks the escalation path (and a plan that denies the wrong thing is
// refused), apply and rollback through the step machine leave the cloud as it was; binding
// removal rolls back with its condition; keys are disabled and re-enabled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeGcp } from '../../../src/analyzers/gcp/index.js';
import { loadSnapshotFiles } from '../../../src/collect/index.js';
import { openStore } from '../../../src/store/index.js';
import { planGcpRemediation } from '../../../src/actions/gcp/plan.js';
import { proveGcpRemediation } from '../../../src/actions/gcp/prove.js';
import { applyGcpPlan, renderGcpPlan, rollbackGcpPlan } from '../../../src/actions/gcp/execute.js';
import { FakeGcp } from './fake-gateway.js';

const EXPORTS = fileURLToPath(new URL('../../../src/sandbox/demo/gcp-exports', import.meta.url));
const NOW = new Date('2026-12-07T00:00:00Z');

async function demo() {
  const { snapshot } = await loadSnapshotFiles([EXPORTS], { now: NOW });
  return { snapshot, findings: analyzeGcp(snapshot, NOW) };
}

test('deny plan: narrowest attachment point, v2 principal and FQDN permission, id carries the finding id; gcloud text', async () => {
  const { snapshot, findings } = await demo();
  const f = findings.find((x) => x.principal === 'user:alice@example.com' && x.ruleId === 'GetServiceAccountAccessToken')!;
  const plan = planGcpRemediation(f, snapshot.gcp!);
  const step = plan.steps[0]!;
  assert.equal(step.kind, 'CreateDenyPolicy');
  if (step.kind !== 'CreateDenyPolicy') return;
  assert.equal(step.attachmentPoint, '//cloudresourcemanager.googleapis.com/projects/prod-app');
  assert.equal(step.policyId, `cordon-${f.id}`);
  assert.deepEqual(step.policy.rules[0]!.denyRule, { deniedPrincipals: ['principal://goog/subject/alice@example.com'], deniedPermissions: ['iam.googleapis.com/serviceAccounts.getAccessToken'] });
  const { cli, rollbackCli } = renderGcpPlan(plan);
  assert.match(cli[0]!, new RegExp(`gcloud iam policies create cordon-${f.id} --attachment-point=cloudresourcemanager.googleapis.com/projects/prod-app --kind=denypolicies --policy-file=cordon-${f.id}.json$`));
  assert.deepEqual(JSON.parse(cli[0]!.split('\n').slice(1, -2).join('\n')), step.policy, 'the policy file is the plan');
  assert.equal(rollbackCli[0], `gcloud iam policies delete cordon-${f.id} --attachment-point=cloudresourcemanager.googleapis.com/projects/prod-app --kind=denypolicies`);
});

test('proof: the deny breaks the path (transitive too); denying an unrelated permission is not a proof', async () => {
  const { snapshot, findings } = await demo();
  for (const f of findings.filter((x) => x.type === 'PrivilegeEscalation')) {
    const plan = planGcpRemediation(f, snapshot.gcp!);
    assert.equal(proveGcpRemediation(snapshot, f, plan, NOW).findingResolved, true, f.title);
  }
  const f = findings.find((x) => x.principal === 'user:carol@example.com' && x.path?.length === 2)!;
  const wrong = planGcpRemediation(f, snapshot.gcp!);
  const step = wrong.steps[0]!;
  if (step.kind === 'CreateDenyPolicy') step.policy.rules[0]!.denyRule.deniedPermissions = ['storage.googleapis.com/objects.get'];
  assert.equal(proveGcpRemediation(snapshot, f, wrong, NOW).findingResolved, false);
});

test('proof reports observed usage the deny would break', async () => {
  const { snapshot, findings } = await demo();
  snapshot.gcp!.activity.push({ principal: 'user:alice@example.com', lastUsed: '2026-12-01T00:00:00Z', permissions: ['iam.serviceAccounts.getAccessToken'] });
  const f = findings.find((x) => x.principal === 'user:alice@example.com')!;
  assert.deepEqual(proveGcpRemediation(snapshot, f, planGcpRemediation(f, snapshot.gcp!), NOW).brokenUsage, ['iam.serviceAccounts.getAccessToken']);
});

test('apply then rollback through the step machine: deny policy created once (resumed apply repeats nothing), then deleted', async () => {
  const { snapshot, findings } = await demo();
  const f = findings.find((x) => x.principal === 'user:dave@example.com' && x.ruleId === 'UpdateIAMRole')!;
  const plan = planGcpRemediation(f, snapshot.gcp!);
  const gw = new FakeGcp();
  const store = await openStore(':memory:');
  try {
    gw.failOn = 'createDenyPolicy';
    await assert.rejects(applyGcpPlan(plan, gw, store, { actor: 'test' }), /injected failure/);
    gw.failOn = undefined;
    const r = await applyGcpPlan(plan, gw, store, { actor: 'test' });
    assert.equal(r.executionId, `remediation-${f.id}`);
    assert.equal(gw.denies.size, 1);
    const again = await applyGcpPlan(plan, gw, store, { actor: 'test' });
    assert.equal(again.resumed, 1);
    assert.equal(gw.calls.filter((c) => c.startsWith('createDenyPolicy')).length, 2, 'one failed attempt, one success, none on resume');
    const back = await rollbackGcpPlan(f.id, gw, store, { actor: 'test' });
    assert.equal(back.undone, 1);
    assert.equal(gw.denies.size, 0);
    await assert.rejects(rollbackGcpPlan(f.id, gw, store, { actor: 'test' }), /nothing to roll back/);
  } finally {
    await store.close();
  }
});

test('remove binding: the member leaves, rollback re-adds it with its condition', async () => {
  const { snapshot, findings } = await demo();
  const f = findings.find((x) => x.type === 'ExternalAccess')!;
  const plan = planGcpRemediation(f, snapshot.gcp!);
  assert.equal(plan.strategy, 'remove-binding');
  const gw = new FakeGcp();
  const org = '//cloudresourcemanager.googleapis.com/organizations/123456789012';
  const cond = { title: 't', expression: 'request.time < timestamp("2030-01-01T00:00:00Z")' };
  gw.allow.set(org, { version: 3, etag: 'e', bindings: [{ role: 'roles/editor', members: ['user:contractor@partner-corp.com', 'user:x@example.com'] }, { role: 'roles/viewer', members: ['user:contractor@partner-corp.com'], condition: cond }] });
  const original = structuredClone(gw.allow.get(org));
  const store = await openStore(':memory:');
  try {
    await applyGcpPlan(plan, gw, store, { actor: 'test' });
    assert.deepEqual(gw.allow.get(org)!.bindings[0]!.members, ['user:x@example.com']);
    assert.deepEqual(gw.allow.get(org)!.bindings[1], original!.bindings[1], 'the conditional binding is another binding: untouched');
    await rollbackGcpPlan(f.id, gw, store, { actor: 'test' });
    assert.deepEqual(new Set(gw.allow.get(org)!.bindings[0]!.members), new Set(original!.bindings[0]!.members));
  } finally {
    await store.close();
  }
  assert.match(renderGcpPlan(plan).cli[0]!, /^gcloud organizations remove-iam-policy-binding 123456789012 --member=user:contractor@partner-corp.com --role=roles\/editor --condition=None$/);
  const erinPlan = { ...plan, steps: [{ kind: 'RemoveBinding' as const, resource: '//cloudresourcemanager.googleapis.com/projects/prod-app', role: 'r', member: 'user:erin@example.com', condition: { title: 'until end of 2025', expression: 'request.time < timestamp("2026-01-01T00:00:00Z")' } }] };
  assert.equal(renderGcpPlan(erinPlan).rollbackCli[0], `gcloud projects add-iam-policy-binding prod-app --member=user:erin@example.com --role=r --condition='^;^expression=request.time < timestamp("2026-01-01T00:00:00Z");title=until end of 2025'`);
});

test('user-managed key: disabled, then enabled again on rollback', async () => {
  const { snapshot, findings } = await demo();
  const f = findings.find((x) => x.ruleId === 'GcpUserManagedKey')!;
  const plan = planGcpRemediation(f, snapshot.gcp!);
  assert.equal(renderGcpPlan(plan).cli[0], 'gcloud iam service-accounts keys disable 3c5f8e1a9b2d4c6e8f0a1b2c3d4e5f6a7b8c9d0e --iam-account=ci-runner@ci-tools.iam.gserviceaccount.com');
  const gw = new FakeGcp();
  const store = await openStore(':memory:');
  try {
    await applyGcpPlan(plan, gw, store, { actor: 'test' });
    assert.equal(gw.disabled.get(plan.steps[0]!.kind === 'DisableServiceAccountKey' ? plan.steps[0]!.name : ''), true);
    await rollbackGcpPlan(f.id, gw, store, { actor: 'test' });
    assert.deepEqual([...gw.disabled.values()], [false]);
  } finally {
    await store.close();
  }
});
