/** Migrations: applied once, recorded, and a database newer than the code is refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/sql/migrations.js';

test('migrations are applied once and a newer schema is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-migrate-'));
  try {
    const db = join(dir, 'm.db');
    await (await openStore(db)).close();
    await (await openStore(db)).close();
    const conn = new Database(db);
    const versions = (conn.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    assert.deepEqual(versions, MIGRATIONS.map((m) => m.version));
    conn.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'now')").run();
    conn.close();
    await assert.rejects(openStore(db), { code: 'schema_too_new' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
