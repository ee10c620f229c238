/**
 * EventBridge patterns as aws/event-ruler (the matcher EventBridge runs) matches and rejects them
 * (issue 19), run from the case file `test/cases/detect/eventbridge-exactness.json`. Each case names its source: event-ruler's README ("JSON Array Matching", "$or"),
 * its rule compiler and parsers (JsonRuleCompiler, WildcardParser, ComparableNumber, Range, ACFinder),
 * or the EventBridge user guide's content-filtering page.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileEventPattern, MATCH_STEP_BUDGET } from '../../src/detect/eventbridge/compile.js';
import { PatternError } from '../../src/detect/errors.js';

/** The case file: matches (pattern, events that match, events that do not) and rejects (pattern, pointer, message). */
interface CaseFile {
  description: string;
  matches: { name: string; doc: string; source: string; pattern: unknown; match: unknown[]; noMatch: unknown[] }[];
  /** `message` is a substring of the error message. */
  rejects: { name: string; source: string; pattern: unknown; pointer: string; message: string }[];
}

const FILE = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'cases', 'detect', 'eventbridge-exactness.json'), 'utf8')) as CaseFile;

test('the case file is well formed: unique names, a source for every case', () => {
  const names = [...FILE.matches, ...FILE.rejects].map((c) => c.name);
  assert.equal(new Set(names).size, names.length);
  for (const c of [...FILE.matches, ...FILE.rejects]) assert.match(c.source, /^https:\/\/(github\.com\/aws\/event-ruler|docs\.aws\.amazon\.com)\//, c.name);
  for (const c of FILE.matches) assert.ok(c.match.length + c.noMatch.length > 0, c.name);
});

describe('EventBridge patterns match as event-ruler does', () => {
  for (const c of FILE.matches) {
    test(c.doc, () => {
      const m = compileEventPattern(c.pattern);
      for (const e of c.match) assert.equal(m(e), true, `${JSON.stringify(e)} should match (${c.source})`);
      for (const e of c.noMatch) assert.equal(m(e), false, `${JSON.stringify(e)} should not match (${c.source})`);
    });
  }
});

describe('EventBridge rejects what event-ruler rejects, with its reason', () => {
  for (const c of FILE.rejects) {
    test(`${JSON.stringify(c.pattern)} → ${c.pointer}`, () => {
      assert.throws(() => compileEventPattern(c.pattern), (err: unknown) => err instanceof PatternError && err.location.pointer === c.pointer && err.message.includes(c.message), c.source);
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
