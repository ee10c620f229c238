/**
 * CloudWatch Logs JSON filter patterns. Cases come from the AWS page "Filter pattern syntax for
 * metric filters, subscription filters, filter log events, and Live Tail" → "Using filter patterns
 * to match terms in JSON log events"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html), and the
 * CIS 4.1 precedence trap from the CIS AWS Foundations Benchmark v1.4/v3.0 pattern (also in
 * Datadog's and Security Hub's remediation text).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilterPattern, parseFilterPattern, printFilter } from '../../src/detect/metric-filter/index.js';
import { PatternError } from '../../src/detect/errors.js';

// The docs' first example log event.
const SIMPLE = {
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  ThisFlag: true,
};

// The docs' compound-expression example event.
const COMPOUND = {
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [
    { id: 2, email: 'John.Doe@example.com' },
    { id: 3, email: 'Jane.Doe@example.com' },
  ],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [
    [0, 1],
    [2, 3],
  ],
};

const CASES: [string, unknown, boolean][] = [
  ['{ $.eventType = "UpdateTrail" }', SIMPLE, true],
  ['{ $.sourceIPAddress != 123.123.* }', SIMPLE, true],
  ['{ $.sourceIPAddress = 111.111.* }', SIMPLE, true],
  ['{ $.arrayKey[0] = "value" }', SIMPLE, true],
  ['{ $.arrayKey[1] = "value" }', SIMPLE, false],
  ['{ $.objectList[1].id = 2 }', SIMPLE, true],
  ['{ $.objectList[1].id > 1 }', SIMPLE, true],
  ['{ $.objectList[1].id >= 3 }', SIMPLE, false],
  ['{ $.objectList[*].name = "b" }', SIMPLE, true],
  ['{ $.SomeObject IS NULL }', SIMPLE, true],
  ['{ $.eventType IS NULL }', SIMPLE, false],
  ['{ $.SomeOtherObject NOT EXISTS }', SIMPLE, true],
  ['{ $.SomeObject NOT EXISTS }', SIMPLE, false],
  ['{ $.ThisFlag IS TRUE }', SIMPLE, true],
  ['{ $.ThisFlag IS FALSE }', SIMPLE, false],
  ['{ $.eventType = "Update*" }', SIMPLE, true],
  ['{ $.eventType = "*Trail" }', SIMPLE, true],
  ['{ $.eventType = "*" }', SIMPLE, true],
  ['{ $.missing = "*" }', SIMPLE, false],
  ['{ $.missing != "x" }', SIMPLE, false],
  ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', COMPOUND, true],
  ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', COMPOUND, false],
  ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }', COMPOUND, true],
  ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }', COMPOUND, false],
  ['{ $.coordinates[1][0] = 2 }', COMPOUND, true],
];

describe('metric-filter patterns (AWS documentation cases)', () => {
  for (const [pattern, event, expected] of CASES) {
    test(`${pattern} → ${expected}`, () => assert.equal(compileFilterPattern(pattern)(event), expected));
  }
});

describe('CIS 4.1 precedence trap: `A || B && C && D` is `A || (B && C && D)`', () => {
  // CIS AWS Foundations v1.4.0 / v3.0.0 control 4.1, pattern verbatim.
  const CIS_41 = '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';
  const m = compileFilterPattern(CIS_41);
  test('parses with && binding tighter than ||', () => {
    assert.equal(
      printFilter(parseFilterPattern(CIS_41)),
      '($.errorCode = "*UnauthorizedOperation" || ($.errorCode = "AccessDenied*" && $.sourceIPAddress != "delivery.logs.amazonaws.com" && $.eventName != "HeadBucket"))',
    );
  });
  test('UnauthorizedOperation from delivery.logs.amazonaws.com still matches (the exclusions bind only to AccessDenied)', () => {
    assert.equal(m({ errorCode: 'Client.UnauthorizedOperation', sourceIPAddress: 'delivery.logs.amazonaws.com', eventName: 'HeadBucket' }), true);
  });
  test('AccessDenied from delivery.logs.amazonaws.com is excluded', () => {
    assert.equal(m({ errorCode: 'AccessDenied', sourceIPAddress: 'delivery.logs.amazonaws.com', eventName: 'GetObject' }), false);
  });
  test('AccessDenied on HeadBucket is excluded; elsewhere it matches', () => {
    assert.equal(m({ errorCode: 'AccessDenied', sourceIPAddress: '1.2.3.4', eventName: 'HeadBucket' }), false);
    assert.equal(m({ errorCode: 'AccessDenied', sourceIPAddress: '1.2.3.4', eventName: 'GetObject' }), true);
  });
  test('a success matches nothing', () => assert.equal(m({ sourceIPAddress: '1.2.3.4', eventName: 'GetObject' }), false));
});

describe('metric-filter errors carry the column', () => {
  const bad: [string, number, RegExp][] = [
    ['$.a = 1', 1, /expected `\{`/],
    ['{ $.a = 1 ', 11, /expected `\}`/],
    ['{ $.a = "x }', 9, /unterminated string/],
    ['{ $.a > "x" }', 9, /compares numbers/],
    ['{ ($.a = 1 }', 12, /expected `\)`/],
    ['{ $.a IS MAYBE }', 10, /NULL, TRUE or FALSE/],
    ['{ $.a[x] = 1 }', 6, /array index/],
    ['{ $.a = 1 && }', 14, /selector/],
    ['{ a = 1 }', 3, /selector/],
  ];
  for (const [pattern, column, message] of bad) {
    test(`${pattern} → column ${column}`, () => {
      assert.throws(() => parseFilterPattern(pattern), (err: unknown) => err instanceof PatternError && err.location.column === column && message.test(err.message));
    });
  }
});
