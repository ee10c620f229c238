/** docs/rules.md is generated from the registry and must be up to date; every rule is well formed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderRuleCatalog } from '../../src/detect/catalog.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';
import { compileRule } from '../../src/detect/rule-set.js';

test('docs/rules.md matches the registry (regenerate: npx tsx scripts/gen-rules-doc.ts)', () => {
  const onDisk = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
  assert.equal(onDisk, renderRuleCatalog(BUILTIN_RULES));
});

test('every built-in rule compiles, has a unique id, a rationale and references; CIS 4.1-4.15 all present', () => {
  const ids = BUILTIN_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of BUILTIN_RULES) {
    compileRule(r);
    assert.ok(r.rationale.length > 20, r.id);
    assert.ok(r.references.length > 0, r.id);
  }
  for (let i = 1; i <= 15; i++) assert.ok(ids.includes(`cis-aws-4.${i}`));
  const cis44 = BUILTIN_RULES.find((r) => r.id === 'cis-aws-4.4')!;
  assert.ok('metricFilter' in cis44.pattern);
  assert.equal((cis44.pattern.metricFilter.match(/\$\.eventName=/g) ?? []).length, 16);
  assert.ok(!cis44.pattern.metricFilter.includes('eventSource'));
  const ext = BUILTIN_RULES.find((r) => r.id === 'iam-policy-changes-extended')!;
  assert.equal((('metricFilter' in ext.pattern ? ext.pattern.metricFilter : '').match(/\$\.eventName=/g) ?? []).length, 19);
});
