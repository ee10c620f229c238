// CloudTrail event → IAM action. Expected actions come from the Service Authorization Reference
// and the S3 "Required permissions for Amazon S3 API operations" table (cited in rules.ts).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mapEvent, servicePrefixOf } from '../../src/catalog/cloudtrail/map-event.js';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';

let catalog: Catalog;
before(async () => {
  catalog = await loadCatalog();
});

const CASES: [string, string, string[] | 'no-action' | 'unknown'][] = [
  ['iam.amazonaws.com', 'CreateUser', ['iam:CreateUser']],
  ['monitoring.amazonaws.com', 'PutMetricAlarm', ['cloudwatch:PutMetricAlarm']],
  ['tagging.amazonaws.com', 'GetResources', ['tag:GetResources']],
  ['lambda.amazonaws.com', 'GetFunction20150331v2', ['lambda:GetFunction']],
  ['lambda.amazonaws.com', 'ListFunctions20150331', ['lambda:ListFunctions']],
  ['s3.amazonaws.com', 'ListObjects', ['s3:ListBucket']],
  ['s3.amazonaws.com', 'ListBuckets', ['s3:ListAllMyBuckets']],
  ['s3.amazonaws.com', 'GetBucketEncryption', ['s3:GetEncryptionConfiguration']],
  ['s3.amazonaws.com', 'CopyObject', ['s3:GetObject', 's3:PutObject']],
  ['kms.amazonaws.com', 'ReEncrypt', ['kms:ReEncryptFrom', 'kms:ReEncryptTo']],
  ['signin.amazonaws.com', 'ConsoleLogin', 'no-action'],
  ['sts.amazonaws.com', 'GetCallerIdentity', 'no-action'],
  ['iam.amazonaws.com', 'NotARealCall', 'unknown'],
  ['madeup.amazonaws.com', 'DoThing', 'unknown'],
];

test('events map to their actions (or are listed as unknown / needing no action)', () => {
  for (const [source, name, expected] of CASES) {
    const m = mapEvent(catalog, source, name);
    if (expected === 'no-action' || expected === 'unknown') assert.equal(m.status, expected, `${source} ${name}`);
    else assert.deepEqual(m.status === 'mapped' ? [...m.actions] : m, expected, `${source} ${name}`);
  }
  assert.equal(servicePrefixOf('email.amazonaws.com'), 'ses');
});
