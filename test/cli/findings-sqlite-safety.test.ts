/**
 * SQLite safety through the real binary: two concurrent `cordon findings import` processes on
 * one file (one waits for the other's lock; both succeed; nothing is lost), and a process killed
 * with SIGKILL in the middle of a 200,000-finding import leaves the previous state intact and a
 * database that passes `PRAGMA integrity_check`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CORDON_BIN, runCordon } from '../helpers/cli.js';

/** `n` small drafts with ids `<prefix>0..n-1`. */
function drafts(prefix: string, n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(JSON.stringify({ id: `${prefix}${i}`, type: 'RiskyPermission', severity: 'LOW', title: `t${i}`, accountId: '111122223333', resource: `arn:aws:iam::111122223333:role/r${i}`, resourceType: 'AWS::IAM::Role', evidence: [] }));
  }
  return `[${parts.join(',')}]`;
}

function inspect(db: string): { integrity: string; findings: number; scans: number } {
  const conn = new Database(db, { readonly: true });
  try {
    const integrity = (conn.pragma('integrity_check', { simple: true }) as string) ?? '';
    const findings = (conn.prepare('SELECT COUNT(*) AS n FROM findings').get() as { n: number }).n;
    const scans = (conn.prepare('SELECT COUNT(*) AS n FROM scans').get() as { n: number }).n;
    return { integrity, findings, scans };
  } finally {
    conn.close();
  }
}

describe('SQLite under concurrent writers and crashes', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cordon-safety-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('two concurrent imports on a fresh file: both succeed, the file is consistent', async () => {
    const db = join(dir, 'concurrent.db');
    writeFileSync(join(dir, 'p.json'), drafts('p', 10_000));
    writeFileSync(join(dir, 'q.json'), drafts('q', 10_000));
    const [p, q] = await Promise.all([
      runCordon(['findings', 'import', join(dir, 'p.json'), '--scope', 'p', '--db', db, '--output', 'json']),
      runCordon(['findings', 'import', join(dir, 'q.json'), '--scope', 'q', '--db', db, '--output', 'json']),
    ]);
    // With --output json an error is an envelope on stdout, so both streams go in the message.
    assert.equal(p.code, 0, `${p.stdout.slice(0, 500)}${p.stderr}`);
    assert.equal(q.code, 0, `${q.stdout.slice(0, 500)}${q.stderr}`);
    assert.equal(JSON.parse(p.stdout).created, 10_000);
    assert.equal(JSON.parse(q.stdout).created, 10_000);
    assert.deepEqual(inspect(db), { integrity: 'ok', findings: 20_000, scans: 2 });
  });

  test('SIGKILL during a 200,000-finding import leaves the previous state and an intact file', async () => {
    const db = join(dir, 'crash.db');
    writeFileSync(join(dir, 'small.json'), drafts('s', 3));
    const first = await runCordon(['findings', 'import', join(dir, 'small.json'), '--scope', 'x', '--db', db]);
    assert.equal(first.code, 0, first.stderr);
    writeFileSync(join(dir, 'big.json'), drafts('b', 200_000));
    const wal = `${db}-wal`;
    const baseWal = existsSync(wal) ? statSync(wal).size : 0;
    const child = spawn(process.execPath, [CORDON_BIN, 'findings', 'import', join(dir, 'big.json'), '--scope', 'x', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // Kill once the transaction has spilled pages to the WAL: the write is under way, not committed.
    let killedAtWal = 0;
    for (let i = 0; i < 4800 && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const size = existsSync(wal) ? statSync(wal).size : 0;
      if (size > baseWal + 4 * 1024 * 1024) {
        killedAtWal = size;
        child.kill('SIGKILL');
        break;
      }
    }
    const outcome = await exited;
    assert.equal(outcome.signal, 'SIGKILL', `the import finished before it could be killed (exit ${outcome.code})`);
    assert.ok(killedAtWal > 0);
    const state = inspect(db);
    assert.deepEqual(state, { integrity: 'ok', findings: 3, scans: 1 });
    // The store is usable afterwards, and the three findings are still ACTIVE.
    const list = await runCordon(['findings', 'list', '--status', 'ACTIVE', '--db', db, '--output', 'json']);
    assert.deepEqual(JSON.parse(list.stdout).findings.map((f: { id: string }) => f.id), ['s0', 's1', 's2']);
  });
});
