/** One size of the scan benchmark, in its own process: prints one JSON line of measurements. */
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalyzers } from '../src/analyzers/index.js';
import { loadSnapshotFiles } from '../src/collect/index.js';
import { generateAccountGaad } from './generate-account.js';
import { peakRssMiB } from './timing.js';

const roles = Number(process.argv[2]);
const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-scan-'));
const file = join(dir, 'gaad.json');
writeFileSync(file, JSON.stringify(generateAccountGaad({ roles, policies: roles / 5, users: roles / 10, seed: 7 })));
const bytes = readFileSync(file);
let t = performance.now();
JSON.parse(bytes.toString('utf8'));
const parseMs = performance.now() - t;
t = performance.now();
const { snapshot } = await loadSnapshotFiles([file], { now: new Date('2025-01-01T00:00:00Z') });
const loadMs = performance.now() - t;
t = performance.now();
const findings = runAnalyzers({ snapshot, now: new Date('2025-01-01T00:00:00Z') });
const analyzeMs = performance.now() - t;
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ roles, bytes: bytes.length, parseMs, loadMs, analyzeMs, findings: findings.length, peakRssMiB: peakRssMiB() }));
