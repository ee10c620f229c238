/**
 * Replaying IAM- and policy-changing CloudTrail events on a snapshot: each event kind changes what
 * AWS documents it changes, failed events change nothing, the input is never mutated, unknown
 * documents mark the entity uncertain.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEvent, replayEvents } from '../../src/activity/replay/index.js';
import { ACCOUNT, SnapshotBuilder, allow, doc, trust } from '../helpers/snapshot-builder.js';
import { iamEvent, urlEncoded } from './replay-events.js';

const T = '2026-01-02T10:00:00Z';
const ADMIN = doc(allow('*'));

function base() {
  const b = new SnapshotBuilder();
  b.user({ name: 'dave', inline: [doc(allow('sts:AssumeRole'))] });
  b.group({ name: 'devs' });
  b.role({ name: 'ops', trust: trust({ AWS: b.arn('user', 'dave') }), inline: [doc(allow('s3:GetObject'))] });
  b.policy('custom', doc(allow('ec2:Describe*')));
  return { b, snapshot: b.build() };
}

const account = (s: ReturnType<typeof base>['snapshot']) => s.accounts[0]!;

test('PutRolePolicy with a URL-encoded document adds the inline policy; DeleteRolePolicy removes it', () => {
  const { snapshot } = base();
  const put = applyEvent(snapshot, iamEvent('e1', T, 'PutRolePolicy', { roleName: 'ops', policyName: 'admin', policyDocument: urlEncoded(ADMIN) }));
  assert.equal(put.status, 'applied');
  assert.deepEqual(account(put.snapshot).roles[0]!.inlinePolicies.find((p) => p.name === 'admin')?.document, ADMIN);
  assert.deepEqual(put.touched, [`arn:aws:iam::${ACCOUNT}:role/ops`]);
  const del = applyEvent(put.snapshot, iamEvent('e2', T, 'DeleteRolePolicy', { roleName: 'ops', policyName: 'admin' }));
  assert.equal(account(del.snapshot).roles[0]!.inlinePolicies.some((p) => p.name === 'admin'), false);
});

test('plain JSON documents (as Stratus records them) are read too', () => {
  const { snapshot } = base();
  const step = applyEvent(snapshot, iamEvent('e1', T, 'PutUserPolicy', { userName: 'dave', policyName: 'x', policyDocument: JSON.stringify(ADMIN, null, 2) }));
  assert.deepEqual(account(step.snapshot).users[0]!.inlinePolicies.find((p) => p.name === 'x')?.document, ADMIN);
});

test('the input snapshot is never mutated', () => {
  const { snapshot } = base();
  const frozen = structuredClone(snapshot);
  const events = [
    iamEvent('e1', T, 'PutRolePolicy', { roleName: 'ops', policyName: 'a', policyDocument: urlEncoded(ADMIN) }),
    iamEvent('e2', T, 'AttachUserPolicy', { userName: 'dave', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
    iamEvent('e3', T, 'UpdateAssumeRolePolicy', { roleName: 'ops', policyDocument: urlEncoded(trust({ AWS: '*' })) }),
    iamEvent('e4', T, 'DeleteUser', { userName: 'dave' }),
  ];
  const steps = [...replayEvents(snapshot, events)];
  assert.equal(steps.filter((s) => s.status === 'applied').length, 4);
  assert.deepEqual(snapshot, frozen);
});

test('a failed event (errorCode) changes nothing', () => {
  const { snapshot } = base();
  const step = applyEvent(snapshot, iamEvent('e1', T, 'PutRolePolicy', { roleName: 'ops', policyName: 'a', policyDocument: urlEncoded(ADMIN) }, { errorCode: 'AccessDenied', errorMessage: 'no' }));
  assert.equal(step.status, 'failed-event');
  assert.equal(step.snapshot, snapshot);
});

test('attachments: AWS-managed documents come from the bundled copy, an unknown customer policy marks the holder uncertain', () => {
  const { snapshot } = base();
  const aws = applyEvent(snapshot, iamEvent('e1', T, 'AttachRolePolicy', { roleName: 'ops', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  assert.equal(account(aws.snapshot).policies.find((p) => p.arn.endsWith('/AdministratorAccess'))?.documentStatus, 'bundled');
  assert.deepEqual(aws.uncertain, []);
  const unknownArn = `arn:aws:iam::${ACCOUNT}:policy/never-seen`;
  const cust = applyEvent(aws.snapshot, iamEvent('e2', T, 'AttachGroupPolicy', { groupName: 'devs', policyArn: unknownArn }));
  assert.deepEqual(cust.uncertain, [`arn:aws:iam::${ACCOUNT}:group/devs`, unknownArn]);
  assert.equal(account(cust.snapshot).policies.find((p) => p.arn === unknownArn)?.documentStatus, 'unknown');
  assert.ok(cust.snapshot.warnings.some((w) => w.code === 'replay-uncertain' && w.message.includes('e2')));
  const detached = applyEvent(cust.snapshot, iamEvent('e3', T, 'DetachRolePolicy', { roleName: 'ops', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  assert.deepEqual(account(detached.snapshot).roles[0]!.attachedPolicyArns, []);
});

test('policy versions: CreatePolicyVersion with setAsDefault, then SetDefaultPolicyVersion back', () => {
  const { snapshot, b } = base();
  const arn = b.arn('policy', 'custom');
  const v2 = applyEvent(snapshot, iamEvent('e1', T, 'CreatePolicyVersion', { policyArn: arn, policyDocument: urlEncoded(ADMIN), setAsDefault: true }, { responseElements: { policyVersion: { versionId: 'v2', isDefaultVersion: true } } }));
  const p2 = account(v2.snapshot).policies[0]!;
  assert.equal(p2.defaultVersionId, 'v2');
  assert.deepEqual(p2.versions.find((v) => v.isDefault)?.document, ADMIN);
  const back = applyEvent(v2.snapshot, iamEvent('e2', T, 'SetDefaultPolicyVersion', { policyArn: arn, versionId: 'v1' }));
  assert.deepEqual(account(back.snapshot).policies[0]!.versions.find((v) => v.isDefault)?.document, doc(allow('ec2:Describe*')));
  const notDefault = applyEvent(snapshot, iamEvent('e3', T, 'CreatePolicyVersion', { policyArn: arn, policyDocument: urlEncoded(ADMIN), setAsDefault: false }));
  assert.equal(account(notDefault.snapshot).policies[0]!.defaultVersionId, 'v1');
  assert.equal(account(notDefault.snapshot).policies[0]!.versions.length, 2);
});

test('CreatePolicy, CreateRole, CreateUser, groups, keys, login profiles and boundaries', () => {
  const { snapshot, b } = base();
  const events = [
    iamEvent('e1', T, 'CreatePolicy', { policyName: 'new', path: '/', policyDocument: urlEncoded(ADMIN) }),
    iamEvent('e2', T, 'CreateRole', { roleName: 'r2', path: '/svc/', assumeRolePolicyDocument: urlEncoded(trust({ Service: 'ec2.amazonaws.com' })) }),
    iamEvent('e3', T, 'CreateUser', { userName: 'eve' }),
    iamEvent('e4', T, 'AddUserToGroup', { userName: 'eve', groupName: 'devs' }),
    iamEvent('e5', T, 'CreateAccessKey', { userName: 'eve' }, { responseElements: { accessKey: { accessKeyId: 'AKIAEVE', status: 'Active' } } }),
    iamEvent('e6', T, 'CreateLoginProfile', { userName: 'eve', passwordResetRequired: false }),
    iamEvent('e7', T, 'PutUserPermissionsBoundary', { userName: 'eve', permissionsBoundary: b.arn('policy', 'custom') }),
    iamEvent('e8', T, 'DeleteRole', { roleName: 'ops' }),
  ];
  const last = [...replayEvents(snapshot, events)].at(-1)!.snapshot;
  const a = account(last);
  assert.ok(a.policies.some((p) => p.arn === b.arn('policy', 'new') && p.documentStatus === 'present'));
  assert.deepEqual(a.roles.map((r) => r.arn), [`arn:aws:iam::${ACCOUNT}:role/svc/r2`]);
  const eve = a.users.find((u) => u.name === 'eve')!;
  assert.deepEqual(eve.groupNames, ['devs']);
  assert.deepEqual(eve.accessKeys.map((k) => k.accessKeyId), ['AKIAEVE']);
  assert.ok(eve.loginProfile);
  assert.equal(eve.permissionsBoundaryArn, b.arn('policy', 'custom'));
  const removed = [...replayEvents(last, [iamEvent('e9', T, 'RemoveUserFromGroup', { userName: 'eve', groupName: 'devs' }), iamEvent('e10', T, 'DeleteLoginProfile', { userName: 'eve' }), iamEvent('e11', T, 'DeleteAccessKey', { userName: 'eve', accessKeyId: 'AKIAEVE' }), iamEvent('e12', T, 'DeleteUserPermissionsBoundary', { userName: 'eve' })])].at(-1)!.snapshot;
  const eve2 = account(removed).users.find((u) => u.name === 'eve')!;
  assert.deepEqual([eve2.groupNames, eve2.accessKeys, eve2.loginProfile, eve2.permissionsBoundaryArn], [[], [], undefined, undefined]);
});

test('UpdateAssumeRolePolicy replaces the trust; an unreadable one keeps the old trust and marks the role uncertain', () => {
  const { snapshot } = base();
  const open = trust({ AWS: 'arn:aws:iam::999988887777:root' });
  const step = applyEvent(snapshot, iamEvent('e1', T, 'UpdateAssumeRolePolicy', { roleName: 'ops', policyDocument: urlEncoded(open) }));
  assert.deepEqual(account(step.snapshot).roles[0]!.trustPolicy, open);
  const bad = applyEvent(snapshot, iamEvent('e2', T, 'UpdateAssumeRolePolicy', { roleName: 'ops', policyDocument: '{not json' }));
  assert.deepEqual(bad.uncertain, [`arn:aws:iam::${ACCOUNT}:role/ops`]);
  assert.deepEqual(account(bad.snapshot).roles[0]!.trustPolicy, account(snapshot).roles[0]!.trustPolicy);
});

test('resource policies: S3 bucket policy as an object, KMS, SQS, SNS, Secrets Manager, ECR', () => {
  const { snapshot } = base();
  const pub = doc(allow('s3:GetObject', 'arn:aws:s3:::b1/*', { Principal: '*' }));
  const ev = (id: string, source: string, name: string, params: Record<string, unknown>) => iamEvent(id, T, name, params, { eventSource: source });
  const events = [
    ev('s1', 's3.amazonaws.com', 'PutBucketPolicy', { bucketName: 'b1', bucketPolicy: pub, policy: [''] }),
    ev('k1', 'kms.amazonaws.com', 'PutKeyPolicy', { keyId: 'k-1', policyName: 'default', policy: JSON.stringify(pub) }),
    ev('q1', 'sqs.amazonaws.com', 'SetQueueAttributes', { queueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/q1`, attributes: { Policy: JSON.stringify(pub) } }),
    ev('n1', 'sns.amazonaws.com', 'SetTopicAttributes', { topicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:t1`, attributeName: 'Policy', attributeValue: JSON.stringify(pub) }),
    ev('m1', 'secretsmanager.amazonaws.com', 'PutResourcePolicy', { secretId: 'db', resourcePolicy: JSON.stringify(pub) }),
    ev('r1', 'ecr.amazonaws.com', 'SetRepositoryPolicy', { repositoryName: 'repo', policyText: JSON.stringify(pub) }),
  ];
  const last = [...replayEvents(snapshot, events)].at(-1)!.snapshot;
  assert.deepEqual(account(last).resources.map((r) => [r.resourceType, r.arn, r.policy !== undefined]), [
    ['AWS::S3::Bucket', 'arn:aws:s3:::b1', true],
    ['AWS::KMS::Key', `arn:aws:kms:us-east-1:${ACCOUNT}:key/k-1`, true],
    ['AWS::SQS::Queue', `arn:aws:sqs:us-east-1:${ACCOUNT}:q1`, true],
    ['AWS::SNS::Topic', `arn:aws:sns:us-east-1:${ACCOUNT}:t1`, true],
    ['AWS::SecretsManager::Secret', `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db`, true],
    ['AWS::ECR::Repository', `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/repo`, true],
  ]);
  const del = applyEvent(last, ev('s2', 's3.amazonaws.com', 'DeleteBucketPolicy', { bucketName: 'b1' }));
  assert.equal(account(del.snapshot).resources[0]!.policy, undefined);
});

test('events for an account outside the snapshot or an unknown entity change nothing and say why', () => {
  const { snapshot } = base();
  const other = applyEvent(snapshot, iamEvent('e1', T, 'DeleteRole', { roleName: 'ops' }, { recipientAccountId: '444455556666' }));
  assert.equal(other.status, 'unknown-account');
  const ghost = applyEvent(snapshot, iamEvent('e2', T, 'DeleteRole', { roleName: 'ghost' }));
  assert.equal(ghost.status, 'unknown-entity');
  assert.equal(ghost.snapshot, snapshot);
  const read = applyEvent(snapshot, iamEvent('e3', T, 'GetRole', { roleName: 'ops' }));
  assert.equal(read.status, 'not-state-changing');
});

test('Lambda AddPermission to everyone makes the function public; RemovePermission closes it again', async () => {
  const { buildTimeline } = await import('../../src/activity/timeline.js');
  const { snapshot } = base();
  const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f1`;
  const ev = (id: string, name: string, params: Record<string, unknown>) => iamEvent(id, T, name, params, { eventSource: 'lambda.amazonaws.com' });
  const timeline = buildTimeline(snapshot, [
    ev('l1', 'AddPermission20150331v2', { functionName: 'f1', statementId: 'open', action: 'lambda:InvokeFunction', principal: '*' }),
    ev('l2', 'RemovePermission20150331v2', { functionName: fn, statementId: 'open' }),
  ]);
  const rows = timeline.entries.filter((e) => e.finding.resource === fn).map((e) => [e.change, e.event.id, e.finding.type]);
  assert.deepEqual(rows, [['APPEARED', 'l1', 'PublicAccess'], ['RESOLVED', 'l2', 'PublicAccess']]);
});

test('SCP changes: create, attach, update content, detach apply to the organization; without one they change nothing', () => {
  const { snapshot } = base();
  const ev = (id: string, name: string, params: Record<string, unknown>, extra = {}) => iamEvent(id, T, name, params, { eventSource: 'organizations.amazonaws.com', ...extra });
  const create = ev('o1', 'CreatePolicy', { name: 'deny-iam', type: 'SERVICE_CONTROL_POLICY', content: JSON.stringify(doc({ Effect: 'Deny', Action: 'iam:*', Resource: '*' })) }, { responseElements: { policy: { policySummary: { id: 'p-abc123', arn: 'arn:aws:organizations::111122223333:policy/o-x/service_control_policy/p-abc123' } } } });
  assert.equal(applyEvent(snapshot, create).status, 'unknown-entity');
  const org = { ...snapshot, organization: { id: 'o-x', managementAccountId: ACCOUNT, rootId: 'r-root', units: [], accounts: [{ id: ACCOUNT, parentId: 'r-root' }], policies: [], origin: {} } };
  const steps = [...replayEvents(org, [create, ev('o2', 'AttachPolicy', { policyId: 'p-abc123', targetId: 'r-root' }), ev('o3', 'UpdatePolicy', { policyId: 'p-abc123', content: JSON.stringify(doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' })) })])];
  assert.deepEqual(steps.map((s) => s.status), ['applied', 'applied', 'applied']);
  const policy = steps.at(-1)!.snapshot.organization!.policies[0]!;
  assert.deepEqual([policy.id, policy.targets, (policy.document.Statement as { Action: string }[])[0]!.Action], ['p-abc123', ['r-root'], 's3:*']);
  const detached = applyEvent(steps.at(-1)!.snapshot, ev('o4', 'DetachPolicy', { policyId: 'p-abc123', targetId: 'r-root' }));
  assert.deepEqual(detached.snapshot.organization!.policies[0]!.targets, []);
  assert.deepEqual(org.organization.policies, [], 'input untouched');
});
