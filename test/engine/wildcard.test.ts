import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob, globMatch, matchAction } from '../../src/engine/wildcard.js';
import { ArnPattern, splitArn } from '../../src/engine/arn-pattern.js';
import { tokenizeGlob } from '../../src/engine/wildcard.js';

describe('glob', () => {
  const cases: [string, string, boolean][] = [
    ['*', '', true],
    ['*', 'anything', true],
    ['', '', true],
    ['', 'a', false],
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*c', 'ac', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['*a*a*', 'aa', true],
    ['*a*a*', 'a', false],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['*ab?d*', 'xxabcdyy', true],
    ['*ab?d', 'abxd', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXcYb', false],
    ['*aab', 'aaab', true],
    ['*abab*', 'aabaabab', true],
    ['?*', '', false],
    ['**', '', true],
  ];
  for (const [p, s, want] of cases) test(`${JSON.stringify(p)} vs ${JSON.stringify(s)} → ${want}`, () => assert.equal(globMatch(p, s), want));

  test('case folding is opt-in', () => {
    assert.equal(globMatch('S3:Get*', 's3:getobject'), false);
    assert.equal(globMatch('S3:Get*', 's3:getobject', true), true);
    assert.equal(matchAction('iam:pass*', 'IAM:PassRole'), true);
  });

  test('pathological patterns on 100 kB input are correct and linear in counted steps', () => {
    // Operation counts, not wall time (the glob's step meter): quadratic backtracking on these
    // inputs would count ~n²/2 = 5·10⁹ steps; linear matching stays within 2·(|p| + |s|).
    for (const pattern of ['*a*a*a*a*a*b', '*a*a*a*a*a*b*', '*a?a*a?b*', '*aab*']) {
      const g = compileGlob(pattern);
      for (const [text, expected] of [['a'.repeat(100_000), false], [`${'a'.repeat(100_000)}b`, true]] as const) {
        const meter = { steps: 0 };
        assert.equal(g.test(text, meter), expected, pattern);
        assert.ok(meter.steps <= 2 * (pattern.length + text.length), `${pattern}: ${meter.steps} steps for ${text.length} characters`);
      }
    }
  });

  test('literal tokens keep * and ? literal', () => {
    const g = new (compileGlob('x').constructor as typeof import('../../src/engine/wildcard.js').Glob)(['a*b']);
    assert.equal(g.test('a*b'), true);
    assert.equal(g.test('axxb'), false);
  });
});

describe('ARN patterns', () => {
  const arn = (p: string, s: string) => new ArnPattern(tokenizeGlob(p)).test(s);
  test('splitArn keeps colons in the resource part', () => {
    assert.deepEqual(splitArn('arn:aws:logs:us-east-1:1:log-group:x:*'), ['arn', 'aws', 'logs', 'us-east-1', '1', 'log-group:x:*']);
  });
  const cases: [string, string, boolean][] = [
    ['*', 'arn:aws:s3:::b', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/k/x', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b', false],
    ['arn:aws:s3:::B', 'arn:aws:s3:::b', false],
    ['arn:aws:iam::*:role/x', 'arn:aws:iam::123456789012:role/x', true],
    ['arn:aws:ec2:us-*-1:*:instance/*', 'arn:aws:ec2:us-east-1:1:instance/i-1', true],
    ['arn:aws:ec2:us-*-1:*:instance/*', 'arn:aws:ec2:eu-west-1:1:instance/i-1', false],
    // a segment-wildcard does not cross a colon unless it ends the pattern
    ['arn:aws:s3:*:b', 'arn:aws:s3:x:y:b', false],
    ['arn:aws:*', 'arn:aws:s3:::bucket', true],
    ['arn:aws:s3*', 'arn:aws:s3:::bucket', true],
    ['arn:aws:logs:*:*:log-group:g:*', 'arn:aws:logs:us-east-1:1:log-group:g:log-stream:s', true],
    ['arn:aws:iam::1:user/*', 'arn:aws:iam::1:role/x', false],
  ];
  for (const [p, s, want] of cases) test(`${p} vs ${s} → ${want}`, () => assert.equal(arn(p, s), want));
});
