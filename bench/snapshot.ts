/**
 * `npm run bench -- snapshot`: loading a synthetic 10,000-role / 2,000-policy / 1,000-user GAAD
 * (bench/generate-account.ts) with `loadSnapshotFiles`, against the baseline of a bare
 * `JSON.parse` of the same bytes measured in the same run. Prints MB/s, the ratio (target >= 0.5)
 * and peak memory. Issue 4 also asks the load to finish under 5 s.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSnapshotFiles } from '../src/collect/index.js';
import { generateAccountGaad } from './generate-account.js';
import type { Benchmark } from './registry.js';
import { peakRssMiB } from './timing.js';

export const measureSnapshot: Benchmark = {
  name: 'snapshot',
  title: 'load a 10k-role GAAD (MB/s vs bare JSON.parse of the same bytes)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-snapshot-'));
    try {
      const file = join(dir, 'gaad.json');
      writeFileSync(file, JSON.stringify(generateAccountGaad({ roles: 10_000, policies: 2_000, users: 1_000, seed: 11 })));
      const megabytes = readFileSync(file).length / 1e6;
      const runs = 5;
      let parseMs = Infinity;
      let loadMs = Infinity;
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        JSON.parse(readFileSync(file, 'utf8'));
        parseMs = Math.min(parseMs, performance.now() - t);
        t = performance.now();
        const { snapshot } = await loadSnapshotFiles([file]);
        loadMs = Math.min(loadMs, performance.now() - t);
        if (snapshot.accounts[0]!.roles.length !== 10_000) throw new Error('generator and loader disagree on the role count');
      }
      console.log(`GAAD ${megabytes.toFixed(1)} MB; best of ${runs}`);
      console.log(`baseline JSON.parse: ${parseMs.toFixed(0)} ms (${(megabytes / (parseMs / 1000)).toFixed(1)} MB/s)`);
      console.log(`cordon loadSnapshotFiles: ${loadMs.toFixed(0)} ms (${(megabytes / (loadMs / 1000)).toFixed(1)} MB/s)`);
      console.log(`ratio (cordon / baseline throughput): ${(parseMs / loadMs).toFixed(2)} (target >= 0.5); peak RSS ${peakRssMiB().toFixed(0)} MiB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
