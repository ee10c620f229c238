// One positive and adversarial negatives per GCP escalation method (cases in escalation-cases.ts,
// each citing the documentation its shape comes from), run through the reader, engine and analyzer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeGcp } from '../../../src/analyzers/gcp/index.js';
import type { Snapshot } from '../../../src/model/snapshot/types.js';
import { ATTACKER } from './build.js';
import { snapshotOf } from './build.js';
import { ESCALATION_CASES } from './escalation-cases.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const asSnapshot = (files: object[]): Snapshot => ({ sources: [], collectedAt: NOW.toISOString(), accounts: [], warnings: [], gcp: snapshotOf(files).gcp }) as unknown as Snapshot;

for (const c of ESCALATION_CASES) {
  test(`gcp escalation — ${c.name}`, () => {
    const findings = analyzeGcp(asSnapshot(c.files), NOW).filter((f) => f.type === 'PrivilegeEscalation' && f.principal === ATTACKER && f.ruleId === c.method);
    // The first step's target: `admin` steps are about the scope (the finding's resource).
    const reaches = (f: (typeof findings)[number]): boolean => (f.path?.[0]?.to === 'admin' ? f.resource === c.target : f.path?.[0]?.to === c.target);
    if (c.expectFinding) {
      const hit = findings.find(reaches);
      assert.ok(hit, `expected ${c.method} to ${c.target}; got ${JSON.stringify(findings.map((f) => [f.ruleId, f.resource, f.path?.map((p) => p.to)]))}`);
      assert.match(hit.id, /^[A-Za-z0-9]+$/);
      assert.ok(hit.evidence.length > 0, 'evidence cites the bindings');
    } else {
      assert.deepEqual(findings.filter(reaches).map((f) => f.title), []);
    }
  });
}

test('gcp escalation: the catalogue has 21 methods, each with a positive and a negative case', () => {
  const methods = new Set(ESCALATION_CASES.map((c) => c.method));
  assert.equal(methods.size, 21);
  for (const m of methods) {
    assert.ok(ESCALATION_CASES.some((c) => c.method === m && c.expectFinding));
    assert.ok(ESCALATION_CASES.some((c) => c.method === m && !c.expectFinding));
  }
});

test('gcp escalation: a user who holds the grant only through a (nested) group is reported, with the group closure from groupMemberships', async () => {
  const { role, policy, baseExports, saResource, TARGET_SA } = await import('./build.js');
  const files = [...baseExports(), [role('projects/p1/roles/k', ['iam.serviceAccountKeys.create'])], { groupMemberships: { 'ops@example.com': ['group:oncall@example.com'], 'oncall@example.com': ['user:eve@example.com'] } }, [policy(saResource(TARGET_SA), [{ role: 'projects/p1/roles/k', members: ['group:ops@example.com'] }])]];
  const findings = analyzeGcp(asSnapshot(files), NOW).filter((f) => f.type === 'PrivilegeEscalation');
  assert.ok(findings.some((f) => f.principal === 'user:eve@example.com' && f.ruleId === 'CreateServiceAccountKey'));
  assert.ok(findings.some((f) => f.principal === 'group:ops@example.com'));
});

test('gcp escalation: with only the core of a workload method, the finding names the Rhino helper permissions the attacker lacks', () => {
  const c = ESCALATION_CASES.find((x) => x.method === 'CreateGCEInstanceWithSA' && x.variant === 'corePositive')!;
  const f = analyzeGcp(asSnapshot(c.files), NOW).find((x) => x.principal === ATTACKER && x.ruleId === 'CreateGCEInstanceWithSA')!;
  assert.deepEqual(f.details?.missingHelperPermissions, ['compute.disks.create', 'compute.instances.setMetadata', 'compute.instances.setServiceAccount', 'compute.subnetworks.use', 'compute.subnetworks.useExternalIp']);
  assert.deepEqual(f.actions, ['compute.instances.create', 'iam.serviceAccounts.actAs']);
});
