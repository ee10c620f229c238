/**
 * `npm run bench -- scale` (issue 17): organization scale through the real CLI. Three parts, each
 * printing its figures and "target met / not met":
 *   scan   — risk-dense accounts of 1k–16k roles and the 50-account organization, store on
 *            (SQLite, then PostgreSQL at 127.0.0.1:5432 db `test`, own schema);
 *   detect — 1 M events in 10,000 .json.gz files, built-in rule pack (~90,000 alerts) vs the
 *            gunzip + JSON.parse floor;
 *   engine — the heterogeneous workload, warm and cold, vs iam-simulate's runSimulation.
 * Sizes are configurable for a quick run (bench/README.md), e.g.
 *   CORDON_BENCH_SCALE_SIZES=1000,2000 CORDON_BENCH_SCALE_ORG=0 CORDON_BENCH_SCALE_EVENTS=100000 npm run bench -- scale
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from '../registry.js';
import { runDetectScale } from './detect-scale.js';
import { runEngineHetero } from './engine-hetero.js';
import { runScanScale } from './scan-scale.js';

const env = (name: string, fallback: string) => process.env[`CORDON_BENCH_SCALE_${name}`] ?? fallback;
const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

export const measureScale: Benchmark = {
  name: 'scale',
  title: 'organization scale through the CLI: scan 1k-16k risk-dense roles + 50-account org (SQLite, PostgreSQL), detect 1M events, heterogeneous engine workload',
  async run() {
    const parts = list(env('PARTS', 'scan,detect,engine'));
    const timeoutS = Number(env('TIMEOUT', '900'));
    const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-scale-'));
    try {
      if (parts.includes('engine')) {
        console.log('\n-- engine: heterogeneous workload');
        await runEngineHetero(Number(env('ENGINE_REQUESTS', '10000')), Number(env('ENGINE_CPU_SECONDS', '3')));
      }
      if (parts.includes('detect')) {
        console.log('\n-- detect: cordon detect through the CLI vs the gunzip + JSON.parse floor');
        runDetectScale({ events: Number(env('EVENTS', '1000000')), files: Number(env('FILES', '10000')), rounds: Number(env('DETECT_ROUNDS', '5')), cacheDir: env('CACHE', join(tmpdir(), 'cordon-bench-scale-cache')), timeoutS });
      }
      if (parts.includes('scan')) {
        console.log('\n-- scan: cordon scan --snapshot FILE --output json, store on');
        const org = env('ORG', '50x500');
        const [accounts, rolesPerAccount] = org.split('x').map(Number);
        await runScanScale({
          sizes: list(env('SIZES', '1000,2000,4000,8000,16000')).map(Number),
          rounds: Number(env('SCAN_ROUNDS', '2')),
          backends: list(env('BACKENDS', 'sqlite,postgres')) as ('sqlite' | 'postgres')[],
          org: accounts && rolesPerAccount ? { accounts, rolesPerAccount } : undefined,
          timeoutS,
          dir,
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
