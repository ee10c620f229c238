/**
 * Issue 26: `validate` turns offsets into line/column with a line index built once (binary search),
 * so its position work is linear in the text plus findings × log(lines). Bounded by counting
 * steps, never by the clock.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog, type Catalog } from '../../../src/catalog/index.js';
import { validatePolicy } from '../../../src/analyzers/validate/index.js';
import { lineIndex } from '../../../src/analyzers/validate/line-index.js';

let catalog: Catalog;
before(async () => {
  catalog = await loadCatalog({ details: true });
});

/** The definition: count newlines before the offset (the old, per-finding rescan). */
function naive(text: string, offset: number) {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) !== 10) continue;
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1, offset };
}

test('positions agree with a rescan from the start of the text', () => {
  const text = '{\n  "a": 1,\n\n  "b": [\n    2\n  ]\n}\n';
  const idx = lineIndex(text);
  for (let o = 0; o <= text.length + 2; o++) assert.deepEqual(idx.position(o), naive(text, o), `offset ${o}`);
  assert.deepEqual(lineIndex('').position(0), { line: 1, column: 1, offset: 0 });
});

test('building is one pass; each position costs at most ceil(log2(lines)) steps', () => {
  const text = 'x\n'.repeat(100_000);
  const idx = lineIndex(text);
  assert.equal(idx.steps, text.length);
  for (let o = 0; o < text.length; o += 997) idx.position(o);
  const queries = Math.ceil(text.length / 997);
  assert.ok(idx.steps - text.length <= queries * Math.ceil(Math.log2(100_001)), `${idx.steps - text.length} search steps for ${queries} positions`);
});

function policy(n: number): string {
  const Statement = Array.from({ length: n }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObjekt', Resource: `arn:aws:s3:::b${i}/*` }));
  return JSON.stringify({ Version: '2012-10-17', Statement }, null, 2);
}

test('validate: position work for 10,000 and 20,000 statements is linear, spans still exact', () => {
  const work = [10_000, 20_000].map((n) => {
    const text = policy(n);
    const counters = { positionSteps: 0 };
    const findings = validatePolicy(text, { type: 'identity', catalog, counters });
    assert.ok(findings.length >= n, `${findings.length} findings for ${n} statements`);
    const last = findings[findings.length - 1]!;
    assert.deepEqual(last.span.start, naive(text, last.span.start.offset));
    const lines = text.split('\n').length;
    // One pass over the text, then two binary searches per finding.
    assert.ok(counters.positionSteps <= text.length + findings.length * 2 * Math.ceil(Math.log2(lines + 1)), `${counters.positionSteps} steps`);
    return counters.positionSteps;
  });
  // Doubling the input about doubles the work (a per-finding rescan would quadruple it).
  assert.ok(work[1]! / work[0]! < 2.3, `ratio ${work[1]! / work[0]!}`);
});
