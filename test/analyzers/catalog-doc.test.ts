// docs/analyzers.md is generated from the registries; regenerate with scripts/gen-analyzer-doc.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderAnalyzerCatalog } from '../../src/analyzers/catalog-doc.js';

test('docs/analyzers.md is up to date with the method and rule tables', () => {
  const onDisk = readFileSync(fileURLToPath(new URL('../../docs/analyzers.md', import.meta.url)), 'utf8');
  assert.equal(onDisk, renderAnalyzerCatalog(), 'run `npx tsx scripts/gen-analyzer-doc.ts`');
});
