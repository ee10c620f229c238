// GCP export recognition and reading: each documented output shape (REST envelopes, gcloud arrays,
// Cloud Asset export's snake_case), mixed with AWS inputs through loadSnapshotFiles.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gcpFileReader } from '../../../src/collect/gcp/files.js';
import { loadSnapshotFiles } from '../../../src/collect/index.js';
import type { ValidationIssue } from '../../../src/model/validation.js';

const read = (value: unknown) => {
  const issues: ValidationIssue[] = [];
  return { part: gcpFileReader.read(value, 'f.json', undefined, issues), issues };
};

test('asset export (snake_case, ancestors) and asset list (camelCase) allow policies', () => {
  const exported = { name: '//storage.googleapis.com/projects/_/buckets/b', asset_type: 'storage.googleapis.com/Bucket', iam_policy: { version: 1, bindings: [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }], etag: 'x' }, ancestors: ['projects/123', 'folders/4', 'organizations/5'], update_time: '2026-01-01T00:00:00Z' };
  assert.ok(gcpFileReader.recognise(exported));
  const { part } = read([exported, { ...exported, asset_type: undefined, iam_policy: undefined, assetType: 'storage.googleapis.com/Bucket', iamPolicy: exported.iam_policy }]);
  assert.equal(part.allowPolicies.length, 2);
  assert.deepEqual(part.nodes[0]!.ancestors, ['projects/123', 'folders/4', 'organizations/5']);
  assert.equal(part.allowPolicies[0]!.origin.pointer, '/0');
});

test('roles: one object, an array, {"roles": [...]}; view=BASIC roles warn and grant nothing', () => {
  const r = { name: 'roles/iam.serviceAccountTokenCreator', title: 'Service Account Token Creator', includedPermissions: ['iam.serviceAccounts.getAccessToken'], stage: 'GA', etag: 'AA==' };
  for (const v of [r, [r], { roles: [r] }]) assert.equal(read(v).part.roles[0]!.includedPermissions?.[0], 'iam.serviceAccounts.getAccessToken');
  const basic = read({ roles: [{ name: 'roles/viewer', title: 'Viewer', stage: 'GA', etag: 'AA==' }] });
  assert.equal(basic.part.roles[0]!.includedPermissions, undefined);
  assert.equal(basic.issues[0]!.code, 'gcp_role_without_permissions');
});

test('deny policies: attachment point decoded from the name; list output {"policies": [...]}', () => {
  const d = { name: 'policies/cloudresourcemanager.googleapis.com%2Fprojects%2Fmy-project/denypolicies/my-policy', kind: 'DenyPolicy', rules: [{ denyRule: { deniedPrincipals: ['principalSet://goog/public:all'], deniedPermissions: ['iam.googleapis.com/roles.update'] } }] };
  const { part } = read({ policies: [d] });
  assert.equal(part.denyPolicies[0]!.attachmentPoint, '//cloudresourcemanager.googleapis.com/projects/my-project');
  assert.deepEqual(part.denyPolicies[0]!.rules[0]!.exceptionPrincipals, []);
});

test('service accounts, keys, PAB policies and bindings, organizations, resources with their service accounts', () => {
  const { part } = read([
    { name: 'projects/p/serviceAccounts/a@p.iam.gserviceaccount.com', email: 'a@p.iam.gserviceaccount.com', projectId: 'p', disabled: true },
    { name: 'projects/p/serviceAccounts/a@p.iam.gserviceaccount.com/keys/k1', keyType: 'USER_MANAGED', validAfterTime: '2026-01-01T00:00:00Z' },
    { name: 'organizations/1/locations/global/principalAccessBoundaryPolicies/pab', details: { rules: [{ resources: ['//cloudresourcemanager.googleapis.com/organizations/1'], effect: 'ALLOW' }] } },
    { name: 'organizations/1/locations/global/policyBindings/b', target: { principalSet: '//cloudresourcemanager.googleapis.com/organizations/1' }, policyKind: 'PRINCIPAL_ACCESS_BOUNDARY', policy: 'organizations/1/locations/global/principalAccessBoundaryPolicies/pab' },
    { name: 'organizations/1', displayName: 'Example.com', owner: { directoryCustomerId: 'C1' } },
    { name: '//run.googleapis.com/projects/p/locations/us/services/s', assetType: 'run.googleapis.com/Service', project: 'projects/9', resource: { data: { spec: { template: { spec: { serviceAccountName: 'a@p.iam.gserviceaccount.com' } } } } } },
  ]);
  assert.equal(part.serviceAccounts[0]!.disabled, true);
  assert.equal(part.keys[0]!.serviceAccount, 'a@p.iam.gserviceaccount.com');
  assert.equal(part.pabPolicies[0]!.rules[0]!.effect, 'ALLOW');
  assert.equal(part.pabBindings[0]!.principalSet, '//cloudresourcemanager.googleapis.com/organizations/1');
  assert.equal(part.organizations[0]!.domain, 'example.com');
  assert.deepEqual(part.nodes.find((n) => n.assetType === 'run.googleapis.com/Service')?.serviceAccounts, ['a@p.iam.gserviceaccount.com']);
});

test('not GCP: AWS-shaped and unknown objects are not recognised; a mixed load keeps both clouds', async () => {
  assert.equal(gcpFileReader.recognise({ UserDetailList: [] }), false);
  assert.equal(gcpFileReader.recognise([{ name: 'x' }]), false);
  assert.equal(gcpFileReader.recognise([]), false);
  const dir = mkdtempSync(join(tmpdir(), 'cordon-gcp-'));
  writeFileSync(join(dir, 'gaad.json'), JSON.stringify({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] }));
  writeFileSync(join(dir, 'roles.json'), JSON.stringify({ roles: [{ name: 'projects/p/roles/r', includedPermissions: ['a.b.c'] }] }));
  const { snapshot } = await loadSnapshotFiles([dir]);
  assert.equal(snapshot.gcp?.roles.length, 1);
  assert.deepEqual(snapshot.gcp?.sources, [join(dir, 'roles.json')]);
});

test('Cloud Asset export NDJSON (one asset per line) loads; a broken line still fails with the JSON error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-gcp-ndjson-'));
  const row = (name: string, member: string) => JSON.stringify({ name, asset_type: 'cloudresourcemanager.googleapis.com/Project', iam_policy: { bindings: [{ role: 'roles/viewer', members: [member] }] }, ancestors: ['projects/1', 'organizations/2'] });
  writeFileSync(join(dir, 'export.json'), `${row('//cloudresourcemanager.googleapis.com/projects/1', 'allUsers')}\n${row('//cloudresourcemanager.googleapis.com/projects/3', 'user:a@example.com')}\n`);
  const { snapshot } = await loadSnapshotFiles([join(dir, 'export.json')]);
  assert.equal(snapshot.gcp?.allowPolicies.length, 2);
  writeFileSync(join(dir, 'broken.json'), `${row('//cloudresourcemanager.googleapis.com/projects/1', 'allUsers')}\n{"name": \n`);
  await assert.rejects(loadSnapshotFiles([join(dir, 'broken.json')]), /is not valid JSON/);
  await assert.rejects(loadSnapshotFiles([join(dir, 'missing.json')]), /cannot read/);
});
