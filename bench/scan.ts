/**
 * `npm run bench -- scan`: full scan (load + every analyzer) of synthetic accounts with 1k, 2k, 4k
 * and 8k roles (bench/generate-account.ts). Each size runs in its own process so peak memory is
 * its own. Prints time, peak RSS and the growth factor per doubling, next to the same numbers for
 * the baseline `JSON.parse` of the same GAAD bytes (linear by construction) measured in the same run.
 * Targets (issue 5): 8k roles under 30 s, growth per doubling <= 2.3x.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './registry.js';

const SIZES = (process.env.CORDON_BENCH_SCAN_SIZES ?? '1000,2000,4000,8000').split(',').map(Number);
const CHILD = fileURLToPath(new URL('./scan-child.ts', import.meta.url));

interface ChildResult {
  roles: number;
  bytes: number;
  parseMs: number;
  loadMs: number;
  analyzeMs: number;
  findings: number;
  peakRssMiB: number;
}

export const measureScan: Benchmark = {
  name: 'scan',
  title: 'full scan of synthetic accounts (1k-8k roles): time, peak memory, growth per doubling',
  async run() {
    const results: ChildResult[] = [];
    for (const roles of SIZES) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, String(roles)], { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
      if (child.status !== 0) throw new Error(`scan child failed for ${roles} roles: ${child.stderr}`);
      results.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildResult);
    }
    console.log('roles   MB     baseline JSON.parse ms   load ms   analyze ms   total s   findings   peak RSS MiB   growth (scan / baseline)');
    results.forEach((r, i) => {
      const prev = results[i - 1];
      const total = r.loadMs + r.analyzeMs;
      const growth = prev ? `${(total / (prev.loadMs + prev.analyzeMs)).toFixed(2)}x / ${(r.parseMs / prev.parseMs).toFixed(2)}x` : '-';
      console.log(`${String(r.roles).padEnd(7)} ${(r.bytes / 1e6).toFixed(1).padEnd(6)} ${r.parseMs.toFixed(0).padEnd(24)} ${r.loadMs.toFixed(0).padEnd(9)} ${r.analyzeMs.toFixed(0).padEnd(12)} ${(total / 1000).toFixed(2).padEnd(9)} ${String(r.findings).padEnd(10)} ${r.peakRssMiB.toFixed(0).padEnd(14)} ${growth}`);
    });
  },
};
