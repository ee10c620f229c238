/**
 * Rule-pack exactness (issue 19): CIS patterns are the benchmark's text for the version their label
 * names, and the snapshot/AMI share rules count only real grantees.
 * Sources: CIS AWS Foundations Benchmark v1.4.0/v3.0.0 section 4 and Security Hub CloudWatch.13
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-13);
 * EC2 CreateVolumePermission/LaunchPermission (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchPermission.html:
 * `Group` can only be `all`; `OrganizationArn`, `OrganizationalUnitArn`, `UserId` a 12-digit account).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import { ruleContext } from '../../src/detect/context.js';
import { RuleSet } from '../../src/detect/rule-set.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';
import { CIS_RULES } from '../../src/detect/rules/cis.js';

const ACCT = '111122223333';
const ev = (eventName: string, eventSource: string, requestParameters: Record<string, unknown> = {}): CloudTrailEvent => ({
  eventID: `id-${eventName}`, eventTime: '2024-01-01T00:00:00Z', eventType: 'AwsApiCall', eventSource, eventName, awsRegion: 'us-east-1',
  recipientAccountId: ACCT, userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCT}:user/alice`, accountId: ACCT, userName: 'alice' }, requestParameters,
});

describe('CIS pack', () => {
  const rs = new RuleSet(BUILTIN_RULES, ruleContext({ orgId: 'o-own1234' }));
  const fired = (e: CloudTrailEvent) => rs.evaluate(e).map((a) => a.ruleId);
  test('4.13 is the seven route calls with no eventSource condition', () => {
    const rule = CIS_RULES.find((r) => r.id === 'cis-aws-4.13')!;
    assert.ok(!('metricFilter' in rule.pattern && String(rule.pattern.metricFilter).includes('eventSource')));
    // Every listed call fires, whatever the eventSource field says (the benchmark does not look at it).
    for (const name of ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable']) {
      assert.ok(fired(ev(name, 'ec2.amazonaws.com')).includes('cis-aws-4.13'), name);
      assert.ok(fired(ev(name, 'elsewhere.amazonaws.com')).includes('cis-aws-4.13'), `${name} from another source`);
    }
    assert.ok(!fired(ev('CreateVpc', 'ec2.amazonaws.com')).includes('cis-aws-4.13'));
  });
  test('4.1 is labelled with the benchmark version whose wording it copies (v4.0.1; test/cases/detect/cis-wording.json)', () => {
    const rule = CIS_RULES.find((r) => r.id === 'cis-aws-4.1')!;
    assert.match(rule.cisVersion ?? '', /v4\.0\.1 wording/);
    assert.equal(String((rule.pattern as { metricFilter: string }).metricFilter), '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }');
  });
});

describe('snapshot and AMI shares', () => {
  const rs = new RuleSet(BUILTIN_RULES, ruleContext({ orgId: 'o-own1234' }));
  const share = (items: unknown[], key = 'launchPermission') => rs.evaluate(ev('ModifyImageAttribute', 'ec2.amazonaws.com', { imageId: 'ami-1', [key]: { add: { items } } })).map((a) => a.ruleId).filter((id) => id.startsWith('snapshot-or-ami'));
  test('only the group all is public; other group values share with nobody', () => {
    assert.deepEqual(share([{ group: 'all' }]), ['snapshot-or-ami-shared-publicly']);
    assert.deepEqual(share([{ group: 'everyone' }]), []);
    assert.deepEqual(share([{ group: '' }]), []);
  });
  test('only a 12-digit account id is an account share', () => {
    assert.deepEqual(share([{ userId: '999988887777' }]), ['snapshot-or-ami-shared-external']);
    assert.deepEqual(share([{ userId: ACCT }]), []);
    assert.deepEqual(share([{ userId: 'bob' }]), []);
  });
  test('an organization or OU share is external only outside the own organization', () => {
    assert.deepEqual(share([{ organizationArn: 'arn:aws:organizations::111122223333:organization/o-own1234' }]), []);
    assert.deepEqual(share([{ organizationalUnitArn: 'arn:aws:organizations::111122223333:ou/o-own1234/ou-ab12-cdef3456' }]), []);
    assert.deepEqual(share([{ organizationArn: 'arn:aws:organizations::999988887777:organization/o-other999' }]), ['snapshot-or-ami-shared-external']);
  });
  test('RDS: valuesToAdd all is public, an account id is external', () => {
    const rds = (values: string[]) => rs.evaluate(ev('ModifyDBSnapshotAttribute', 'rds.amazonaws.com', { dBSnapshotIdentifier: 's', attributeName: 'restore', valuesToAdd: values })).map((a) => a.ruleId).filter((id) => id.startsWith('snapshot-or-ami'));
    assert.deepEqual(rds(['all']), ['snapshot-or-ami-shared-publicly']);
    assert.deepEqual(rds(['999988887777']), ['snapshot-or-ami-shared-external']);
    assert.deepEqual(rds(['not-an-account']), []);
  });
});

describe('one policy reader: detection asks the engine', () => {
  const rs = new RuleSet(BUILTIN_RULES, ruleContext());
  const put = (doc: unknown) => rs.evaluate({ ...ev('PutUserPolicy', 'iam.amazonaws.com', { userName: 'u', policyName: 'p', policyDocument: typeof doc === 'string' ? doc : JSON.stringify(doc) }) }).map((a) => a.ruleId).includes('admin-policy-attached');
  const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };
  test('a *:* grant is admin; a Deny that takes part back, or a condition, makes it not', () => {
    assert.equal(put({ Version: '2012-10-17', Statement: [allowAll] }), true);
    assert.equal(put(encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ ...allowAll, Action: '*:*' }] }))), true);
    assert.equal(put({ Version: '2012-10-17', Statement: [allowAll, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }] }), false);
    assert.equal(put({ Version: '2012-10-17', Statement: [{ ...allowAll, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] }), false);
    assert.equal(put({ Version: '2012-10-17', Statement: [{ ...allowAll, Resource: 'arn:aws:s3:::*' }] }), false);
  });
  test('NotAction with Resource * is admin in all but the excluded services', () => {
    assert.equal(put({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }), false);
  });
});

describe('trust-policy-external fails closed', () => {
  const rs = new RuleSet(BUILTIN_RULES, ruleContext());
  test('a CreateRole whose record carries no readable trust policy raises the alert, saying why', () => {
    for (const params of [{ roleName: 'r' }, { roleName: 'r', assumeRolePolicyDocument: '{"Statement": [' }]) {
      const alert = rs.evaluate(ev('CreateRole', 'iam.amazonaws.com', params)).find((a) => a.ruleId === 'trust-policy-external');
      assert.ok(alert, JSON.stringify(params));
      assert.match(alert.summary, /could not be read/);
    }
  });
});
