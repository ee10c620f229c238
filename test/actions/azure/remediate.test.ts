/**
 * Azure remediation on the step machine with an in-memory gateway: each strategy's plan, its `az`
 * rendering, apply → rollback restores the exact state (same assignment name and condition), a
 * crash between steps resumes without repeating, and the engine proves the condition strategy
 * removes the escalation.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSnapshotFiles } from '../../../src/collect/index.js';
import { analyzeAzure } from '../../../src/analyzers/azure/index.js';
import { planAzureRemediation, NO_PRIVILEGED_DELEGATION } from '../../../src/actions/azure/plan.js';
import { applyAzurePlan, renderAzurePlan, rollbackAzurePlan } from '../../../src/actions/azure/execute.js';
import type { AzureRemediationGateway, EligibilityRequest, RoleAssignmentState } from '../../../src/actions/azure/gateway.js';
import { openStore } from '../../../src/store/index.js';
import type { AzureSnapshot } from '../../../src/model/azure/snapshot.js';
import type { FindingDraft } from '../../../src/model/finding.js';

const DIR = join(import.meta.dirname, '../../fixtures/azure/contoso');
const NOW = new Date('2026-12-07T00:00:00Z');
const clock = () => NOW.toISOString();

class FakeAzure implements AzureRemediationGateway {
  assignments = new Map<string, RoleAssignmentState>();
  enabled = new Map<string, boolean>();
  requests: EligibilityRequest[] = [];
  calls: string[] = [];
  failOn?: string;
  private key = (scope: string, name: string) => `${scope.toLowerCase()}|${name}`;
  private hit(op: string) {
    this.calls.push(op);
    if (this.failOn === op) throw new Error(`injected failure in ${op}`);
  }
  async getRoleAssignment(scope: string, name: string) { return this.assignments.get(this.key(scope, name)); }
  async putRoleAssignment(scope: string, name: string, s: RoleAssignmentState) { this.hit('put'); this.assignments.set(this.key(scope, name), JSON.parse(JSON.stringify(s)) as RoleAssignmentState); }
  async deleteRoleAssignment(scope: string, name: string) { this.hit('delete'); this.assignments.delete(this.key(scope, name)); }
  async requestEligibility(r: EligibilityRequest) { this.hit(`eligibility:${r.requestType}`); this.requests.push(r); }
  async getAccountEnabled(_t: string, id: string) { return this.enabled.get(id); }
  async setAccountEnabled(_t: string, id: string, v: boolean) { this.hit('enable'); this.enabled.set(id, v); }
}

let az: AzureSnapshot;
let findings: FindingDraft[];
function fakeFrom(snapshot: AzureSnapshot): FakeAzure {
  const f = new FakeAzure();
  for (const a of snapshot.roleAssignments.filter((x) => x.tier === 'active')) f.assignments.set(`${a.scope.toLowerCase()}|${a.name}`, JSON.parse(JSON.stringify({ roleDefinitionId: a.roleDefinitionId, principalId: a.principalId, principalType: a.principalType, condition: a.condition, conditionVersion: a.conditionVersion })) as RoleAssignmentState);
  for (const u of snapshot.users) f.enabled.set(u.id, u.accountEnabled ?? true);
  return f;
}
const store = () => openStore(join(mkdtempSync(join(tmpdir(), 'cordon-az-')), 'c.db'));
const aliceEscalation = () => findings.find((f) => f.ruleId === 'azure-001' && f.principal === '00000000-0000-4000-a000-000000000001')!;

before(async () => {
  const { snapshot } = await loadSnapshotFiles(readdirSync(DIR).map((f) => join(DIR, f)), { now: NOW });
  az = snapshot.azure!;
  findings = analyzeAzure(snapshot, NOW);
});

describe('azure remediation', () => {
  test('remove: az text, apply deletes, rollback recreates with the same name, role, principal', async () => {
    const plan = planAzureRemediation(aliceEscalation(), az, 'remove');
    const gw = fakeFrom(az);
    const original = new Map(gw.assignments);
    const text = await renderAzurePlan(plan, gw);
    assert.match(text.cli[0]!, /^az role assignment delete --ids \/subscriptions\/.*\/roleAssignments\/5a5a0000-0000-4000-8000-000000000001$/);
    assert.match(text.rollbackCli[0]!, /^az role assignment create --name 5a5a0000-0000-4000-8000-000000000001 --scope \S+\/rg-app --role \S+\/18d7d88d-d35e-4fb5-a5c3-7773c2a72d9f --assignee-object-id 00000000-0000-4000-a000-000000000001 --assignee-principal-type User$/);
    const s = await store();
    const applied = await applyAzurePlan(plan, gw, s, { actor: 'test', now: clock });
    assert.equal(applied.applied, 1);
    assert.equal(gw.assignments.size, original.size - 1);
    const rolled = await rollbackAzurePlan(plan.findingId, gw, s, { actor: 'test', now: clock });
    assert.equal(rolled.undone, 1);
    assert.deepEqual(gw.assignments, original);
    await assert.rejects(rollbackAzurePlan(plan.findingId, gw, s, { actor: 'test', now: clock }), /nothing to roll back/);
  });

  test('rollback keeps an assignment\'s condition (bob\'s delegation condition survives remove → rollback)', async () => {
    const bob = az.roleAssignments.find((a) => a.principalId === '00000000-0000-4000-a000-000000000002')!;
    const draft = { ...aliceEscalation(), id: 'bobfinding', resource: bob.id };
    const gw = fakeFrom(az);
    const before = structuredClone(await gw.getRoleAssignment(bob.scope, bob.name));
    const s = await store();
    await applyAzurePlan(planAzureRemediation(draft, az, 'remove'), gw, s, { actor: 't', now: clock });
    assert.equal(await gw.getRoleAssignment(bob.scope, bob.name), undefined);
    await rollbackAzurePlan('bobfinding', gw, s, { actor: 't', now: clock });
    assert.deepEqual(await gw.getRoleAssignment(bob.scope, bob.name), before);
    assert.ok(before?.condition?.includes('ForAnyOfAnyValues:GuidEquals'));
  });

  test('condition: the engine no longer finds alice\'s escalation once the delegation condition is set; rollback removes it', async () => {
    const plan = planAzureRemediation(aliceEscalation(), az, 'condition');
    const gw = fakeFrom(az);
    const s = await store();
    await applyAzurePlan(plan, gw, s, { actor: 't', now: clock });
    const step = plan.steps[0] as { scope: string; name: string };
    assert.equal((await gw.getRoleAssignment(step.scope, step.name))?.condition, NO_PRIVILEGED_DELEGATION);
    const patched: AzureSnapshot = { ...az, roleAssignments: az.roleAssignments.map((a) => (a.name === step.name ? { ...a, condition: NO_PRIVILEGED_DELEGATION, conditionVersion: '2.0' } : a)) };
    const after = analyzeAzure({ sources: [], accounts: [], warnings: [], azure: patched } as never, NOW);
    assert.ok(!after.some((f) => f.id === aliceEscalation().id), 'proof: the escalation is gone');
    await rollbackAzurePlan(plan.findingId, gw, s, { actor: 't', now: clock });
    assert.equal((await gw.getRoleAssignment(step.scope, step.name))?.condition, undefined);
  });

  test('eligible: AdminAssign then delete; a crash on the delete resumes without a second AdminAssign; rollback removes eligibility and recreates', async () => {
    const plan = planAzureRemediation(aliceEscalation(), az, 'eligible');
    assert.deepEqual(plan.steps.map((x) => x.kind), ['make-eligible', 'delete-role-assignment']);
    const text = await renderAzurePlan(plan);
    assert.match(text.cli[0]!, /^az rest --method put --url 'https:\/\/management\.azure\.com\/subscriptions\/.*\/roleEligibilityScheduleRequests\/[0-9a-f-]{36}\?api-version=2020-10-01' --body '\{"properties":\{.*"requestType":"AdminAssign"/);
    const gw = fakeFrom(az);
    const original = new Map(gw.assignments);
    const s = await store();
    gw.failOn = 'delete';
    await assert.rejects(applyAzurePlan(plan, gw, s, { actor: 't', now: clock }), /injected failure/);
    gw.failOn = undefined;
    const resumed = await applyAzurePlan(plan, gw, s, { actor: 't', now: clock });
    assert.equal(resumed.resumed, 1);
    assert.deepEqual(gw.calls.filter((c) => c.startsWith('eligibility')), ['eligibility:AdminAssign'], 'no doubled request');
    await rollbackAzurePlan(plan.findingId, gw, s, { actor: 't', now: clock });
    assert.deepEqual(gw.assignments, original);
    assert.deepEqual(gw.requests.map((r) => r.requestType), ['AdminAssign', 'AdminRemove']);
  });

  test('disable: accountEnabled=false, rollback re-enables; plans say what cannot be undone; wrong strategies refused', async () => {
    const plan = planAzureRemediation(aliceEscalation(), az, 'disable');
    assert.equal((await renderAzurePlan(plan)).cli[0], 'az ad user update --id 00000000-0000-4000-a000-000000000001 --account-enabled false');
    assert.ok(plan.irreversible.length > 0);
    const gw = fakeFrom(az);
    const s = await store();
    await applyAzurePlan(plan, gw, s, { actor: 't', now: clock });
    assert.equal(gw.enabled.get('00000000-0000-4000-a000-000000000001'), false);
    await rollbackAzurePlan(plan.findingId, gw, s, { actor: 't', now: clock });
    assert.equal(gw.enabled.get('00000000-0000-4000-a000-000000000001'), true);
    const olivia = findings.find((f) => f.ruleId === 'azure-012')!;
    assert.throws(() => planAzureRemediation(olivia, az, 'remove'), /use --strategy disable/);
  });
});
