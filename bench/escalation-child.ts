/**
 * One size of the escalation benchmark, in its own process (so peak RSS is its own): generates
 * the account, loads it, runs the escalation analyzer alone and prints one JSON line.
 * `node --import tsx bench/escalation-child.ts risk|hostile N`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeEscalation, type SearchStats } from '../src/analyzers/escalation/index.js';
import { engineOracle } from '../src/analyzers/engine-oracle.js';
import { loadSnapshotFiles } from '../src/collect/index.js';
import { hostileGaad } from './escalation-generate.js';
import { generateRiskDenseGaad } from './scale/risk-dense-account.js';
import { peakRssMiB } from './timing.js';

const [kind, size] = process.argv.slice(2);
const n = Number(size);
const now = new Date('2026-06-01T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-escalation-'));
const file = join(dir, 'gaad.json');
writeFileSync(file, JSON.stringify(kind === 'hostile' ? hostileGaad(n) : generateRiskDenseGaad({ roles: n })));
const bytes = readFileSync(file);
let t = performance.now();
JSON.parse(bytes.toString('utf8'));
const parseMs = performance.now() - t;
const { snapshot } = await loadSnapshotFiles([file], { now });
rmSync(dir, { recursive: true, force: true });
const stats: SearchStats = { decisions: 0, pairs: 0, edges: 0, principals: 0 };
const cpu = process.cpuUsage();
t = performance.now();
const findings = analyzeEscalation(snapshot, engineOracle(snapshot, { now }), undefined, { stats });
const wallMs = performance.now() - t;
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ kind, n, bytes: bytes.length, parseMs, wallMs, cpuMs: (used.user + used.system) / 1000, findings: findings.length, ...stats, peakRssMiB: peakRssMiB() }));
