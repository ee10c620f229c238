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

test('migration 4: alerts stored one per rule before it stay readable and are found by their rule', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-migrate-'));
  try {
    const db = join(dir, 'm.db');
    await (await openStore(db)).close();
    // Back to a version-3 database holding an alert in the old one-rule shape.
    const conn = new Database(db);
    conn.exec("DROP TABLE alert_rules; DROP INDEX alerts_by_actor; DELETE FROM schema_migrations WHERE version >= 4");
    const old = { id: 'old1', ruleId: 'cis-aws-4.4', severity: 'MEDIUM', eventId: 'e1', eventTime: '2024-01-01T00:00:00Z', eventName: 'PutUserPolicy', eventSource: 'iam.amazonaws.com', accountId: '111122223333', region: 'us-east-1', actor: 'arn:aws:iam::111122223333:user/bob', summary: 'IAM policy change', event: { eventID: 'e1' } };
    conn.prepare('INSERT INTO alerts (id, rule_id, severity, event_id, event_time, event_name, event_source, account_id, region, actor, summary, data, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(old.id, old.ruleId, old.severity, old.eventId, old.eventTime, old.eventName, old.eventSource, old.accountId, old.region, old.actor, old.summary, JSON.stringify(old), '2024-01-02T00:00:00Z');
    conn.close();
    const store = await openStore(db);
    try {
      const listed = (await store.alerts.list({ ruleId: 'cis-aws-4.4' })).items;
      assert.deepEqual(listed.map((a) => a.id), ['old1']);
      assert.deepEqual(listed[0]!.rules, [{ id: 'cis-aws-4.4', severity: 'MEDIUM', summary: 'IAM policy change' }]);
      assert.deepEqual((await store.alerts.get('old1'))!.rules.map((r) => r.id), ['cis-aws-4.4']);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
