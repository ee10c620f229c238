/**
 * Server load: 50 concurrent clients page through `GET /api/v1/findings` (100,000 findings in a
 * SQLite store) for CORDON_BENCH_SERVER_SECONDS (default 30) against the real `cordon serve`
 * process; baseline: the same clients on `GET /api/v1/health` (no auth, no store) in the same
 * run. Prints req/s, p50/p99 latency, errors, and the ratios.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FindingDraft, FindingType, Severity } from '../src/model/finding.js';
import { issueToken } from '../src/server/auth.js';
import { storePorts } from '../src/server/store-ports.js';
import { openStore } from '../src/store/index.js';
import type { Benchmark } from './registry.js';
import { ratio } from './timing.js';

const CLIENTS = 50;
const FINDINGS = Number(process.env.CORDON_BENCH_SERVER_FINDINGS ?? 100_000);
const SECONDS = Number(process.env.CORDON_BENCH_SERVER_SECONDS ?? 30);
const BIN = fileURLToPath(new URL('../bin/cordon.js', import.meta.url));
const TYPES: FindingType[] = ['PrivilegeEscalation', 'RiskyPermission', 'ExternalAccess', 'PublicAccess', 'UnusedRole'];
const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];

function draft(i: number): FindingDraft {
  const role = `arn:aws:iam::111122223333:role/team-${i % 500}/role-${i}`;
  return {
    id: `bench${i.toString(16).padStart(12, '0')}`,
    type: TYPES[i % TYPES.length]!,
    severity: SEVERITIES[(i * 7) % SEVERITIES.length]!,
    title: `role-${i} may iam:PassRole on *`,
    accountId: '111122223333',
    resource: role,
    resourceType: 'AWS::IAM::Role',
    actions: ['iam:PassRole'],
    evidence: [{ policy: `${role}#inline/p${i}`, policyType: 'identity', statementIndex: 0 }],
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

interface Stats {
  latencies: number[];
  errors: number;
  seconds: number;
}

/** Runs CLIENTS loops for SECONDS; `next(client)` gives each request's path. */
async function load(port: number, token: string | undefined, next: (client: number, lastBody: string | undefined) => string): Promise<Stats> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  const one = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      let last: string | undefined;
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const res = await one(next(client, last));
          latencies.push(performance.now() - t0);
          if (res.status !== 200) errors++;
          last = res.body;
        } catch {
          errors++;
        }
      }
    }),
  );
  agent.destroy();
  return { latencies, errors, seconds: (performance.now() - start) / 1000 };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(name: string, s: Stats): { rps: number; p50: number; p99: number } {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  const r = { rps: s.latencies.length / s.seconds, p50: pct(sorted, 50), p99: pct(sorted, 99) };
  console.log(`${name.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${s.errors} (${s.latencies.length} requests)`);
  return r;
}

export const measureServer: Benchmark = {
  name: 'server',
  title: `${CLIENTS} clients listing findings (store of ${FINDINGS} findings) vs /health, ${SECONDS} s each`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-server-'));
    const db = join(dir, 'cordon.db');
    const store = await openStore(db);
    const t0 = performance.now();
    await store.scans.record({ scope: 'bench', findings: Array.from({ length: FINDINGS }, (_, i) => draft(i)), now: '2026-01-01T00:00:00.000Z', actor: 'bench' });
    const { token } = await issueToken(storePorts(store).tokens, 'bench', 'viewer');
    await store.close();
    console.log(`seeded ${FINDINGS} findings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const port = await freePort();
    // The real server process, rate limit off (one token stands for 50 clients here).
    const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--db', db, '--rate-limit', '0', '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      for (let i = 0; i < 100; i++) {
        const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const base = summary('baseline GET /health', await load(port, undefined, () => '/api/v1/health'));
      // Each client pages through ACTIVE findings, following nextCursor, restarting at the end.
      const list = summary('GET /findings?status=ACTIVE&limit=50', await load(port, token, (_c, last) => {
        let cursor: string | undefined;
        try {
          cursor = last ? (JSON.parse(last) as { nextCursor?: string }).nextCursor : undefined;
        } catch {
          cursor = undefined;
        }
        return `/api/v1/findings?status=ACTIVE&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      }));
      console.log(`findings vs health: throughput ${ratio(list.rps, base.rps)}, p99 ${ratio(list.p99, base.p99)}`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
