/**
 * Writes generated inputs for manual runs and other benchmarks:
 *   node --import tsx bench/scale/write.ts account ROLES FILE [SEED]
 *   node --import tsx bench/scale/write.ts org DIR [ACCOUNTS] [ROLES_PER_ACCOUNT]
 * then `cordon scan --snapshot FILE` (or `--snapshot DIR/*.json`).
 */
import { writeFileSync } from 'node:fs';
import { writeOrganization } from './organization.js';
import { generateRiskDenseGaad } from './risk-dense-account.js';

const [kind, a, b, c] = process.argv.slice(2);
if (kind === 'account' && a && b) {
  writeFileSync(b, JSON.stringify(generateRiskDenseGaad({ roles: Number(a), seed: c ? Number(c) : undefined })));
  console.log(b);
} else if (kind === 'org' && a) {
  const files = writeOrganization(a, { accounts: Number(b ?? 50), rolesPerAccount: Number(c ?? 500) });
  console.log(`${files.length} files in ${a}`);
} else {
  console.error('usage: write.ts account ROLES FILE [SEED] | org DIR [ACCOUNTS] [ROLES_PER_ACCOUNT]');
  process.exit(2);
}
