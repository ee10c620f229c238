// Writes docs/analyzers.md from the analyzer registries (run: npx tsx scripts/gen-analyzer-doc.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderAnalyzerCatalog } from '../src/analyzers/catalog-doc.js';

const target = fileURLToPath(new URL('../docs/analyzers.md', import.meta.url));
writeFileSync(target, renderAnalyzerCatalog());
console.log(`wrote ${target}`);
