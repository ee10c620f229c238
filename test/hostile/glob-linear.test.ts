/**
 * Issue 26: glob matching of `*` and `?` costs a linear number of steps. Random patterns over
 * `*`, `?` and two letters (a small alphabet makes near-matches, the slow case, common) against
 * random strings: the matcher agrees with a reference dynamic program, and its step meter stays
 * within c·(|p| + |s|)·⌈q/32⌉ (q = longest `?` segment; ⌈q/32⌉ = 1 for every pattern generated
 * here, so the bound is the plain linear one). The hostile request of the issue (a 350 KB
 * `*a?a?…?b*` against a long resource) is replayed at the parser's element limit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileGlob, type StepMeter } from '../../src/model/policy/glob.js';
import { MAX_POLICY_STRING, parsePolicy } from '../../src/model/policy/parse.js';

/** Reference: O(|p|·|s|) dynamic program, obviously right. */
function reference(pattern: string, text: string): boolean {
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const c of pattern) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    if (c === '*') {
      let seen = false;
      for (let j = 0; j <= text.length; j++) next[j] = seen ||= row[j]!;
    } else for (let j = 1; j <= text.length; j++) next[j] = row[j - 1]! && (c === '?' || c === text[j - 1]);
    row = next;
  }
  return row[text.length]!;
}

const C = 6;
const patternArb = fc.array(fc.constantFrom('*', '?', 'a', 'b'), { maxLength: 30 }).map((a) => a.join(''));
const textArb = fc.array(fc.constantFrom('a', 'b'), { maxLength: 400 }).map((a) => a.join(''));

test('property: random `*`/`?` globs agree with the reference and cost ≤ c·(|p|+|s|) steps', () => {
  fc.assert(
    fc.property(patternArb, textArb, (pattern, text) => {
      const meter: StepMeter = { steps: 0 };
      assert.equal(compileGlob(pattern).test(text, meter), reference(pattern, text), `${pattern} vs ${text}`);
      assert.ok(meter.steps <= C * (pattern.length + text.length + 1), `${meter.steps} steps for |p|=${pattern.length} |s|=${text.length}`);
    }),
    { numRuns: 2000 },
  );
});

test('adversarial near-matches: `*a?a?…?c*` and `*a???…a*` against long runs of a', () => {
  for (const q of [8, 31, 32, 33, 200, 4000]) {
    const cases: Array<[string, boolean]> = [[`*${'a?'.repeat(q / 2)}c*`, false], [`*a${'?'.repeat(q)}b*`, false], [`x*${'a?'.repeat(q / 2)}*y`, true]];
    for (const [pattern, expected] of cases) {
      const text = `x${'a'.repeat(50_000)}y`;
      const meter: StepMeter = { steps: 0 };
      assert.equal(compileGlob(pattern).test(text, meter), expected, pattern.slice(0, 20));
      const words = Math.ceil((q + 2) / 32);
      assert.ok(meter.steps <= C * (pattern.length + text.length) * words, `q=${q}: ${meter.steps} steps`);
    }
  }
});

test('the issue\'s 350 KB pattern is refused by the parser, naming the pointer', () => {
  const resource = `*${'a?'.repeat(175_000)}b*`;
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::x/*', resource] }] };
  assert.throws(() => parsePolicy(doc, { id: 'p', type: 'identity' }), (err: Error & { code?: string; details?: Array<{ pointer?: string }> }) => {
    assert.equal(err.code, 'malformed_policy');
    assert.equal(err.details?.[0]?.pointer, '/Statement/0/Resource/1');
    assert.ok(err.message.includes(`350003 characters long; at most ${MAX_POLICY_STRING}`), err.message);
    return true;
  });
});
