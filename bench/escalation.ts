/**
 * `npm run bench -- escalation`: the escalation analyzer alone on risk-dense accounts
 * (bench/scale/risk-dense-account.ts) at 1k-16k roles and on issue 26's hostile snapshot (3,000
 * users). Each size runs in its own process. Prints engine questions, principal × node pairs,
 * edges built (one per reported path step), wall and CPU time, peak RSS and growth per doubling,
 * next to the baseline `JSON.parse` of the same bytes measured in the same run (linear by
 * construction). Targets (issue 17): growth per doubling <= 2.2x up to 16k roles.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './registry.js';

const SIZES = (process.env.CORDON_BENCH_ESCALATION_SIZES ?? '1000,2000,4000,8000,16000').split(',').map(Number);
const CHILD = fileURLToPath(new URL('./escalation-child.ts', import.meta.url));

interface ChildResult {
  kind: string;
  n: number;
  bytes: number;
  parseMs: number;
  wallMs: number;
  cpuMs: number;
  findings: number;
  decisions: number;
  pairs: number;
  edges: number;
  principals: number;
  peakRssMiB: number;
}

function child(kind: string, n: number): ChildResult {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD, kind, String(n)], { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
  if (run.status !== 0) throw new Error(`escalation child failed for ${kind} ${n}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

export const measureEscalation: Benchmark = {
  name: 'escalation',
  title: 'escalation search on risk-dense accounts (1k-16k roles) and the hostile snapshot: questions, pairs, time, RSS, growth',
  async run() {
    const rows = SIZES.map((n) => child('risk', n));
    rows.push(child('hostile', 3000));
    console.log('input          principals  engine qs  pairs    edges  findings  wall s  cpu s   peak RSS MiB  growth cpu / JSON.parse');
    rows.forEach((r, i) => {
      const prev = r.kind === 'risk' ? rows[i - 1] : undefined;
      const growth = prev ? `${(r.cpuMs / prev.cpuMs).toFixed(2)}x / ${(r.parseMs / prev.parseMs).toFixed(2)}x` : '-';
      const name = r.kind === 'risk' ? `risk ${r.n} roles` : `hostile ${r.n} users`;
      console.log(`${name.padEnd(14)} ${String(r.principals).padEnd(11)} ${String(r.decisions).padEnd(10)} ${String(r.pairs).padEnd(8)} ${String(r.edges).padEnd(6)} ${String(r.findings).padEnd(9)} ${(r.wallMs / 1000).toFixed(1).padEnd(7)} ${(r.cpuMs / 1000).toFixed(1).padEnd(7)} ${r.peakRssMiB.toFixed(0).padEnd(13)} ${growth}`);
    });
    const risk = rows.filter((r) => r.kind === 'risk');
    const worst = Math.max(...risk.slice(1).map((r, i) => r.cpuMs / risk[i]!.cpuMs));
    console.log(`worst growth per doubling (CPU): ${worst.toFixed(2)}x (target <= 2.2x): ${worst <= 2.2 ? 'met' : 'NOT met'}`);
  },
};
