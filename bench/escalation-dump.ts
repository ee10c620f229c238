/**
 * Before/after check for escalation refactors: writes the escalation findings of every fixture
 * snapshot, the iam-vulnerable scenarios, each method fixture and small generated accounts to
 * `DIR/<name>.json` (`node --import tsx bench/escalation-dump.ts DIR`), then `diff -r` two dirs.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeEscalation } from '../src/analyzers/escalation/index.js';
import { ESCALATION_METHODS } from '../src/analyzers/escalation/methods.js';
import { engineOracle } from '../src/analyzers/engine-oracle.js';
import { loadSnapshotFiles } from '../src/collect/index.js';
import type { Snapshot } from '../src/model/snapshot/types.js';
import { methodFixture } from '../test/analyzers/escalation/method-fixtures.js';
import { generateAccountGaad } from './generate-account.js';
import { hostileGaad, riskDenseGaad } from './escalation-generate.js';

const out = process.argv[2] ?? '/tmp/escalation-dump';
mkdirSync(out, { recursive: true });
const now = new Date('2026-06-01T00:00:00Z');
const tmp = join(out, '.gaad');
mkdirSync(tmp, { recursive: true });

async function fromGaad(name: string, gaad: Record<string, unknown>): Promise<Snapshot> {
  const file = join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(gaad));
  return (await loadSnapshotFiles([file])).snapshot;
}

function dump(name: string, snapshot: Snapshot): void {
  const findings = analyzeEscalation(snapshot, engineOracle(snapshot, { now }));
  writeFileSync(join(out, `${name}.json`), JSON.stringify(findings, null, 1));
}

const ivDir = fileURLToPath(new URL('../test/fixtures/escalation/iam-vulnerable/', import.meta.url));
for (const file of readdirSync(ivDir)) dump(`iv-${file.replace('.json', '')}`, (await loadSnapshotFiles([join(ivDir, file)])).snapshot);
for (const method of ESCALATION_METHODS) dump(`method-${method.id}`, methodFixture(method).snapshot);
for (const n of [100, 300, 600]) dump(`risk-${n}`, await fromGaad(`risk-${n}`, riskDenseGaad(n)));
for (const seed of [1, 2]) dump(`risk-seed${seed}`, await fromGaad(`risk-seed${seed}`, riskDenseGaad(200, seed)));
dump('hostile-150', await fromGaad('hostile-150', hostileGaad(150)));
dump('account-400', await fromGaad('account-400', generateAccountGaad({ roles: 400, policies: 200, users: 60, seed: 3 })));
