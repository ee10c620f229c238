// Generalisation of generated policies (issue 23): object ARNs collapse to their longest common
// prefix at a path boundary, unrelated prefixes stay two statements, per-resource ARNs collapse past
// the threshold, and the engine proof still allows every observed call — and the next, unobserved
// build — while anything outside the prefix stays denied. Truth: hand derivation from IAM's Resource
// wildcard semantics (IAM User Guide, "IAM JSON policy elements: Resource").
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { generaliseResources } from '../../../src/analyzers/least-privilege/generalise.js';
import { generatePolicy } from '../../../src/analyzers/least-privilege/generate.js';
import { proveUsageAllowed } from '../../../src/analyzers/least-privilege/prove.js';
import { loadCatalog, type Catalog } from '../../../src/catalog/index.js';
import { evaluateRequest } from '../../../src/engine/index.js';
import type { ActivitySummary } from '../../../src/model/activity.js';
import { parsePolicy } from '../../../src/model/policy/index.js';

let catalog: Catalog;
before(async () => {
  catalog = await loadCatalog({ details: true, services: ['s3', 'dynamodb', 'lambda'] });
});

const A = '111122223333';
const P = `arn:aws:iam::${A}:role/build-runner`;
const row = (action: string, resourceArn: string): ActivitySummary => ({ accountId: A, principalArn: P, action, resourceArn, successCount: 1, deniedCount: 0, firstSeen: '2026-11-01T00:00:00Z', lastSeen: '2026-11-01T00:00:00Z', days: 1 });
const obj = (key: string) => `arn:aws:s3:::acme-artifacts/${key}`;

type Stmt = { Sid: string; Action: string | string[]; Resource: string | string[] };
const stmts = (doc: { Statement?: unknown }) => doc.Statement as Stmt[];

function allows(policies: object[], action: string, resource: string): boolean {
  const identity = policies.map((d, i) => parsePolicy(d, { id: `g${i}`, type: 'identity' }));
  return evaluateRequest({ identity, principal: { arn: P, account: A } }, { principal: P, action, resource, resourceAccount: resource.split(':')[4] || A }).decision === 'Allowed';
}

test('seven builds collapse to builds/*: build 8 is allowed, other folders are not', () => {
  const rows = [1, 2, 3, 4, 5, 6, 7].flatMap((n) => [row('s3:GetObject', obj(`builds/${n}/input.tgz`)), row('s3:PutObject', obj(`builds/${n}/output.tgz`))]);
  const result = generatePolicy(rows, { catalog });
  assert.deepEqual(result.policies[0]!.Statement, [{ Sid: 'S31', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: obj('builds/*') }]);
  assert.equal(proveUsageAllowed(P, result.policies, rows).allowed, 14);
  assert.ok(allows(result.policies, 's3:GetObject', obj('builds/8/input.tgz')));
  assert.ok(!allows(result.policies, 's3:GetObject', obj('secrets/prod.env')));
  assert.deepEqual(result.generalisation, { granularity: 'prefix', observedPairs: 14, grantedPairs: 2, widened: [{ actions: ['s3:GetObject', 's3:PutObject'], pattern: obj('builds/*'), observed: 14 }] });
});

test('two unrelated prefixes give two statements, never the whole bucket', () => {
  const rows = ['builds/1/a.tgz', 'builds/2/a.tgz', 'logs/2026/11/01.log', 'logs/2026/11/02.log'].map((k) => row('s3:GetObject', obj(k)));
  const result = generatePolicy(rows, { catalog });
  assert.deepEqual(stmts(result.policies[0]!).map((s) => s.Resource), [obj('builds/*'), obj('logs/2026/11/*')]);
  assert.ok(!JSON.stringify(result.policies).includes(obj('*')));
  assert.ok(!allows(result.policies, 's3:GetObject', obj('other/x')));
});

test('one object in a folder, or at the bucket root, keeps its exact ARN', () => {
  assert.deepEqual(generaliseResources([obj('builds/1/a.tgz'), obj('README.md'), obj('index.html')], { granularity: 'prefix' }).map((p) => p.pattern), [obj('README.md'), obj('builds/1/a.tgz'), obj('index.html')]);
});

test('per-resource ARNs of one type collapse past the threshold to their common name prefix', () => {
  const table = (n: string) => `arn:aws:dynamodb:us-east-1:${A}:table/${n}`;
  const many = Array.from({ length: 12 }, (_, i) => table(`orders-${i}`));
  assert.deepEqual(generaliseResources(many, { granularity: 'prefix' }).map((p) => p.pattern), [table('orders-*')]);
  assert.deepEqual(generaliseResources(many.slice(0, 3), { granularity: 'prefix' }).map((p) => p.pattern), many.slice(0, 3).sort());
  assert.deepEqual(generaliseResources([table('a'), table('b'), table('c')], { granularity: 'prefix', threshold: 2 }).map((p) => p.pattern), [table('*')]);
  // Different accounts or regions never share a pattern.
  const other = `arn:aws:dynamodb:us-east-1:444455556666:table/orders-1`;
  assert.ok(generaliseResources([...many, other], { granularity: 'prefix' }).some((p) => p.pattern === other));
});

test('granularity exact keeps every ARN; service grants *; actions without resource-level support use *', () => {
  const rows = ['builds/1/a', 'builds/2/a'].map((k) => row('s3:GetObject', obj(k))).concat(row('s3:ListAllMyBuckets', '*'));
  const exact = generatePolicy(rows, { catalog, granularity: 'exact' });
  assert.deepEqual(stmts(exact.policies[0]!).find((s) => s.Action === 's3:GetObject')!.Resource, [obj('builds/1/a'), obj('builds/2/a')]);
  assert.deepEqual(exact.generalisation.widened, []);
  const service = generatePolicy(rows, { catalog, granularity: 'service' });
  assert.deepEqual(service.policies[0]!.Statement, [{ Sid: 'S31', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListAllMyBuckets'], Resource: '*' }]);
  const prefix = generatePolicy(rows, { catalog });
  assert.equal(stmts(prefix.policies[0]!).find((s) => s.Action === 's3:ListAllMyBuckets')!.Resource, '*');
});

test('property: at every granularity the policy allows every observed call and is at least as broad as exact', () => {
  const keys = fc.array(fc.tuple(fc.constantFrom('builds', 'logs', 'data/x', ''), fc.constantFrom('1', '2', '3/a', 'b.txt')), { minLength: 1, maxLength: 8 });
  fc.assert(fc.property(keys, fc.constantFrom('exact', 'prefix', 'service' as const), (ks, granularity) => {
    const rows = ks.map(([d, f]) => row('s3:GetObject', obj(d ? `${d}/${f}` : f)));
    const result = generatePolicy(rows, { catalog, granularity: granularity as 'exact' | 'prefix' | 'service' });
    const proof = proveUsageAllowed(P, result.policies, rows);
    assert.equal(proof.allowed, proof.checked);
    assert.ok(result.generalisation.grantedPairs <= result.generalisation.observedPairs);
  }), { seed: 23, numRuns: 150 });
});
