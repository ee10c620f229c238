// Least-privilege generation: for random sets of successful calls, the generated policy allows
// every call (engine-checked, independently of the generator's own proof); denied-only actions are
// never granted; unknown resources become "*" or ARN templates; many ARNs fold to their parent.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { generatePolicy } from '../../../src/analyzers/least-privilege/generate.js';
import { proveUsageAllowed } from '../../../src/analyzers/least-privilege/prove.js';
import { loadCatalog, type Catalog } from '../../../src/catalog/index.js';
import { evaluateRequest } from '../../../src/engine/index.js';
import type { ActivitySummary } from '../../../src/model/activity.js';
import { parsePolicy } from '../../../src/model/policy/index.js';

let catalog: Catalog;
before(async () => {
  catalog = await loadCatalog({ details: true, services: ['s3', 'sqs', 'kms', 'iam', 'ec2', 'dynamodb'] });
});

const A = '111122223333';
const P = `arn:aws:iam::${A}:role/app`;
const row = (action: string, resourceArn: string, successCount = 1, deniedCount = 0): ActivitySummary => ({ accountId: A, principalArn: P, action, resourceArn, successCount, deniedCount, firstSeen: '2026-11-01T00:00:00Z', lastSeen: '2026-11-01T00:00:00Z', days: 1 });

const CALLS: [string, string][] = [
  ['s3:GetObject', 'arn:aws:s3:::data/a.csv'], ['s3:GetObject', 'arn:aws:s3:::data/b/c.csv'], ['s3:PutObject', 'arn:aws:s3:::logs/2026/11/01/x'],
  ['s3:ListBucket', 'arn:aws:s3:::data'], ['s3:ListAllMyBuckets', '*'], ['sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:jobs`],
  ['kms:Decrypt', `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`], ['kms:ListKeys', '*'], ['iam:GetRole', `arn:aws:iam::${A}:role/app`],
  ['ec2:DescribeInstances', '*'], ['dynamodb:Query', `arn:aws:dynamodb:us-east-1:${A}:table/orders`], ['dynamodb:PutItem', '*'], ['s3:GetObject', '*'],
];

function allows(policies: object[], action: string, resource: string): boolean {
  const identity = policies.map((d, i) => parsePolicy(d, { id: `g${i}`, type: 'identity' }));
  return evaluateRequest({ identity, principal: { arn: P, account: A } }, { principal: P, action, resource, resourceAccount: resource.split(':')[4] || A }).decision === 'Allowed';
}

test('property: the generated policy allows every successful call of the set', () => {
  fc.assert(fc.property(fc.uniqueArray(fc.constantFrom(...CALLS), { minLength: 1, maxLength: CALLS.length }), (calls) => {
    const result = generatePolicy(calls.map(([a, r]) => row(a, r)), { catalog });
    return calls.every(([a, r]) => allows(result.policies, a, r));
  }), { seed: 9001, numRuns: 120 });
});

test('denied-only actions are reported, not granted; the proof counts every call', () => {
  const activity = [row('s3:GetObject', 'arn:aws:s3:::data/a'), row('s3:DeleteBucket', 'arn:aws:s3:::data', 0, 3)];
  const result = generatePolicy(activity, { catalog });
  assert.deepEqual(result.deniedOnly, ['s3:DeleteBucket']);
  assert.ok(!JSON.stringify(result.policies).includes('DeleteBucket'));
  assert.deepEqual(proveUsageAllowed(P, result.policies, activity), { checked: 1, allowed: 1, denied: [], placeholder: [] });
});

test('resources: observed ARNs are kept; unknown ones are * or, with placeholders, the ARN template', () => {
  const plain = generatePolicy([row('s3:GetObject', 'arn:aws:s3:::data/a'), row('sqs:SendMessage', '*')], { catalog });
  assert.deepEqual(plain.policies[0]!.Statement, [
    { Sid: 'S31', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/a' },
    { Sid: 'Sqs1', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
  ]);
  const templated = generatePolicy([row('sqs:SendMessage', '*')], { catalog, resourcePlaceholders: true });
  // Service Authorization Reference, Amazon SQS: queue ARN arn:${Partition}:sqs:${Region}:${Account}:${QueueName}.
  assert.deepEqual(templated.placeholders, ['arn:aws:sqs:${Region}:${Account}:${QueueName}']);
  const proof = proveUsageAllowed(P, templated.policies, [row('sqs:SendMessage', '*')]);
  assert.equal(proof.placeholder.length, 1);
});

test('more than 20 objects of one action fold to their parent path', () => {
  const rows = Array.from({ length: 25 }, (_, i) => row('s3:GetObject', `arn:aws:s3:::data/daily/${i}.csv`));
  const result = generatePolicy(rows, { catalog });
  assert.deepEqual(result.policies[0]!.Statement, [{ Sid: 'S31', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/daily/*' }]);
});
