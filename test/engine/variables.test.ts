import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate, resolveTemplate, resolveText, UNKNOWN, type ContextLookup } from '../../src/engine/variables.js';
import { Glob } from '../../src/engine/wildcard.js';

const ctx: Record<string, string | string[]> = { 'aws:username': 'alice', 'aws:principaltag/team': 'red', 'aws:tagkeys': ['a', 'b'] };
const lookup: ContextLookup = (k) => (k === 'aws:sourceip' ? UNKNOWN : ctx[k]);

function matches(pattern: string, value: string): boolean | null | 'unknown' {
  const t = resolveTemplate(parseTemplate(pattern, true, true), lookup);
  if (t === null) return null;
  if (t === UNKNOWN) return 'unknown';
  return new Glob(t).test(value);
}

describe('policy variables', () => {
  test('substitutes keys case-insensitively', () => {
    assert.equal(matches('arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/alice/x'), true);
    assert.equal(matches('arn:aws:s3:::b/${AWS:UserName}/*', 'arn:aws:s3:::b/bob/x'), false);
    assert.equal(matches('team-${aws:PrincipalTag/team}', 'team-red'), true);
  });
  test('escapes are literal, not wildcards', () => {
    assert.equal(matches('a${*}b', 'a*b'), true);
    assert.equal(matches('a${*}b', 'axb'), false);
    assert.equal(matches('a${?}b', 'a?b'), true);
    assert.equal(matches('a${?}b', 'axb'), false);
    assert.equal(matches('cost${$}', 'cost$'), true);
  });
  test('missing variable without default makes the element not match', () => {
    assert.equal(matches('x/${aws:userid}', 'x/'), null);
  });
  test('defaults apply when the key is missing', () => {
    assert.equal(matches("x/${aws:userid, 'anon'}", 'x/anon'), true);
    assert.equal(matches("x/${aws:username,'anon'}", 'x/alice'), true);
  });
  test('multivalued keys are not usable as variables', () => {
    assert.equal(matches('x/${aws:TagKeys}', 'x/a'), null);
  });
  test('unknown keys make the element unknown', () => {
    assert.equal(matches('x/${aws:SourceIp}', 'x/1'), 'unknown');
  });
  test('variables are literal text when disabled (policy version 2008-10-17)', () => {
    assert.equal(resolveText(parseTemplate('${aws:username}', false, false), lookup), '${aws:username}');
    assert.equal(resolveText(parseTemplate('${aws:username}', false, true), lookup), 'alice');
  });
});
