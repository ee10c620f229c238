/** High-value rules and the engine-backed trust judge, on hand-written CloudTrail records. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import { ruleContext } from '../../src/detect/context.js';
import { RuleSet, alertId } from '../../src/detect/rule-set.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';
import { engineTrustJudge } from '../../src/detect/trust/engine-trust-judge.js';
import type { TrustPolicyJudge } from '../../src/detect/rule-types.js';

const ACCT = '111122223333';
const user = { type: 'IAMUser', arn: `arn:aws:iam::${ACCT}:user/alice`, accountId: ACCT, userName: 'alice' };
const ev = (eventName: string, requestParameters: Record<string, unknown>, extra: Partial<CloudTrailEvent> = {}): CloudTrailEvent => ({
  eventID: `id-${eventName}`, eventTime: '2024-01-01T00:00:00Z', eventType: 'AwsApiCall', eventSource: 'iam.amazonaws.com', eventName, awsRegion: 'us-east-1',
  recipientAccountId: ACCT, userIdentity: user, requestParameters, ...extra,
});
const trust = (principal: unknown, condition?: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });
const ruleIds = (rs: RuleSet, e: CloudTrailEvent) => rs.evaluate(e).map((a) => a.ruleId);

describe('trust judge (engine-backed, the only one)', () => {
  const zone = { accounts: new Set([ACCT]), orgId: 'o-abc' };
  const cases: [string, string, boolean][] = [
    ['own account root', trust({ AWS: `arn:aws:iam::${ACCT}:root` }), false],
    ['service principal', trust({ Service: 'ec2.amazonaws.com' }), false],
    ['other account id', trust({ AWS: '999988887777' }), true],
    ['other account role ARN in a list', trust({ AWS: [`arn:aws:iam::${ACCT}:role/x`, 'arn:aws:iam::999988887777:role/y'] }), true],
    ['anyone', trust('*'), true],
    ['anyone pinned by aws:PrincipalOrgID', trust({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }), false],
    ['anyone with a non-restricting condition', trust({ AWS: '*' }, { StringEquals: { 'sts:ExternalId': 'x' } }), true],
    ['public OIDC provider', trust({ Federated: 'cognito-identity.amazonaws.com' }), true],
    ['own SAML provider', trust({ Federated: `arn:aws:iam::${ACCT}:saml-provider/okta` }), false],
  ];
  for (const judge of [engineTrustJudge]) {
    for (const [name, doc, external] of cases) test(`${judge.name}: ${name}`, () => assert.equal(judge.isExternal(doc, zone).external, external));
  }
  test('engine: an org-pinning Deny closes an Allow *', () => {
    const doc = JSON.stringify({ Statement: [
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } } },
    ] });
    assert.equal(engineTrustJudge.isExternal(doc, zone).external, false);
  });
  test('engine: an unreadable trust policy fails closed, with an alert saying so', () => {
    for (const bad of ['{"Statement": [', '{"Statement": [{"Effect": "Maybe", "Principal": "*", "Action": "sts:AssumeRole"}]}', 42]) {
      const v = engineTrustJudge.isExternal(bad, zone);
      assert.equal(v.external, true, JSON.stringify(bad));
      assert.match(v.reason, /could not be read/);
    }
  });
  test('engine: a condition on an outsider-controlled key (sts:ExternalId) does not keep outsiders out', () => {
    const v = engineTrustJudge.isExternal(trust({ AWS: 'arn:aws:iam::999988887777:role/vendor' }, { StringEquals: { 'sts:ExternalId': 'abc' } }), zone);
    assert.deepEqual(v.principals, ['arn:aws:iam::999988887777:role/vendor']);
  });
});

describe('high-value rules', () => {
  const rs = new RuleSet(BUILTIN_RULES, ruleContext({ trustedAccounts: ['444455556666'] }));

  test('trust policy to a trusted account is not external; to another account it is', () => {
    assert.ok(!ruleIds(rs, ev('UpdateAssumeRolePolicy', { roleName: 'r', policyDocument: trust({ AWS: '444455556666' }) })).includes('trust-policy-external'));
    const alerts = rs.evaluate(ev('UpdateAssumeRolePolicy', { roleName: 'r', policyDocument: trust({ AWS: '999988887777' }) }));
    const a = alerts.find((x) => x.ruleId === 'trust-policy-external');
    assert.ok(a);
    assert.match(a.summary, /999988887777/);
    assert.equal(a.id, alertId('trust-policy-external', 'id-UpdateAssumeRolePolicy'));
    assert.match(a.id, /^[0-9a-f]{32}$/);
  });

  test('the trust decision is delegated to the injected judge', () => {
    const calls: unknown[] = [];
    const judge: TrustPolicyJudge = { name: 'fake', isExternal: (doc) => (calls.push(doc), { external: true, principals: ['x'], reason: 'fake says so' }) };
    const custom = new RuleSet(BUILTIN_RULES, ruleContext({ trustJudge: judge }));
    assert.ok(ruleIds(custom, ev('CreateRole', { roleName: 'r', assumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) })).includes('trust-policy-external'));
    assert.equal(calls.length, 1);
  });

  test('admin: AdministratorAccess attached, *:* inline policy, but not ReadOnlyAccess', () => {
    assert.ok(ruleIds(rs, ev('AttachRolePolicy', { roleName: 'r', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })).includes('admin-policy-attached'));
    assert.ok(ruleIds(rs, ev('PutUserPolicy', { userName: 'u', policyName: 'p', policyDocument: JSON.stringify({ Statement: { Effect: 'Allow', Action: '*:*', Resource: '*' } }) })).includes('admin-policy-attached'));
    assert.ok(!ruleIds(rs, ev('AttachRolePolicy', { roleName: 'r', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })).includes('admin-policy-attached'));
  });

  test('access key for self is not flagged; for another user it is; failed calls are not', () => {
    assert.ok(!ruleIds(rs, ev('CreateAccessKey', {})).includes('access-key-created-for-other-user'));
    assert.ok(!ruleIds(rs, ev('CreateAccessKey', { userName: 'alice' })).includes('access-key-created-for-other-user'));
    assert.ok(ruleIds(rs, ev('CreateAccessKey', { userName: 'bob' })).includes('access-key-created-for-other-user'));
    assert.ok(!ruleIds(rs, ev('CreateAccessKey', { userName: 'bob' }, { errorCode: 'AccessDenied' })).includes('access-key-created-for-other-user'));
  });

  test('MFA deactivated, root activity (not when invoked by a service)', () => {
    assert.ok(ruleIds(rs, ev('DeactivateMFADevice', { userName: 'alice' })).includes('mfa-deactivated'));
    const root = { type: 'Root', arn: `arn:aws:iam::${ACCT}:root`, accountId: ACCT };
    assert.deepEqual(ruleIds(rs, ev('ListBuckets', {}, { eventSource: 's3.amazonaws.com', userIdentity: root })).sort(), ['cis-aws-4.3', 'root-activity']);
    assert.deepEqual(ruleIds(rs, ev('ListBuckets', {}, { eventSource: 's3.amazonaws.com', userIdentity: { ...root, invokedBy: 'cloudformation.amazonaws.com' } })), []);
  });

  test('snapshot shared with group all → public', () => {
    const e = ev('ModifySnapshotAttribute', { snapshotId: 'snap-1', createVolumePermission: { add: { items: [{ group: 'all' }] } } }, { eventSource: 'ec2.amazonaws.com' });
    assert.deepEqual(ruleIds(rs, e), ['snapshot-or-ami-shared-publicly']);
  });
});
