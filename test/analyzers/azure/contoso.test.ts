/**
 * The Contoso fixture tenant (test/fixtures/azure/contoso, real export shapes) through
 * `loadSnapshotFiles` and the Azure analyzers: every escalation method has a positive actor and an
 * adversarial negative one that differs by the documented detail that defeats it.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadSnapshotFiles } from '../../../src/collect/index.js';
import { analyzeAzure } from '../../../src/analyzers/azure/index.js';
import { AZURE_ESCALATION_METHODS } from '../../../src/analyzers/azure/escalation/methods.js';
import type { FindingDraft } from '../../../src/model/finding.js';

const DIR = join(import.meta.dirname, '../../fixtures/azure/contoso');
const NOW = new Date('2026-12-07T00:00:00Z');
const uid = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
const sp = (n: number) => `00000000-0000-4000-c000-${String(n).padStart(12, '0')}`;

let findings: FindingDraft[] = [];
const esc = (actor: string) => findings.filter((f) => f.type === 'PrivilegeEscalation' && f.principal === actor);
const gained = (actor: string) => esc(actor).map((f) => String(f.details?.gained));
const firstMethods = (actor: string) => new Set(esc(actor).filter((f) => f.path!.length === 1).map((f) => f.ruleId));

before(async () => {
  const { snapshot, issues } = await loadSnapshotFiles(readdirSync(DIR).map((f) => join(DIR, f)), { now: NOW });
  assert.deepEqual(issues, []);
  findings = analyzeAzure(snapshot, NOW);
});

describe('azure escalation methods on the Contoso tenant', () => {
  test('azure-001: User Access Administrator assigns itself Owner; RBAC Administrator with a Reader-only delegation condition cannot', () => {
    assert.ok(gained(uid(1)).includes('owner:/subscriptions/9b2c6d1e-0a4f-4c1e-9a57-3f0b8f1e2a01/resourcegroups/rg-app'));
    assert.deepEqual(esc(uid(2)), []);
  });

  test("azure-001 negative: Contributor's NotActions exclude role assignments (carol gains Owner only through a managed identity)", () => {
    assert.ok(!firstMethods(uid(3)).has('azure-001'));
    const owner = esc(uid(3)).find((f) => f.details?.gained === 'owner:/subscriptions/9b2c6d1e-0a4f-4c1e-9a57-3f0b8f1e2a01');
    assert.deepEqual(owner?.path?.map((s) => s.method), ['azure-005', 'azure-001']);
  });

  test('azure-002: roleDefinitions/write on an assigned custom role; not when the role is assignable above the holder\'s scope', () => {
    assert.ok(firstMethods(uid(6)).has('azure-002'));
    assert.deepEqual(esc(uid(8)), []);
  });

  test('azure-003/004: run command on a VM whose identity is Owner; the deny assignment on vm-locked and the identity-less vm-plain stop it', () => {
    const dave = gained(uid(4));
    assert.ok(dave.includes(`identity:${sp(31)}`));
    assert.ok(!dave.includes(`identity:${sp(32)}`), 'vm-locked is behind a deny assignment for Everyone');
    assert.deepEqual(esc(uid(5)), [], 'erin: VM Contributor on a VM without identity');
  });

  test('azure-004: extensions/write alone (custom role) on vm-build; the same role on vm-locked is denied', () => {
    const f = esc(uid(24)).filter((x) => x.path!.length === 1);
    assert.deepEqual(f.map((x) => [x.ruleId, x.details?.gained]), [['azure-004', `identity:${sp(31)}`]]);
  });

  test('azure-003 through nested group membership (victor ∈ grp-sre ∈ grp-platform)', () => {
    const f = esc(uid(17)).find((x) => x.details?.gained === `identity:${sp(31)}`);
    assert.ok(f);
    assert.match(f.path![0]!.evidence[0]!.note ?? '', /via 00000000-0000-4000-b000-000000000002/);
  });

  test('azure-005: Automation runbook as a user-assigned identity, then transitively Owner', () => {
    assert.ok(gained(uid(10)).includes(`identity:${sp(36)}`));
    assert.ok(gained(uid(10)).includes('owner:/subscriptions/9b2c6d1e-0a4f-4c1e-9a57-3f0b8f1e2a01'));
  });

  test('azure-006: Website Contributor over an app with a stronger identity; not over one whose identity holds less', () => {
    assert.ok(gained(uid(7)).includes(`identity:${sp(33)}`));
    assert.ok(!gained(uid(7)).includes(`identity:${sp(34)}`));
  });

  test('azure-007: Logic App Contributor', () => assert.ok(gained(uid(9)).includes(`identity:${sp(35)}`)));

  test('azure-008: Key Vault Contributor on an access-policy vault; never on an RBAC-model vault', () => {
    assert.ok(gained(uid(11)).some((g) => g.endsWith('/vaults/kv-legacy')));
    assert.ok(!findings.some((f) => String(f.details?.gained).endsWith('/vaults/kv-rbac')));
  });

  test('azure-008 negative: a principal already in the access policies gains nothing new', () => {
    assert.ok(!gained(uid(23)).some((g) => g.endsWith('/vaults/kv-legacy')));
  });

  test('azure-009: AKS cluster admin credentials, and the kubelet identity', () => {
    assert.ok(gained(uid(12)).some((g) => g.startsWith('aks:')));
    assert.ok(gained(uid(12)).includes(`identity:${sp(37)}`));
    assert.ok(!esc(uid(2)).length && !gained(uid(7)).some((g) => g.startsWith('aks:')));
  });

  test('azure-010: owner of an application whose service principal is Owner; not of one holding what the owner has', () => {
    assert.ok(gained(uid(13)).includes(`identity:${sp(41)}`));
    assert.ok(!gained(uid(13)).includes(`identity:${sp(42)}`));
  });

  test('azure-011/012/013: Application Administrator, Privileged Role Administrator → Global Administrator → root', () => {
    assert.ok(firstMethods(uid(15)).has('azure-011'));
    assert.ok(gained(uid(14)).includes('entra:global-admin'));
    const root = esc(uid(14)).find((f) => f.details?.gained === 'owner:/');
    assert.deepEqual(root?.path?.map((s) => s.method), ['azure-012', 'azure-013', 'azure-001']);
    assert.equal(root?.resourceType, 'Microsoft.Directory/roleAssignments');
    assert.equal(root?.resource, 'dra-olivia-pra');
  });

  test('every method has a positive finding in the fixture', () => {
    const used = new Set(findings.filter((f) => f.type === 'PrivilegeEscalation').flatMap((f) => f.path!.map((s) => s.method)));
    assert.deepEqual(AZURE_ESCALATION_METHODS.map((m) => m.id).filter((id) => !used.has(id)), []);
  });

  test('findings are stable: same ids, sorted input or not', async () => {
    const files = readdirSync(DIR).map((f) => join(DIR, f)).reverse();
    const { snapshot } = await loadSnapshotFiles(files, { now: NOW });
    assert.deepEqual(analyzeAzure(snapshot, NOW).map((f) => f.id).sort(), findings.map((f) => f.id).sort());
    for (const f of findings) assert.match(f.id, /^[a-z0-9]+$/);
  });
});

describe('azure risky, exposure and unused on the Contoso tenant', () => {
  const by = (rule: string) => findings.filter((f) => f.ruleId === rule);
  test('risky: Owner/UAA and Contributor at subscription, classic admin, `*` custom role, eligible Owner', () => {
    assert.ok(by('azure-risky-001').some((f) => f.principal === uid(23)));
    assert.ok(by('azure-risky-002').some((f) => f.principal === uid(3)));
    assert.ok(!by('azure-risky-002').some((f) => f.principal === uid(20)), 'Contributor at a resource group is not subscription scope');
    assert.equal(by('azure-risky-003').length, 1);
    assert.deepEqual(by('azure-risky-004').map((f) => f.title), ['custom role Ops Everything grants `*`']);
    assert.ok(by('azure-risky-005').some((f) => f.principal === uid(18)));
  });

  test('exposure: the guest and the foreign tenant\'s app hold roles; the multi-tenant app holds Graph permissions; members are not reported', () => {
    const ext = findings.filter((f) => f.type === 'ExternalAccess');
    assert.ok(ext.some((f) => f.principal === uid(16)));
    assert.ok(ext.some((f) => f.principal === sp(43)));
    assert.ok(ext.some((f) => f.principal === sp(44) && f.ruleId === 'azure-exposure-003'));
    assert.ok(!ext.some((f) => f.principal === uid(3) || f.principal === sp(41)));
  });

  test('unused: only the principal whose last sign-in is older than 90 days', () => {
    assert.deepEqual(by('azure-unused-001').map((f) => f.principal), [uid(20)]);
    const later = analyzeAzure({ sources: [], accounts: [], warnings: [], collectedAt: NOW.toISOString() } as never, NOW);
    assert.deepEqual(later, []);
  });
});
