// Writes docs/rules.md from the rule registry (run: npx tsx scripts/gen-rules-doc.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderRuleCatalog } from '../src/detect/catalog.js';
import { BUILTIN_RULES } from '../src/detect/rules/index.js';

const target = fileURLToPath(new URL('../docs/rules.md', import.meta.url));
writeFileSync(target, renderRuleCatalog(BUILTIN_RULES));
console.log(`wrote ${target} (${BUILTIN_RULES.length} rules)`);
