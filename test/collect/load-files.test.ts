// File input: IAMSpy's fixtures (GAAD, resources list, org tree) and the bad-input cases of the
// snapshot issue, each reported with file and pointer while the rest still loads.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadSnapshotFiles } from '../../src/collect/index.js';
import { InputError } from '../../src/model/errors.js';
import { CORPORA } from '../helpers/corpora.js';

const IAMSPY = `${CORPORA}iamspy/files/`;
const tmp = mkdtempSync(join(tmpdir(), 'cordon-load-'));
const write = (name: string, value: unknown) => {
  const file = join(tmp, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const user = (name: string, extra: Record<string, unknown> = {}) => ({ UserName: name, Arn: `arn:aws:iam::111122223333:user/${name}`, Path: '/', UserPolicyList: [], GroupList: [], AttachedManagedPolicies: [], ...extra });

test('an IAMSpy GAAD with a boundary, plus its resources list and SCP tree, load into one snapshot', async () => {
  const { snapshot, issues } = await loadSnapshotFiles([join(IAMSPY, 'user-boundary-allow.json'), join(IAMSPY, 'cross-account-rp.json'), join(IAMSPY, 'scp-basic.json')]);
  assert.deepEqual(issues, []);
  const account = snapshot.accounts.find((a) => a.accountId === '123456789012')!;
  assert.equal(account.users[0]!.permissionsBoundaryArn, 'arn:aws:iam::aws:policy/InvokingAllowed');
  assert.equal(account.policies.find((p) => p.arn === 'arn:aws:iam::aws:policy/InvokingAllowed')?.documentStatus, 'present');
  const lambda = snapshot.accounts.find((a) => a.accountId === '111111111111')!.resources[0]!;
  assert.equal(lambda.resourceType, 'AWS::Lambda::Function');
  assert.equal(snapshot.organization?.managementAccountId, '023456789012');
  assert.equal(snapshot.organization?.id, 'o-abcdefghij');
  assert.deepEqual(snapshot.organization?.policies.find((p) => p.name === 'BlockAWSAccess')?.targets, ['023456789012']);
});

test('every IAMSpy GAAD fixture loads without errors', async () => {
  for (const name of ['basic-allow', 'basic-deny', 'allow-with-conditions', 'allow-testing-s3', 'batch-allow', 'role-boundary-allow', 'role-boundary-deny', 'role-boundary-no-policies', 'user-allow-check', 'user-boundary-deny']) {
    const { snapshot, issues } = await loadSnapshotFiles([join(IAMSPY, `${name}.json`)]);
    assert.deepEqual(issues.filter((i) => i.severity === 'error'), [], name);
    assert.ok(snapshot.accounts.length >= 1, name);
  }
});

test('truncated JSON is an InputError naming the file, line and column', async () => {
  const file = write('truncated.json', '{"UserDetailList": [\n  {"UserName": "a"');
  await assert.rejects(loadSnapshotFiles([file]), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.location.file, file);
    assert.equal(err.location.line, 2);
    return true;
  });
});

test('a policy document that is not valid JSON skips that entity with its pointer; the rest loads', async () => {
  const file = write('bad-doc.json', { UserDetailList: [user('good'), user('bad', { UserPolicyList: [{ PolicyName: 'p', PolicyDocument: '%7B%22Version%22%3A' }] })] });
  const { snapshot, issues } = await loadSnapshotFiles([file]);
  assert.deepEqual(snapshot.accounts[0]!.users.map((u) => u.name), ['good']);
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.code, 'invalid_policy_document');
  assert.equal(issues[0]!.pointer, '/UserDetailList/1/UserPolicyList/0/PolicyDocument');
  assert.equal(issues[0]!.file, file);
});

test('URL-encoded documents (the API form) are decoded', async () => {
  const encoded = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }));
  const file = write('encoded.json', { UserDetailList: [user('enc', { UserPolicyList: [{ PolicyName: 'p', PolicyDocument: encoded }] })] });
  const { snapshot } = await loadSnapshotFiles([file]);
  assert.deepEqual(snapshot.accounts[0]!.users[0]!.inlinePolicies[0]!.document.Statement, [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
});

test('duplicate entities across pages warn with both places; unknown keys warn; the first copy wins', async () => {
  const a = write('page1.json', { UserDetailList: [user('dup', { Path: '/first/' })], IsTruncated: true, Marker: 'm' });
  const b = write('page2.json', { UserDetailList: [user('dup', { Path: '/second/' })], Surprise: 1 });
  const { snapshot, issues } = await loadSnapshotFiles([a, b]);
  assert.deepEqual(snapshot.accounts[0]!.users.map((u) => u.path), ['/first/']);
  const dup = issues.find((i) => i.code === 'duplicate_entity')!;
  assert.match(dup.message, /page2\.json/);
  assert.match(dup.message, /page1\.json/);
  assert.ok(issues.some((i) => i.code === 'unknown_key' && i.pointer === '/Surprise' && i.file === b));
});

test('an attached AWS-managed policy missing from the input is marked unknown, never empty', async () => {
  const file = write('no-managed.json', { UserDetailList: [user('ro', { AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] })] });
  const { snapshot, issues } = await loadSnapshotFiles([file]);
  const policy = snapshot.accounts[0]!.policies.find((p) => p.arn === 'arn:aws:iam::aws:policy/ReadOnlyAccess')!;
  assert.equal(policy.documentStatus, 'unknown');
  assert.ok(issues.some((i) => i.code === 'unknown_policy_document'));
  assert.ok(snapshot.warnings.some((w) => w.code === 'unknown_policy_document'));
});

test('a missing AdministratorAccess document is filled from the bundled copy, marked bundled, and grants admin', async () => {
  const file = write('bundled.json', { UserDetailList: [user('boss', { AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] })] });
  const { snapshot, issues } = await loadSnapshotFiles([file]);
  const policy = snapshot.accounts[0]!.policies.find((p) => p.arn === 'arn:aws:iam::aws:policy/AdministratorAccess')!;
  assert.equal(policy.documentStatus, 'bundled');
  // AWS Managed Policy Reference, AdministratorAccess v1: Allow * on *.
  assert.deepEqual(policy.versions[0]!.document.Statement, [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  assert.ok(issues.some((i) => i.code === 'bundled_policy_document' && i.message.includes('AdministratorAccess')));
});

test('a file of no known shape is refused with its name', async () => {
  const file = write('other.json', { hello: 'world' });
  await assert.rejects(loadSnapshotFiles([file]), /is not a GAAD page/);
});
