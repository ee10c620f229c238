import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compileSnapshot } from '../../src/engine/index.js';
import type { AccountSnapshot, Snapshot } from '../../src/model/snapshot/types.js';

const A = '111111111111';
const B = '222222222222';
const o = { file: 'hand-written' };
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

function account(id: string, extra: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return { accountId: id, partition: 'aws', users: [], groups: [], roles: [], policies: [], resources: [], samlProviders: [], oidcProviders: [], ...extra };
}

const snapshot: Snapshot = {
  schemaVersion: 1,
  collectedAt: '2026-01-01T00:00:00Z',
  sources: ['hand-written'],
  warnings: [],
  accounts: [
    account(A, {
      users: [
        { kind: 'user', arn: `arn:aws:iam::${A}:user/alice`, name: 'alice', path: '/', tags: { team: 'red' }, inlinePolicies: [], attachedPolicyArns: [], groupNames: ['readers'], accessKeys: [], mfaDevices: [], origin: o },
        { kind: 'user', arn: `arn:aws:iam::${A}:user/bob`, name: 'bob', path: '/', tags: {}, inlinePolicies: [{ name: 'all', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }), origin: o }], attachedPolicyArns: [], permissionsBoundaryArn: `arn:aws:iam::${A}:policy/s3-only`, groupNames: [], accessKeys: [], mfaDevices: [], origin: o },
      ],
      groups: [{ kind: 'group', arn: `arn:aws:iam::${A}:group/readers`, name: 'readers', path: '/', inlinePolicies: [], attachedPolicyArns: [`arn:aws:iam::${A}:policy/read`], origin: o }],
      roles: [
        { kind: 'role', arn: `arn:aws:iam::${A}:role/app`, name: 'app', path: '/', tags: {}, inlinePolicies: [], attachedPolicyArns: [], trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 'sts:AssumeRole' }), instanceProfileArns: [], serviceLinked: false, origin: o },
      ],
      policies: [
        { arn: `arn:aws:iam::${A}:policy/read`, name: 'read', path: '/', isAwsManaged: false, documentStatus: 'present', defaultVersionId: 'v2', versions: [{ versionId: 'v1', isDefault: false, document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }, { versionId: 'v2', isDefault: true, document: doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }) }], origin: o },
        { arn: `arn:aws:iam::${A}:policy/s3-only`, name: 's3-only', path: '/', isAwsManaged: false, documentStatus: 'present', versions: [{ versionId: 'v1', isDefault: true, document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }], origin: o },
      ],
    }),
    account(B, { resources: [{ arn: 'arn:aws:s3:::bucket-b', resourceType: 'AWS::S3::Bucket', accountId: B, policy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-b/*' }), origin: o }] }),
  ],
  organization: {
    id: 'o-1', managementAccountId: '999999999999', rootId: 'r-1', origin: o,
    units: [{ id: 'ou-1', name: 'prod', parentId: 'r-1' }],
    accounts: [{ id: A, parentId: 'ou-1' }, { id: B, parentId: 'r-1' }],
    policies: [
      { id: 'p-full', name: 'FullAWSAccess', type: 'SERVICE_CONTROL_POLICY', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }), targets: ['r-1', 'ou-1', A, B], origin: o },
      { id: 'p-deny', name: 'NoDeleteBucket', type: 'SERVICE_CONTROL_POLICY', document: doc({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }), targets: ['ou-1'], origin: o },
    ],
  },
};

describe('compileSnapshot', () => {
  const model = compileSnapshot(snapshot);
  const alice = `arn:aws:iam::${A}:user/alice`;
  const bob = `arn:aws:iam::${A}:user/bob`;

  test('principals are listed sorted', () => {
    assert.deepEqual(model.principals().map((p) => p.name), ['app', 'alice', 'bob']);
  });

  test('group policies reach their users; the default version is used', () => {
    assert.equal(model.evaluate({ principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::x/k' }).decision, 'Allowed');
    assert.equal(model.evaluate({ principal: alice, action: 'ec2:RunInstances', resource: '*' }).decision, 'ImplicitlyDenied');
  });

  test('permission boundary from the snapshot applies', () => {
    assert.equal(model.evaluate({ principal: bob, action: 's3:PutObject', resource: 'arn:aws:s3:::x/k' }).decision, 'Allowed');
    assert.equal(model.evaluate({ principal: bob, action: 'iam:CreateUser', resource: '*' }).decision, 'ImplicitlyDenied');
  });

  test('SCP of the OU denies', () => {
    const r = model.evaluate({ principal: bob, action: 's3:DeleteBucket', resource: 'arn:aws:s3:::x' });
    assert.equal(r.decision, 'ExplicitlyDenied');
    assert.ok(r.explanation.some((m) => m.policyType === 'scp' && m.effect === 'Deny'));
  });

  test('cross-account bucket: account comes from the snapshot, both sides needed', () => {
    assert.equal(model.evaluate({ principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket-b/k' }).decision, 'Allowed');
    assert.equal(model.evaluate({ principal: bob, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket-b/k' }).decision, 'ImplicitlyDenied');
  });

  test('role trust policy governs AssumeRole', () => {
    const role = `arn:aws:iam::${A}:role/app`;
    assert.equal(model.evaluate({ principal: alice, action: 'sts:AssumeRole', resource: role }).decision, 'Allowed');
    assert.equal(model.evaluate({ principal: bob, action: 'sts:AssumeRole', resource: role }).decision, 'ImplicitlyDenied');
    assert.equal(model.resourcePolicyFor(role)?.type, 'trust');
  });

  test('principal tags and org facts are available to conditions', () => {
    const input = model.inputFor(alice);
    assert.equal(input?.principal.tags?.['team'], 'red');
    assert.equal(input?.principal.orgPath, 'o-1/r-1/ou-1/');
    assert.equal(input?.scps?.length, 3);
    assert.deepEqual(model.warnings(), []);
  });
});
