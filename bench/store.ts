/**
 * `npm run bench -- store`: one scan of 100,000 findings inserted, then the same 100,000 updated
 * (content changed), through the store's lifecycle, on SQLite and on PostgreSQL; rows/s for each.
 * Baseline, same run and same backend: a bare INSERT of the same rows (id + JSON) into a table
 * with no lifecycle, no history and no secondary index. Target: >= 20,000 rows/s on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { FindingDraft } from '../src/model/finding.js';
import { openStore } from '../src/store/index.js';
import type { Benchmark } from './registry.js';
import { ratio, timeMs } from './timing.js';

const N = 100_000;
const PG_URL = process.env.CORDON_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Realistic drafts: principal, actions, evidence, a path step for every tenth. */
function drafts(version: number): FindingDraft[] {
  return Array.from({ length: N }, (_, i) => ({
    id: `f${i.toString(16).padStart(8, '0')}`,
    type: i % 10 === 0 ? 'PrivilegeEscalation' : 'ExternalAccess',
    severity: (['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const)[i % 4]!,
    title: `Role r${i} can be assumed from outside the organization (v${version})`,
    accountId: `1111222233${String(i % 100).padStart(2, '0')}`,
    resource: `arn:aws:iam::111122223333:role/r${i}`,
    resourceType: 'AWS::IAM::Role',
    principal: { AWS: `arn:aws:iam::9999888877${String(i % 100).padStart(2, '0')}:user/Alice` },
    actions: ['sts:AssumeRole', 'sts:TagSession'],
    isPublic: false,
    evidence: [{ policy: `arn:aws:iam::111122223333:role/r${i}`, policyType: 'trust', statementIndex: 0, pointer: '/Statement/0' }],
    ...(i % 10 === 0 ? { path: [{ from: `arn:aws:iam::111122223333:user/u${i}`, to: 'admin', method: 'iam-passrole-lambda', description: 'pass an admin role to a new function', actions: ['iam:PassRole', 'lambda:CreateFunction'], evidence: [] }] } : {}),
  }));
}

async function measureStore(db: string, label: string): Promise<number> {
  const store = await openStore(db);
  try {
    const first = drafts(1);
    const second = drafts(2);
    const cpu0 = process.cpuUsage();
    const insertMs = await timeMs(() => store.scans.record({ scope: 'bench', findings: first, now: '2026-01-01T00:00:00.000Z' }));
    const cpu = process.cpuUsage(cpu0);
    // On a shared machine wall time includes waiting for a core; rows per CPU-second of this process does not.
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const updateMs = await timeMs(() => store.scans.record({ scope: 'bench', findings: second, now: '2026-01-02T00:00:00.000Z' }));
    const noopMs = await timeMs(() => store.scans.record({ scope: 'bench', findings: second, now: '2026-01-03T00:00:00.000Z' }));
    const rate = (ms: number) => (N * 1000) / ms;
    console.log(`${label} cordon: insert scan ${rate(insertMs).toFixed(0)} rows/s (${insertMs.toFixed(0)} ms wall, ${rate(cpuMs).toFixed(0)} rows per CPU-second of this process); update scan ${rate(updateMs).toFixed(0)} rows/s (${updateMs.toFixed(0)} ms); unchanged re-scan ${rate(noopMs).toFixed(0)} rows/s`);
    return rate(insertMs);
  } finally {
    await store.close();
  }
}

function bareSqlite(path: string): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE bare (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
  const rows = drafts(1);
  const insert = db.prepare('INSERT INTO bare (id, data) VALUES (?, ?)');
  const start = process.hrtime.bigint();
  db.transaction(() => {
    for (const r of rows) insert.run(r.id, JSON.stringify(r));
  })();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  db.close();
  return (N * 1000) / ms;
}

async function barePostgres(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}_bare"`);
    await client.query(`CREATE TABLE "${schema}_bare".bare (id TEXT PRIMARY KEY, data TEXT NOT NULL)`);
    const rows = drafts(1);
    const start = process.hrtime.bigint();
    await client.query('BEGIN');
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      const values: string[] = [];
      const tuples = batch.map((r, j) => {
        values.push(r.id, JSON.stringify(r));
        return `($${2 * j + 1}, $${2 * j + 2})`;
      });
      await client.query(`INSERT INTO "${schema}_bare".bare (id, data) VALUES ${tuples.join(',')}`, values);
    }
    await client.query('COMMIT');
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return (N * 1000) / ms;
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_bare" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

export const measureStoreBench: Benchmark = {
  name: 'store',
  title: `one scan of ${N.toLocaleString('en')} findings (insert, then update) on SQLite and PostgreSQL vs a bare INSERT`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-store-'));
    try {
      const baseline = bareSqlite(join(dir, 'bare.db'));
      const cordon = await measureStore(join(dir, 'cordon.db'), 'SQLite');
      console.log(`SQLite baseline bare INSERT: ${baseline.toFixed(0)} rows/s; cordon insert scan / baseline: ${ratio(cordon, baseline)} (target >= 20000 rows/s: ${cordon >= 20_000 ? 'met' : 'NOT met'})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const schema = `cordon_bench_${process.pid}`;
    try {
      const cordon = await measureStore(`${PG_URL}?schema=${schema}`, 'PostgreSQL');
      const baseline = await barePostgres(schema);
      console.log(`PostgreSQL baseline bare INSERT: ${baseline.toFixed(0)} rows/s; cordon insert scan / baseline: ${ratio(cordon, baseline)}`);
    } catch (err) {
      console.log(`PostgreSQL: skipped (${(err as Error).message})`);
    }
  },
};
