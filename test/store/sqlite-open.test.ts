/**
 * Opening a SQLite store while another process holds the file's lock. Switching a fresh file to
 * WAL needs exclusive access and SQLite does not run its busy handler for that switch, so before
 * the retry in `useWal` this open failed at once with "database is locked" (it failed CI once,
 * when two `cordon findings import` processes opened one fresh file together).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDriver } from '../../src/store/sql/sqlite-driver.js';

/**
 * Starts a process that holds a write (RESERVED) lock on `path`, still in rollback-journal mode,
 * for `ms`. Against that lock the switch to WAL failed at once without the retry; an EXCLUSIVE
 * holder, by contrast, is waited for by SQLite's own busy handler.
 */
function holdWriteLock(path: string, ms: number): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(path)});
    db.exec('CREATE TABLE IF NOT EXISTS t (x)');
    db.exec('BEGIN IMMEDIATE');
    db.exec('INSERT INTO t VALUES (1)');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => resolve(child));
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code} before locking`)));
  });
}

test('a fresh file locked by another process: the open waits and ends in WAL mode', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-sqlite-open-'));
  try {
    const path = join(dir, 'fresh.db');
    await holdWriteLock(path, 400);
    const driver = new SqliteDriver(path, { busyTimeoutMs: 10_000 });
    await driver.close();
    const check = new Database(path, { readonly: true });
    assert.equal(check.pragma('journal_mode', { simple: true }), 'wal');
    assert.deepEqual(check.prepare('SELECT x FROM t').all(), [{ x: 1 }]);
    check.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the lock outlasting the budget is an error, not a store left in rollback mode', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-sqlite-open-'));
  try {
    const path = join(dir, 'held.db');
    // Held far longer than the budget, so a loaded machine cannot let the lock go in time.
    const holder = await holdWriteLock(path, 30_000);
    try {
      assert.throws(() => new SqliteDriver(path, { busyTimeoutMs: 200 }), /locked|WAL/);
    } finally {
      holder.kill();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
