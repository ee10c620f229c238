import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicy, printPolicy } from '../../../src/model/policy/index.js';
import { MalformedPolicyError } from '../../../src/model/errors.js';

const meta = { id: 'p1', type: 'identity' as const, source: 'p1.json' };

describe('parsePolicy', () => {
  test('normalises string-or-array and records pointers', () => {
    const p = parsePolicy({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::c'] }] }, meta);
    const st = p.statements[0]!;
    assert.equal(st.sid, 'A');
    assert.deepEqual(st.action.patterns, [{ value: 's3:GetObject', pointer: '/Statement/0/Action' }]);
    assert.equal(st.resource?.patterns[1]?.pointer, '/Statement/0/Resource/1');
    assert.equal(st.pointer, '/Statement/0');
  });

  test('lone statement object has pointer /Statement', () => {
    const p = parsePolicy({ Statement: { Effect: 'Deny', NotAction: '*', NotResource: 'x' } }, meta);
    assert.equal(p.statements[0]!.pointer, '/Statement');
    assert.equal(p.statements[0]!.action.kind, 'NotAction');
    assert.equal(p.statements[0]!.resource?.kind, 'NotResource');
  });

  test('accepts URL-encoded documents as IAM APIs return them', () => {
    const doc = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
    assert.equal(parsePolicy(doc, meta).statements.length, 1);
  });

  test('principals, NotPrincipal and conditions', () => {
    const p = parsePolicy(
      {
        Statement: [
          { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '444455556666'], Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['a*', 'b'] }, Bool: { 'aws:SecureTransport': false } } },
          { Effect: 'Deny', NotPrincipal: '*', Action: '*' },
        ],
      },
      { id: 't', type: 'trust' },
    );
    const [a, b] = p.statements;
    assert.equal(a!.principal?.values.length, 3);
    assert.equal(a!.principal?.values[2]?.value.pointer, '/Statement/0/Principal/Service');
    const c = a!.conditions[0]!;
    assert.equal(c.baseOperator, 'StringLike');
    assert.equal(c.setQualifier, 'ForAnyValue');
    assert.equal(c.ifExists, true);
    assert.equal(c.pointer, '/Statement/0/Condition/ForAnyValue:StringLikeIfExists/aws:TagKeys');
    assert.equal(a!.conditions[1]!.values[0]!.value, 'false');
    assert.equal(b!.principal?.kind, 'NotPrincipal');
    assert.equal(b!.principal?.wildcard, true);
  });

  test('a bare principal string is read as an AWS principal (lenient)', () => {
    const p = parsePolicy({ Statement: [{ Effect: 'Allow', Action: '*', Principal: 'arn:aws:iam::1:root' }] }, meta);
    assert.deepEqual(p.statements[0]!.principal?.values, [{ type: 'AWS', value: { value: 'arn:aws:iam::1:root', pointer: '/Statement/0/Principal' } }]);
  });

  const bad: [string, unknown, string][] = [
    ['not JSON', '{"Statement": [', ''],
    ['not an object', '[1]', ''],
    ['no Statement', { Version: '2012-10-17' }, '/Statement'],
    ['bad effect', { Statement: [{ Effect: 'Maybe', Action: '*' }] }, '/Statement/0/Effect'],
    ['Action and NotAction', { Statement: [{ Effect: 'Allow', Action: '*', NotAction: 'x' }] }, '/Statement/0/NotAction'],
    ['no Action', { Statement: [{ Effect: 'Allow', Resource: '*' }] }, '/Statement/0'],
    ['action object', { Statement: [{ Effect: 'Allow', Action: ['s3:x', { a: 1 }] }] }, '/Statement/0/Action/1'],
    ['unknown principal type', { Statement: [{ Effect: 'Allow', Action: '*', Principal: { Bogus: 'x' } }] }, '/Statement/0/Principal/Bogus'],
    ['condition not object', { Statement: [{ Effect: 'Allow', Action: '*', Condition: { StringEquals: 'x' } }] }, '/Statement/0/Condition/StringEquals'],
    ['unknown element', { Statement: [{ Effect: 'Allow', Action: '*', Actions: 'x' }] }, '/Statement/0/Actions'],
    ['pointer escaping', { Statement: [{ Effect: 'Allow', Action: '*', Condition: { StringEquals: { 'a/b~c': null } } }] }, '/Statement/0/Condition/StringEquals/a~1b~0c'],
  ];
  for (const [name, input, pointer] of bad) {
    test(`malformed: ${name} → MalformedPolicyError at ${pointer || '(root)'}`, () => {
      assert.throws(
        () => parsePolicy(input as string | object, meta),
        (err: unknown) => err instanceof MalformedPolicyError && err.location.pointer === pointer && err.location.file === 'p1.json',
      );
    });
  }
});

describe('printPolicy', () => {
  test('parse → print → parse is stable', () => {
    const docs = [
      { Version: '2012-10-17', Statement: [{ Sid: 'x', Effect: 'Allow', Action: ['a:b'], Resource: 'r', Condition: { StringEquals: { k: ['1', '2'] }, Bool: { b: 'true' } } }] },
      { Statement: { Effect: 'Deny', NotAction: 'a:*', NotResource: ['x', 'y'], NotPrincipal: { AWS: 'arn:aws:iam::1:root' } } },
      { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: 'arn:aws:iam::1:root' }] },
    ];
    for (const d of docs) {
      const once = parsePolicy(d, meta);
      const printed = printPolicy(once);
      assert.deepEqual(parsePolicy(printed, meta), once);
      assert.deepEqual(printPolicy(parsePolicy(printed, meta)), printed);
    }
  });
});
