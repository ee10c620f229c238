import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRequest, type EvaluationInput } from '../../src/engine/index.js';
import { parsePolicy, type PolicyType } from '../../src/model/policy/index.js';

let n = 0;
const pol = (type: PolicyType, ...statements: object[]) => parsePolicy({ Version: '2012-10-17', Statement: statements }, { id: `${type}-${n++}`, type });
const A = '111111111111';
const B = '222222222222';
const alice = `arn:aws:iam::${A}:user/alice`;
const bucketB = 'arn:aws:s3:::bucket-b';
const allowS3 = pol('identity', { Effect: 'Allow', Action: 's3:*', Resource: '*' });

function input(extra: Partial<EvaluationInput> = {}): EvaluationInput {
  return { identity: [], principal: { arn: alice, account: A }, ...extra };
}

describe('evaluateRequest: identity and resource policies (hand-derived from the IAM User Guide evaluation pages)', () => {
  test('no policy → ImplicitlyDenied', () => {
    assert.equal(evaluateRequest(input(), { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }).decision, 'ImplicitlyDenied');
  });

  test('identity allow → Allowed, explanation names the statement', () => {
    const r = evaluateRequest(input({ identity: [allowS3] }), { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A });
    assert.equal(r.decision, 'Allowed');
    assert.deepEqual(r.explanation.map((m) => [m.policyId, m.pointer, m.effect]), [[allowS3.id, '/Statement/0', 'Allow']]);
  });

  test('explicit deny anywhere wins', () => {
    const deny = pol('identity', { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' });
    const r = evaluateRequest(input({ identity: [allowS3, deny] }), { principal: alice, action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A });
    assert.equal(r.decision, 'ExplicitlyDenied');
    assert.ok(r.explanation.some((m) => m.sid === 'NoDelete'));
  });

  test('cross-account: identity allow without bucket-policy allow → ImplicitlyDenied', () => {
    const r = evaluateRequest(input({ identity: [allowS3] }), { principal: alice, action: 's3:GetObject', resource: `${bucketB}/k`, resourceAccount: B });
    assert.equal(r.decision, 'ImplicitlyDenied');
  });

  test('cross-account: identity allow and bucket policy naming the account → Allowed', () => {
    const bp = pol('resource', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 's3:GetObject', Resource: `${bucketB}/*` });
    assert.equal(evaluateRequest(input({ identity: [allowS3], resourcePolicy: bp }), { principal: alice, action: 's3:GetObject', resource: `${bucketB}/k`, resourceAccount: B }).decision, 'Allowed');
    assert.equal(evaluateRequest(input({ resourcePolicy: bp }), { principal: alice, action: 's3:GetObject', resource: `${bucketB}/k`, resourceAccount: B }).decision, 'ImplicitlyDenied');
  });

  test('same account: resource policy naming the user suffices without identity allow', () => {
    const bp = pol('resource', { Effect: 'Allow', Principal: { AWS: alice }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    assert.equal(evaluateRequest(input({ resourcePolicy: bp }), { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A }).decision, 'Allowed');
  });

  test('same account: resource policy naming the account needs the identity side', () => {
    const bp = pol('resource', { Effect: 'Allow', Principal: { AWS: A }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    assert.equal(evaluateRequest(input({ resourcePolicy: bp }), { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A }).decision, 'ImplicitlyDenied');
  });

  test('permission boundary limits identity allow; a user-ARN resource grant is not limited', () => {
    const boundary = pol('boundary', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' });
    const req = { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A };
    assert.equal(evaluateRequest(input({ identity: [allowS3], boundary }), req).decision, 'ImplicitlyDenied');
    const bp = pol('resource', { Effect: 'Allow', Principal: { AWS: alice }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    assert.equal(evaluateRequest(input({ identity: [allowS3], boundary, resourcePolicy: bp }), req).decision, 'Allowed');
  });

  test('role session: a resource grant to the role ARN is limited by the boundary, one to the session ARN is not', () => {
    const roleArn = `arn:aws:iam::${A}:role/app`;
    const session = `arn:aws:sts::${A}:assumed-role/app/s1`;
    const boundary = pol('boundary', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' });
    const req = { principal: session, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A };
    const facts = { arn: session, account: A, sessionIssuer: roleArn };
    const toRole = pol('resource', { Effect: 'Allow', Principal: { AWS: roleArn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    const toSession = pol('resource', { Effect: 'Allow', Principal: { AWS: session }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    assert.equal(evaluateRequest({ identity: [], principal: facts, resourcePolicy: toRole }, req).decision, 'Allowed');
    assert.equal(evaluateRequest({ identity: [], principal: facts, resourcePolicy: toRole, boundary }, req).decision, 'ImplicitlyDenied');
    assert.equal(evaluateRequest({ identity: [], principal: facts, resourcePolicy: toSession, boundary }, req).decision, 'Allowed');
  });

  test('session policies intersect with identity policies', () => {
    const sessionPol = pol('session', { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' });
    const req = { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A };
    assert.equal(evaluateRequest(input({ identity: [allowS3], sessionPolicies: [sessionPol] }), req).decision, 'ImplicitlyDenied');
    assert.equal(evaluateRequest(input({ identity: [allowS3], sessionPolicies: [sessionPol] }), { ...req, action: 's3:ListBucket' }).decision, 'Allowed');
  });
});

describe('evaluateRequest: organizations', () => {
  const fullAccess = pol('scp', { Effect: 'Allow', Action: '*', Resource: '*' });
  const onlyS3 = pol('scp', { Effect: 'Allow', Action: 's3:*', Resource: '*' });
  const denyS3Delete = pol('scp', { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' });
  const req = { principal: alice, action: 'ec2:RunInstances', resource: '*', resourceAccount: A };
  const admin = pol('identity', { Effect: 'Allow', Action: '*', Resource: '*' });

  test('every OU level must allow', () => {
    assert.equal(evaluateRequest(input({ identity: [admin], scps: [[fullAccess], [fullAccess]] }), req).decision, 'Allowed');
    assert.equal(evaluateRequest(input({ identity: [admin], scps: [[fullAccess], [onlyS3]] }), req).decision, 'ImplicitlyDenied');
    assert.equal(evaluateRequest(input({ identity: [admin], scps: [[fullAccess], []] }), req).decision, 'ImplicitlyDenied');
  });

  test('SCP deny is explicit; management account and service-linked roles are exempt', () => {
    const del = { ...req, action: 's3:DeleteBucket', resource: 'arn:aws:s3:::b' };
    assert.equal(evaluateRequest(input({ identity: [admin], scps: [[fullAccess, denyS3Delete]] }), del).decision, 'ExplicitlyDenied');
    assert.equal(evaluateRequest({ identity: [admin], principal: { arn: alice, account: A, managementAccount: true }, scps: [[onlyS3, denyS3Delete]] }, del).decision, 'Allowed');
    assert.equal(evaluateRequest({ identity: [admin], principal: { arn: alice, account: A, serviceLinked: true }, scps: [[denyS3Delete]] }, del).decision, 'Allowed');
  });

  test('RCP deny applies to the resource; empty RCP levels allow', () => {
    const rcp = pol('rcp', { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-123' } } });
    const get = { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A };
    assert.equal(evaluateRequest(input({ identity: [admin], rcps: [[rcp]] }), get).decision, 'ExplicitlyDenied');
    assert.equal(evaluateRequest({ identity: [admin], principal: { arn: alice, account: A, orgId: 'o-123' }, rcps: [[rcp], []] }, get).decision, 'Allowed');
  });

  test('root user has identity permissions but is bound by SCPs', () => {
    const root = `arn:aws:iam::${A}:root`;
    const r = { principal: root, action: 'ec2:RunInstances', resource: '*', resourceAccount: A };
    assert.equal(evaluateRequest({ identity: [], principal: { arn: root, account: A } }, r).decision, 'Allowed');
    assert.equal(evaluateRequest({ identity: [], principal: { arn: root, account: A }, scps: [[onlyS3]] }, r).decision, 'ImplicitlyDenied');
  });
});

describe('evaluateRequest: trust policies, NotPrincipal, services', () => {
  const roleArn = `arn:aws:iam::${A}:role/target`;
  const assume = (principal: string, account: string) => ({ principal, action: 'sts:AssumeRole', resource: roleArn, resourceAccount: A, ...(account ? {} : {}) });

  test('trust policy naming the user directly suffices in the same account; identity alone never does', () => {
    const trust = pol('trust', { Effect: 'Allow', Principal: { AWS: alice }, Action: 'sts:AssumeRole' });
    const idAllow = pol('identity', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn });
    assert.equal(evaluateRequest(input({ resourcePolicy: trust }), assume(alice, A)).decision, 'Allowed');
    const other = pol('trust', { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
    assert.equal(evaluateRequest(input({ identity: [idAllow], resourcePolicy: other }), assume(alice, A)).decision, 'ImplicitlyDenied');
    assert.equal(evaluateRequest(input({ identity: [idAllow] }), assume(alice, A)).decision, 'ImplicitlyDenied');
  });

  test('trust policy naming the account delegates to identity policies', () => {
    const trust = pol('trust', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' });
    const idAllow = pol('identity', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn });
    assert.equal(evaluateRequest(input({ resourcePolicy: trust }), assume(alice, A)).decision, 'ImplicitlyDenied');
    assert.equal(evaluateRequest(input({ identity: [idAllow], resourcePolicy: trust }), assume(alice, A)).decision, 'Allowed');
  });

  test('service principal allowed by the trust policy', () => {
    const trust = pol('trust', { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
    const r = evaluateRequest({ identity: [], principal: { arn: 'lambda.amazonaws.com', account: '' }, resourcePolicy: trust }, { principal: 'lambda.amazonaws.com', action: 'sts:AssumeRole', resource: roleArn });
    assert.equal(r.decision, 'Allowed');
  });

  test('trust policy is ignored for non-sts actions', () => {
    const trust = pol('trust', { Effect: 'Allow', Principal: { AWS: alice }, Action: '*' });
    assert.equal(evaluateRequest(input({ resourcePolicy: trust }), { principal: alice, action: 'iam:DeleteRole', resource: roleArn, resourceAccount: A }).decision, 'ImplicitlyDenied');
  });

  test('Deny with NotPrincipal spares only principals listed with their account', () => {
    const bp = (listed: string[]) =>
      pol('resource', { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, { Effect: 'Deny', NotPrincipal: { AWS: listed }, Action: 's3:*', Resource: '*' });
    const req = { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A };
    assert.equal(evaluateRequest(input({ resourcePolicy: bp([alice, `arn:aws:iam::${A}:root`]) }), req).decision, 'Allowed');
    assert.equal(evaluateRequest(input({ resourcePolicy: bp([alice]) }), req).decision, 'ExplicitlyDenied');
    assert.equal(evaluateRequest(input({ resourcePolicy: bp([`arn:aws:iam::${A}:user/bob`, A]) }), req).decision, 'ExplicitlyDenied');
  });
});

describe('evaluateRequest: conditions and three-valued mode', () => {
  const allowFresh = pol('identity', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } } });
  const allowOld = pol('identity', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2019-01-01T00:00:00Z' } } });
  const req = { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A };

  test('an attacker-chosen key does not hide the path (possible Allowed)', () => {
    const r = evaluateRequest(input({ identity: [allowFresh] }), { ...req, unknownKeys: ['aws:TokenIssueTime'] });
    assert.equal(r.decision, 'Allowed');
    assert.equal(r.certainty, 'possible');
    assert.equal(r.explanation[0]?.conditional, true);
  });

  test('a known context value that fails the condition hides the path', () => {
    const r = evaluateRequest(input({ identity: [allowOld] }), { ...req, context: { 'aws:CurrentTime': '2026-11-23T00:00:00Z' }, unknownKeys: 'all-missing' });
    assert.equal(r.decision, 'ImplicitlyDenied');
  });

  test('conditional deny is avoidable in existential mode but a definite deny is not', () => {
    const denyNoMfa = pol('identity', { Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } });
    const all = pol('identity', { Effect: 'Allow', Action: '*', Resource: '*' });
    assert.equal(evaluateRequest(input({ identity: [all, denyNoMfa] }), { ...req, unknownKeys: 'all-missing' }).decision, 'Allowed');
    assert.equal(evaluateRequest(input({ identity: [all, denyNoMfa] }), req).decision, 'ExplicitlyDenied');
    assert.equal(evaluateRequest(input({ identity: [all, denyNoMfa] }), { ...req, context: { 'aws:MultiFactorAuthPresent': 'true' } }).decision, 'Allowed');
  });

  test('absentKeys: a key known missing is not attacker-chosen, explicit context still wins', () => {
    const viaSource = pol('identity', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': A } } });
    const denyDirect = pol('identity', { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Null: { 'aws:CalledVia': 'true' } } });
    const all = pol('identity', { Effect: 'Allow', Action: '*', Resource: '*' });
    const absentKeys = ['aws:SourceAccount', 'AWS:CalledVia'];
    assert.equal(evaluateRequest(input({ identity: [viaSource] }), { ...req, unknownKeys: 'all-missing' }).decision, 'Allowed');
    assert.equal(evaluateRequest(input({ identity: [viaSource] }), { ...req, unknownKeys: 'all-missing', absentKeys }).decision, 'ImplicitlyDenied');
    assert.equal(evaluateRequest(input({ identity: [viaSource] }), { ...req, context: { 'aws:SourceAccount': A }, unknownKeys: 'all-missing', absentKeys }).decision, 'Allowed');
    assert.equal(evaluateRequest(input({ identity: [all, denyDirect] }), { ...req, unknownKeys: 'all-missing' }).decision, 'Allowed');
    assert.equal(evaluateRequest(input({ identity: [all, denyDirect] }), { ...req, unknownKeys: 'all-missing', absentKeys }).decision, 'ExplicitlyDenied');
  });

  test('principal-derived keys are known: aws:PrincipalArn, aws:username, aws:PrincipalTag', () => {
    const p = pol('identity', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' }, ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:user/*` } } });
    const base = { identity: [p], principal: { arn: alice, account: A, tags: { team: 'red' } } };
    assert.equal(evaluateRequest(base, { ...req, resource: 'arn:aws:s3:::b/alice/x', unknownKeys: 'all-missing' }).certainty, 'certain');
    assert.equal(evaluateRequest(base, { ...req, resource: 'arn:aws:s3:::b/alice/x' }).decision, 'Allowed');
    assert.equal(evaluateRequest(base, { ...req, resource: 'arn:aws:s3:::b/bob/x' }).decision, 'ImplicitlyDenied');
    assert.equal(evaluateRequest({ ...base, principal: { arn: alice, account: A, tags: { team: 'blue' } } }, { ...req, resource: 'arn:aws:s3:::b/alice/x' }).decision, 'ImplicitlyDenied');
  });
});
