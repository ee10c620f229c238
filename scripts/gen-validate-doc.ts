// Writes docs/validate.md from the validation check table (run: npx tsx scripts/gen-validate-doc.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderValidateDoc } from '../src/analyzers/validate/doc.js';

const target = fileURLToPath(new URL('../docs/validate.md', import.meta.url));
writeFileSync(target, renderValidateDoc());
console.log(`wrote ${target}`);
