// no-new-access is a containment proof: properties that must hold for any policy (fast-check),
// and hand-derived cases for resource globs, NotAction/NotResource, conditions and Denies.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { checkNoNewAccess, globIncludes } from '../../../src/analyzers/checks/index.js';
import { loadCatalog, type Catalog } from '../../../src/catalog/index.js';
import { parsePolicy } from '../../../src/model/policy/index.js';

let catalog: Catalog;
before(async () => {
  catalog = await loadCatalog({ services: ['s3', 'sqs', 'dynamodb'] });
});

type Doc = { Version: string; Statement: object[] };
const policy = (doc: Doc) => parsePolicy(doc, { id: 'p', type: 'identity' });
const check = (next: Doc, existing: Doc) => checkNoNewAccess(policy(next), policy(existing), catalog);

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:Get*', 'sqs:SendMessage', 'sqs:*', 'dynamodb:Query', 'dynamodb:PutItem'];
const RESOURCES = ['*', 'arn:aws:s3:::a/*', 'arn:aws:s3:::a/x', 'arn:aws:s3:::b', 'arn:aws:sqs:us-east-1:111122223333:q', 'arn:aws:dynamodb:us-east-1:111122223333:table/t'];
const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
  Resource: fc.uniqueArray(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 2 }),
});
const doc = fc.array(statement, { minLength: 1, maxLength: 4 }).map((Statement): Doc => ({ Version: '2012-10-17', Statement }));

test('property: a policy compared with itself passes', () => {
  fc.assert(fc.property(doc, (d) => check(d, d).result === 'PASS'), { seed: 4242, numRuns: 150 });
});

test('property: adding a Deny statement never fails', () => {
  fc.assert(fc.property(doc, statement, (d, extra) => check({ ...d, Statement: [...d.Statement, { ...extra, Effect: 'Deny' }] }, d).result === 'PASS'), { seed: 4243, numRuns: 150 });
});

test('property: adding an Allow of an action the policy does not grant fails', () => {
  // dynamodb:DeleteTable is in no generated policy, so it is always new access.
  fc.assert(fc.property(doc, fc.constantFrom(...RESOURCES), (d, resource) => {
    const outcome = check({ ...d, Statement: [...d.Statement, { Effect: 'Allow', Action: 'dynamodb:DeleteTable', Resource: resource }] }, d);
    return outcome.result === 'FAIL' && outcome.reasons.some((r) => r.action === 'dynamodb:DeleteTable');
  }), { seed: 4244, numRuns: 150 });
});

const v = (...Statement: object[]): Doc => ({ Version: '2012-10-17', Statement });

test('narrower resources and actions pass; wider ones fail', () => {
  const existing = v({ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::data/*' });
  assert.equal(check(v({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/reports/*' }), existing).result, 'PASS');
  assert.equal(check(v({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data*' }), existing).result, 'FAIL');
  assert.equal(check(v({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data/*' }), existing).result, 'FAIL');
});

test('NotAction in the existing policy covers every other action', () => {
  const existing = v({ Effect: 'Allow', NotAction: 's3:Delete*', Resource: '*' });
  assert.equal(check(v({ Effect: 'Allow', Action: ['s3:GetObject', 'sqs:SendMessage'], Resource: 'arn:aws:s3:::x/*' }), existing).result, 'PASS');
  assert.equal(check(v({ Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::x/*' }), existing).result, 'FAIL');
});

test('a condition in the existing Allow must also bind the new one', () => {
  const cond = { StringEquals: { 'aws:PrincipalTag/team': 'data' } };
  const existing = v({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: cond });
  assert.equal(check(v({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: cond }), existing).result, 'PASS');
  assert.equal(check(v({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), existing).result, 'FAIL');
});

test('dropping an existing Deny is new access', () => {
  const allow = { Effect: 'Allow', Action: 's3:*', Resource: '*' };
  const deny = { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' };
  const outcome = check(v(allow), v(allow, deny));
  assert.equal(outcome.result, 'FAIL');
  assert.equal(outcome.reasons[0]!.statementIndex, 1);
});

test('glob inclusion (hand-derived)', () => {
  assert.equal(globIncludes('a*', 'ab*', false), true);
  assert.equal(globIncludes('a?', 'a*', false), false, 'a* matches "abc", a? does not');
  assert.equal(globIncludes('*', 'anything*?', false), true);
  assert.equal(globIncludes('arn:aws:s3:::b/x*', 'arn:aws:s3:::b/*', false), false);
  assert.equal(globIncludes('S3:Get*', 's3:getobject', true), true);
});
