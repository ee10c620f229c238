// Activity aggregation on hand-built CloudTrail records (shapes from the CloudTrail User Guide's
// record examples): S3 object vs bucket ARNs, KMS resources[], assumed-role and Identity Center
// sessions folded to their role, denied calls counted apart, AWS-service events ignored.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ActivityAggregator, activityPrincipal } from '../../src/activity/aggregate.js';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';

let catalog: Catalog;
before(async () => {
  catalog = await loadCatalog();
});

const A = '111122223333';
const USER = { type: 'IAMUser', arn: `arn:aws:iam::${A}:user/alice`, accountId: A };
const session = (role: string, name: string) => ({ type: 'AssumedRole', arn: `arn:aws:sts::${A}:assumed-role/${role}/${name}`, accountId: A, sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${A}:role/${role.startsWith('AWSReservedSSO') ? `aws-reserved/sso.amazonaws.com/${role}` : role}`, accountId: A } } });
let n = 0;
const event = (over: Partial<CloudTrailEvent>): CloudTrailEvent => ({ eventID: `e${n++}`, eventTime: '2026-11-01T10:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1', recipientAccountId: A, userIdentity: USER, ...over });

test('S3 object and bucket calls get object and bucket ARNs; denied calls are counted apart', () => {
  const agg = new ActivityAggregator(catalog);
  agg.add(event({ requestParameters: { bucketName: 'data', key: 'reports/q3.csv' } }));
  agg.add(event({ eventTime: '2026-11-01T11:00:00Z', requestParameters: { bucketName: 'data', key: 'reports/q3.csv' } }));
  agg.add(event({ eventName: 'ListObjects', requestParameters: { bucketName: 'data' } }));
  agg.add(event({ eventName: 'PutObject', errorCode: 'AccessDenied', requestParameters: { bucketName: 'data', key: 'x' } }));
  const rows = agg.rows().map((r) => [r.action, r.resourceArn, r.successCount, r.deniedCount, r.firstSeen, r.lastSeen]);
  assert.deepEqual(rows, [
    ['s3:GetObject', 'arn:aws:s3:::data/reports/q3.csv', 2, 0, '2026-11-01T10:00:00Z', '2026-11-01T11:00:00Z'],
    ['s3:ListBucket', 'arn:aws:s3:::data', 1, 0, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z'],
    ['s3:PutObject', 'arn:aws:s3:::data/x', 0, 1, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z'],
  ]);
});

test('KMS calls take the key from resources[]; calls without a resource are "*"', () => {
  const agg = new ActivityAggregator(catalog);
  const key = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  agg.add(event({ eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', resources: [{ ARN: key, accountId: A, type: 'AWS::KMS::Key' }] }));
  agg.add(event({ eventSource: 'kms.amazonaws.com', eventName: 'ListKeys' }));
  assert.deepEqual(agg.rows().map((r) => [r.action, r.resourceArn]), [['kms:Decrypt', key], ['kms:ListKeys', '*']]);
});

test('sessions fold to their role (plain AssumeRole and Identity Center); AWS services are not principals', () => {
  assert.equal(activityPrincipal(event({ userIdentity: session('app', 'i-0abc') })), `arn:aws:iam::${A}:role/app`);
  assert.equal(activityPrincipal(event({ userIdentity: session('AWSReservedSSO_Admin_0123456789abcdef', 'dana@example.com') })), `arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`);
  assert.equal(activityPrincipal(event({ userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' } })), undefined);
  const agg = new ActivityAggregator(catalog);
  agg.add(event({ userIdentity: session('app', 's1'), eventSource: 'sqs.amazonaws.com', eventName: 'SendMessage', requestParameters: { queueUrl: `https://sqs.us-east-1.amazonaws.com/${A}/jobs` } }));
  agg.add(event({ userIdentity: session('app', 's2'), eventSource: 'sqs.amazonaws.com', eventName: 'SendMessage', requestParameters: { queueUrl: `https://sqs.us-east-1.amazonaws.com/${A}/jobs` } }));
  agg.add(event({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin' }));
  agg.add(event({ eventSource: 'iam.amazonaws.com', eventName: 'NoSuchCall' }));
  assert.deepEqual(agg.rows().map((r) => [r.principalArn, r.action, r.resourceArn, r.successCount]), [[`arn:aws:iam::${A}:role/app`, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:jobs`, 2]]);
  assert.deepEqual(agg.unmapped(USER.arn).map((u) => `${u.eventSource}:${u.eventName}`), ['iam.amazonaws.com:NoSuchCall']);
  assert.equal(agg.counts.noAction, 1);
});
