import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compileClause } from '../../src/engine/conditions/clause.js';
import { OPERATORS } from '../../src/engine/conditions/operators.js';
import { splitOperator } from '../../src/model/policy/index.js';
import { UNKNOWN, type ContextLookup } from '../../src/engine/variables.js';
import type { Tri } from '../../src/engine/types.js';

function run(operator: string, key: string, values: string[], context: Record<string, string | string[]>, unknown: string[] = []): Tri {
  const clause = { operator, ...splitOperator(operator), key, values: values.map((value, i) => ({ value, pointer: `/v/${i}` })), pointer: '/c' };
  const ctx = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  const lookup: ContextLookup = (k) => (unknown.includes(k) ? UNKNOWN : ctx.get(k));
  return compileClause(clause, true).evaluate(lookup);
}

// [operator, key, policy values, request context, expected] — examples from the IAM User Guide's
// "IAM JSON policy elements: Condition operators" page and its set-operator page, or hand-derived.
type Row = [string, string, string[], Record<string, string | string[]>, Tri];
const rows: Row[] = [
  ['StringEquals', 'aws:PrincipalTag/job-category', ['iamuser-admin'], { 'aws:PrincipalTag/job-category': 'iamuser-admin' }, true],
  ['StringEquals', 'AWS:PRINCIPALTAG/JOB-CATEGORY', ['iamuser-admin'], { 'aws:PrincipalTag/job-category': 'iamuser-admin' }, true],
  ['StringEquals', 'k', ['Admin'], { k: 'admin' }, false],
  ['StringEquals', 'k', ['a', 'b'], { k: 'b' }, true],
  ['StringEquals', 'k', ['a'], {}, false],
  ['StringNotEquals', 'k', ['a'], {}, true],
  ['StringNotEquals', 'k', ['a', 'b'], { k: 'b' }, false],
  ['StringNotEquals', 'k', ['a', 'b'], { k: 'c' }, true],
  ['StringEqualsIgnoreCase', 'k', ['Admin'], { k: 'ADMIN' }, true],
  ['StringNotEqualsIgnoreCase', 'k', ['Admin'], { k: 'ADMIN' }, false],
  ['StringLike', 's3:prefix', ['home/${aws:username}/*'], { 's3:prefix': 'home/bob/x', 'aws:username': 'bob' }, true],
  ['StringLike', 's3:prefix', ['home/${aws:username}/*'], { 's3:prefix': 'home/eve/x', 'aws:username': 'bob' }, false],
  ['StringLike', 's3:prefix', ['home/${aws:username}/*'], { 's3:prefix': 'home/bob/x' }, false],
  ['StringNotLike', 'k', ['a*'], { k: 'abc' }, false],
  ['StringNotLike', 'k', ['a*'], { k: 'xbc' }, true],
  ['StringEqualsIfExists', 'ec2:InstanceType', ['t1.*'], {}, true],
  ['StringLikeIfExists', 'ec2:InstanceType', ['t1.*', 't2.*'], { 'ec2:InstanceType': 'm5.large' }, false],
  ['NumericLessThanEquals', 's3:max-keys', ['10'], { 's3:max-keys': '10' }, true],
  ['NumericLessThan', 's3:max-keys', ['10'], { 's3:max-keys': '10' }, false],
  ['NumericEquals', 'k', ['abc'], { k: 'abc' }, false],
  ['NumericNotEquals', 'k', ['1'], { k: '2' }, true],
  ['NumericGreaterThan', 'k', ['1.5'], { k: '2' }, true],
  ['DateLessThan', 'aws:CurrentTime', ['2019-01-01T00:00:00Z'], { 'aws:CurrentTime': '2020-06-30T00:00:00Z' }, false],
  ['DateGreaterThan', 'aws:TokenIssueTime', ['2020-01-01T00:00:01Z'], { 'aws:TokenIssueTime': '2020-06-30T00:00:00Z' }, true],
  ['DateGreaterThan', 'aws:EpochTime', ['1577836800'], { 'aws:EpochTime': '2020-06-30T00:00:00Z' }, true],
  ['DateEquals', 'k', ['2020-01-01'], { k: '1577836800' }, true],
  ['Bool', 'aws:SecureTransport', ['false'], { 'aws:SecureTransport': 'false' }, true],
  ['Bool', 'aws:SecureTransport', ['false'], { 'aws:SecureTransport': 'True' }, false],
  ['Bool', 'aws:MultiFactorAuthPresent', ['true'], {}, false],
  ['BoolIfExists', 'aws:MultiFactorAuthPresent', ['false'], {}, true],
  ['BinaryEquals', 'key', ['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }, true],
  ['BinaryEquals', 'key', ['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], { key: 'QmluYXJ5' }, false],
  ['IpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': '203.0.113.77' }, true],
  ['IpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': '203.0.114.1' }, false],
  ['IpAddress', 'aws:SourceIp', ['203.0.113.0/24', '2001:DB8:1234:5678::/64'], { 'aws:SourceIp': '2001:db8:1234:5678:abcd::1' }, true],
  ['IpAddress', 'aws:SourceIp', ['2001:DB8:1234:5678::/64'], { 'aws:SourceIp': '2001:db8:1234:5679::1' }, false],
  ['IpAddress', 'aws:SourceIp', ['10.0.0.1'], { 'aws:SourceIp': '10.0.0.1' }, true],
  ['IpAddress', 'aws:SourceIp', ['::ffff:10.0.0.0/120'], { 'aws:SourceIp': '::ffff:10.0.0.9' }, true],
  ['NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': '198.51.100.1' }, true],
  ['NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'], {}, true],
  ['ArnEquals', 'aws:SourceArn', ['arn:aws:sns:REGION:123456789012:TOPIC-ID'], { 'aws:SourceArn': 'arn:aws:sns:REGION:123456789012:TOPIC-ID' }, true],
  ['ArnLike', 'aws:SourceArn', ['arn:aws:sns:*:123456789012:*'], { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:t' }, true],
  ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/Admin*'], { 'aws:PrincipalArn': 'arn:aws:iam::1:user/Admin' }, false],
  ['ArnNotLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/Admin*'], { 'aws:PrincipalArn': 'arn:aws:iam::1:user/Admin' }, true],
  ['ArnNotEquals', 'aws:PrincipalArn', ['arn:aws:iam::1:role/x'], {}, true],
  ['Null', 'aws:TokenIssueTime', ['true'], {}, true],
  ['Null', 'aws:TokenIssueTime', ['true'], { 'aws:TokenIssueTime': '2020-01-01' }, false],
  ['Null', 'aws:TokenIssueTime', ['false'], { 'aws:TokenIssueTime': '2020-01-01' }, true],
  ['ForAllValues:StringEquals', 'aws:TagKeys', ['environment', 'cost-center'], { 'aws:TagKeys': ['environment'] }, true],
  ['ForAllValues:StringEquals', 'aws:TagKeys', ['environment', 'cost-center'], { 'aws:TagKeys': ['environment', 'owner'] }, false],
  ['ForAllValues:StringEquals', 'aws:TagKeys', ['environment'], {}, true],
  ['ForAllValues:StringEquals', 'aws:TagKeys', ['environment'], { 'aws:TagKeys': [] }, true],
  ['ForAnyValue:StringEquals', 'aws:TagKeys', ['environment'], { 'aws:TagKeys': ['owner', 'environment'] }, true],
  ['ForAnyValue:StringEquals', 'aws:TagKeys', ['environment'], {}, false],
  // The set qualifier decides a missing key first: IfExists does not make ForAnyValue true (issue 19).
  ['ForAnyValue:StringEqualsIfExists', 'aws:TagKeys', ['environment'], {}, false],
  ['ForAllValues:StringEqualsIfExists', 'aws:TagKeys', ['environment'], {}, true],
  ['ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], { 'aws:TagKeys': ['a', 'b'] }, true],
  ['ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], { 'aws:TagKeys': ['a', 'secret'] }, false],
  ['ForAnyValue:StringNotEquals', 'aws:TagKeys', ['secret'], { 'aws:TagKeys': ['a', 'secret'] }, true],
  ['ForAnyValue:StringLike', 'aws:TagKeys', ['env*'], { 'aws:TagKeys': ['x', 'environment'] }, true],
  ['StringEquals', 'aws:TagKeys', ['a'], { 'aws:TagKeys': ['b', 'a'] }, true],
  ['StringNotEquals', 'aws:TagKeys', ['a'], { 'aws:TagKeys': ['b', 'a'] }, false],
  ['NoSuchOperator', 'k', ['a'], { k: 'a' }, false],
];

describe('condition operators', () => {
  for (const [op, key, values, ctx, want] of rows) {
    test(`${op} ${key}=${JSON.stringify(values)} with ${JSON.stringify(ctx)} → ${want}`, () => assert.equal(run(op, key, values, ctx), want));
  }

  test('every operator is declared once with its flags', () => {
    const names = OPERATORS.map((o) => o.name);
    assert.equal(new Set(names).size, names.length);
    assert.equal(OPERATORS.length, 6 + 6 + 6 + 2 + 2 + 4);
    assert.ok(OPERATORS.filter((o) => o.wildcards).every((o) => o.name.includes('Like') || o.name.startsWith('Arn')));
  });

  test('unknown keys give unknown, except where no value could change the result', () => {
    assert.equal(run('DateGreaterThan', 'aws:TokenIssueTime', ['2020-01-01'], {}, ['aws:tokenissuetime']), 'unknown');
    assert.equal(run('StringLike', 'k', ['a/${aws:username}'], { k: 'a/b' }, ['aws:username']), 'unknown');
    assert.equal(run('Null', 'k', ['true'], {}, ['k']), 'unknown');
  });
});
