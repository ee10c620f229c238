/**
 * `npm run bench -- cli`: start-up of the `cordon` binary (issue 24: `--help` ≤ 0.3 s, `validate FILE`
 * ≤ 0.5 s) from the compiled dist/ against two baselines measured in the same run: the same commands
 * from the TypeScript sources through tsx (`CORDON_FROM_SOURCE=1`, how it started before), and bare
 * `node -e ''` (the floor no CLI can beat). Median of repeated runs, wall time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './registry.js';
import { ratio } from './timing.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'cordon.js');
const RUNS = Number(process.env.CORDON_BENCH_CLI_RUNS ?? 9);

function medianMs(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export const measureCli: Benchmark = {
  name: 'cli',
  title: 'cordon start-up: compiled dist/ vs tsx from source vs bare node',
  async run() {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('scripts/build.mjs failed');
    const policy = join(mkdtempSync(join(tmpdir(), 'cordon-bench-cli-')), 'policy.json');
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }));
    const floor = medianMs(['-e', '']);
    console.log(`node -e '' (floor): ${floor.toFixed(0)} ms`);
    for (const [label, args, targetMs] of [
      ['cordon --help', ['--help'], 300],
      ['cordon validate FILE', ['validate', policy], 500],
    ] as const) {
      const dist = medianMs([BIN, ...args]);
      const source = medianMs([BIN, ...args], { CORDON_FROM_SOURCE: '1' });
      console.log(`${label}: dist ${dist.toFixed(0)} ms, tsx from source ${source.toFixed(0)} ms (${ratio(source, dist)} faster), ${ratio(dist, floor)} the floor; target ≤ ${targetMs} ms: ${dist <= targetMs ? 'met' : 'NOT met'}`);
    }
  },
};
