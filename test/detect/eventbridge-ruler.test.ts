/**
 * EventBridge patterns as aws/event-ruler (the matcher EventBridge runs) matches and rejects them
 * (issue 19). Each case names its source: event-ruler's README ("JSON Array Matching", "$or"),
 * its rule compiler and parsers (JsonRuleCompiler, WildcardParser, ComparableNumber, Range, ACFinder),
 * or the EventBridge user guide's content-filtering page.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compileEventPattern, MATCH_STEP_BUDGET } from '../../src/detect/eventbridge/compile.js';
import { PatternError } from '../../src/detect/errors.js';

const README = 'https://github.com/aws/event-ruler/blob/main/README.md';
const CONTENT = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html';

interface Case {
  doc: string;
  source: string;
  pattern: unknown;
  match: unknown[];
  noMatch: unknown[];
}

const CASES: Case[] = [
  {
    doc: 'nested event arrays are flattened (multi-level arrays are crushed out)',
    source: `${README} (JSON Array Matching: "This works for multi-level arrays too")`,
    pattern: { a: ['x'] },
    match: [{ a: [['x']] }, { a: [[['x']], 'y'] }, { a: [[{ b: 1 }], ['x']] }],
    noMatch: [{ a: [['y']] }, { a: [[]] }],
  },
  {
    doc: 'nested arrays of objects are flattened too',
    source: `${README} (JSON Array Matching: employees given as an array of arrays)`,
    pattern: { employees: { firstName: ['Anna'] } },
    match: [{ employees: [[{ firstName: 'John' }, { firstName: 'Anna' }], [{ firstName: 'Peter' }]] }],
    noMatch: [{ employees: [[{ firstName: 'John' }]] }],
  },
  {
    doc: 'exists applies to leaves only: an array of objects is not a leaf',
    source: `${CONTENT} (Exists matching: "Exists matching only works on leaf nodes")`,
    pattern: { a: [{ exists: true }] },
    match: [{ a: [1] }, { a: 'x' }, { a: null }, { a: [[{ b: 1 }], 2] }],
    noMatch: [{ a: [{ b: 1 }] }, { a: { b: 1 } }, { a: [] }, { a: [[]] }],
  },
  {
    doc: 'exists:false under an array of objects: absence is judged against the fields matched before it in name order (event-ruler ACFinder)',
    source: 'https://github.com/aws/event-ruler/blob/main/src/main/software/amazon/event/ruler/ACFinder.java (tryMustNotExistMatch with the membership so far; NameState.getNameTransitions skips only inconsistent fields)',
    pattern: { a: { b: [{ exists: false }], c: ['2'] } },
    match: [{ a: [{ c: '2' }] }],
    noMatch: [{ a: [{ b: '1' }, { c: '2' }] }],
  },
  {
    doc: 'exists:false after a matched sibling ignores fields of other elements of the same array',
    source: 'https://github.com/aws/event-ruler/blob/main/src/main/software/amazon/event/ruler/ACFinder.java (array consistency applies to the absence check)',
    pattern: { a: { b: ['1'], c: [{ exists: false }] } },
    match: [{ a: [{ b: '1' }, { c: '2' }] }],
    noMatch: [{ a: [{ b: '1', c: '2' }] }],
  },
  {
    doc: '$or alternatives and sibling fields must match within the same array element',
    source: `${README} (JSON Array Matching: no match "in which any two fields are within JSON objects that are in different elements of the same array")`,
    pattern: { a: { d: ['3'] }, $or: [{ a: { b: ['1'] } }, { c: ['2'] }] },
    match: [{ a: [{ b: '1', d: '3' }] }, { a: [{ d: '3' }], c: '2' }, { a: [{ b: '0', d: '3' }, { b: '1', d: '3' }] }],
    noMatch: [{ a: [{ b: '1' }, { d: '3' }] }],
  },
  {
    doc: '$or inside a nested pattern, siblings in the same element',
    source: `${README} ($or; JSON Array Matching)`,
    pattern: { a: { $or: [{ b: ['1'] }, { c: ['2'] }], d: ['3'] } },
    match: [{ a: [{ c: '2', d: '3' }] }],
    noMatch: [{ a: [{ c: '2' }, { d: '3' }] }],
  },
  {
    doc: 'an object-valued $or is a plain field name',
    source: `${README} (The backward compatibility of using "$or" as field name in the rule)`,
    pattern: { source: ['aws.cloudwatch'], $or: { metricType: ['MetricType'] } },
    match: [{ source: 'aws.cloudwatch', $or: { metricType: 'MetricType' } }],
    noMatch: [{ source: 'aws.cloudwatch', metricType: 'MetricType' }],
  },
  {
    doc: '$or whose objects use operator names is a plain field with operator values',
    source: `${README} ($or is an OR only when no object of the array uses a Ruler keyword as a field name)`,
    pattern: { $or: [{ numeric: ['=', 123] }, { prefix: 'abc' }] },
    match: [{ $or: 123 }, { $or: 'abcd' }],
    noMatch: [{ numeric: 123 }],
  },
  {
    doc: 'numbers outside the comparable range never match a numeric test',
    source: 'https://github.com/aws/event-ruler/blob/main/src/main/software/amazon/event/ruler/ComparableNumber.java (numbers are allowed in -5,000,000,000..5,000,000,000)',
    pattern: { n: [{ numeric: ['>', 0] }] },
    match: [{ n: 5e9 }],
    noMatch: [{ n: 6e9 }],
  },
];

describe('EventBridge patterns match as event-ruler does', () => {
  for (const c of CASES) {
    test(c.doc, () => {
      const m = compileEventPattern(c.pattern);
      for (const e of c.match) assert.equal(m(e), true, `${JSON.stringify(e)} should match (${c.source})`);
      for (const e of c.noMatch) assert.equal(m(e), false, `${JSON.stringify(e)} should not match (${c.source})`);
    });
  }
});

describe('EventBridge rejects what event-ruler rejects, with its reason', () => {
  const COMPILER = 'https://github.com/aws/event-ruler/blob/main/src/main/software/amazon/event/ruler/JsonRuleCompiler.java';
  const bad: [string, unknown, string, RegExp][] = [
    [`${COMPILER} (anything-but list: either all values are number or string)`, { k: [{ 'anything-but': ['a', 1] }] }, '/k/0/anything-but', /mixes strings and numbers/],
    [`${COMPILER} (Null prefix/suffix not allowed)`, { k: [{ 'anything-but': { prefix: '' } }] }, '/k/0/anything-but/prefix', /must not be empty/],
    [`${COMPILER} (Null prefix/suffix not allowed)`, { k: [{ 'anything-but': { suffix: '' } }] }, '/k/0/anything-but/suffix', /must not be empty/],
    ['https://github.com/aws/event-ruler/blob/main/src/main/software/amazon/event/ruler/Range.java (Bottom must be less than top)', { k: [{ numeric: ['>', 10, '<', 5] }] }, '/k/0/numeric', /empty or inverted/],
    ['https://github.com/aws/event-ruler/blob/main/src/main/software/amazon/event/ruler/Range.java (Bottom must be less than top: equal bounds are an empty range)', { k: [{ numeric: ['>=', 5, '<=', 5] }] }, '/k/0/numeric', /empty or inverted/],
    [`${COMPILER} (a range starts with > or >=; < and <= take no further terms)`, { k: [{ numeric: ['<', 5, '>', 1] }] }, '/k/0/numeric', /lower first/],
    ['https://github.com/aws/event-ruler/blob/main/src/main/software/amazon/event/ruler/input/WildcardParser.java (Invalid escape character)', { k: [{ wildcard: 'a\\b' }] }, '/k/0/wildcard', /invalid escape/],
    ['https://github.com/aws/event-ruler/blob/main/src/main/software/amazon/event/ruler/input/WildcardParser.java (a trailing backslash escapes nothing)', { k: [{ wildcard: 'abc\\' }] }, '/k/0/wildcard', /invalid escape/],
    ['https://github.com/aws/event-ruler/blob/main/src/main/software/amazon/event/ruler/ComparableNumber.java (Value must be between -5.0E9 and 5.0E9, inclusive)', { k: [{ numeric: ['>', 6e9] }] }, '/k/0/numeric/1', /comparable range/],
    ['https://github.com/aws/event-ruler/blob/main/src/main/software/amazon/event/ruler/ComparableNumber.java (anything-but numbers go through the same conversion)', { k: [{ 'anything-but': [1, -6e9] }] }, '/k/0/anything-but/1', /comparable range/],
  ];
  for (const [source, pattern, pointer, message] of bad) {
    test(`${JSON.stringify(pattern)} → ${pointer}`, () => {
      assert.throws(() => compileEventPattern(pattern), (err: unknown) => err instanceof PatternError && err.location.pointer === pointer && message.test(err.message), source);
    });
  }
  test('valid escapes and ranges still compile and match', () => {
    assert.equal(compileEventPattern({ k: [{ wildcard: 'a\\*b\\\\*' }] })({ k: 'a*b\\zz' }), true);
    assert.equal(compileEventPattern({ k: [{ numeric: ['>=', -5e9, '<', 5e9] }] })({ k: 0 }), true);
    assert.equal(compileEventPattern({ k: [{ 'anything-but': [1, 2] }] })({ k: 3 }), true);
  });
});

test('hostile events: the consistency search is bounded and fails towards a match', () => {
  // a.b.y has K*K candidates, each consistent with one a.x, and the only a.z sits in another
  // element of \`a\`: the true answer is "no match", found after about 3*K*K candidate checks.
  const K = 40;
  const a = [...Array.from({ length: K }, () => ({ x: '1', b: Array.from({ length: K }, () => ({ y: '1' })) })), { z: '2' }];
  const pattern = { a: { b: { y: ['1'] }, x: ['1'], z: ['2'] } };
  assert.equal(compileEventPattern(pattern)({ a }), false);
  // With a budget below that work, the matcher stops and reports a match instead of running on.
  assert.equal(compileEventPattern(pattern, { stepBudget: K * K })({ a }), true);
  assert.ok(MATCH_STEP_BUDGET >= 100_000);
});
