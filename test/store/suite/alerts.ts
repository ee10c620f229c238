/** Alerts through the store: idempotent insert, listing, delivery claims and retries. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert } from '../../../src/model/alert.js';
import type { CloudTrailEvent } from '../../../src/model/cloudtrail.js';
import type { CordonStore } from '../../../src/store/index.js';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../../src/store/index.js';
import { dropSchema, type TestBackend } from './backends.js';
import { day } from './drafts.js';

function alert(id: string, d: number, extra: Partial<Alert> = {}): Alert {
  const a: Omit<Alert, 'rules'> = {
    id,
    ruleId: 'iam-change',
    severity: 'MEDIUM',
    eventId: `ev-${id}`,
    eventTime: day(d),
    eventName: 'CreateAccessKey',
    eventSource: 'iam.amazonaws.com',
    accountId: '111122223333',
    region: 'us-east-1',
    actor: 'arn:aws:iam::111122223333:user/mallory',
    summary: `alert ${id}`,
    event: { eventID: `ev-${id}`, eventName: 'CreateAccessKey' } as unknown as CloudTrailEvent,
    ...extra,
  };
  return { ...a, rules: extra.rules ?? [{ id: a.ruleId, severity: a.severity, summary: a.summary }] };
}

/** Runs SQL on a store's database behind its back (to rebuild an older schema). */
async function rawSql(kind: TestBackend['name'], db: string, statements: string[]): Promise<void> {
  if (kind === 'sqlite') {
    const conn = new Database(db);
    try {
      for (const sql of statements) conn.exec(sql);
    } finally {
      conn.close();
    }
    return;
  }
  const url = new URL(db);
  const schema = url.searchParams.get('schema')!;
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Removes a store opened by `backend.open()` whose store object was already closed. */
async function cleanup(kind: TestBackend['name'], db: string): Promise<void> {
  if (kind === 'sqlite') rmSync(dirname(db), { recursive: true, force: true });
  else await dropSchema(new URL(db).searchParams.get('schema')!);
}

export function alertsSuite(backend: TestBackend): void {
  describe(`alerts (${backend.name})`, () => {
    let store: CordonStore;
    let dispose: () => Promise<void>;
    before(async () => ({ store, dispose } = await backend.open()));
    after(() => dispose());

    test('insert is idempotent by alert id; list newest first with filters and paging', async () => {
      const first = await store.alerts.insert([alert('a1', 1), alert('a2', 2, { ruleId: 'cis-aws-4.4', severity: 'HIGH' }), alert('a1', 1)], { sinks: ['webhook'], now: day(3) });
      assert.deepEqual(first, { inserted: ['a1', 'a2'], duplicates: ['a1'] });
      const again = await store.alerts.insert([alert('a2', 2), alert('a3', 3)], { sinks: ['webhook'], now: day(4) });
      assert.deepEqual(again, { inserted: ['a3'], duplicates: ['a2'] });
      assert.equal((await store.alerts.deliveries()).length, 3, 'one delivery per alert and sink, never duplicated');
      const page1 = await store.alerts.list({ limit: 2 });
      assert.deepEqual(page1.items.map((a) => a.id), ['a3', 'a2']);
      const page2 = await store.alerts.list({ limit: 2, cursor: page1.nextCursor });
      assert.deepEqual(page2.items.map((a) => a.id), ['a1']);
      assert.equal(page2.nextCursor, undefined);
      assert.deepEqual((await store.alerts.list({ ruleId: 'cis-aws-4.4' })).items.map((a) => a.id), ['a2']);
      assert.deepEqual((await store.alerts.list({ severity: ['HIGH', 'LOW'] })).items.map((a) => a.id), ['a2']);
      assert.deepEqual((await store.alerts.list({ since: day(2), until: day(3) })).items.map((a) => a.id), ['a2']);
      assert.deepEqual(await store.alerts.get('a1'), alert('a1', 1));
      assert.equal(await store.alerts.get('zz'), undefined);
    });

    test('an alert of several rules is found by each of its rules and by its actor', async () => {
      const grouped = alert('g1', 5, {
        ruleId: 'iam-backdoor-access-key', severity: 'HIGH', actor: 'arn:aws:iam::111122223333:user/eve',
        rules: [{ id: 'iam-backdoor-access-key', severity: 'HIGH', summary: 'key for admin' }, { id: 'iam-change', severity: 'LOW', summary: 'IAM change' }],
      });
      assert.deepEqual(await store.alerts.insert([grouped], { now: day(6) }), { inserted: ['g1'], duplicates: [] });
      assert.deepEqual((await store.alerts.list({ ruleId: 'iam-backdoor-access-key' })).items.map((a) => a.id), ['g1']);
      // iam-change is g1's second rule and a1/a3's only rule: all three match it; newest first.
      assert.deepEqual((await store.alerts.list({ ruleId: 'iam-change' })).items.map((a) => a.id), ['g1', 'a3', 'a1']);
      assert.deepEqual((await store.alerts.list({ actor: 'arn:aws:iam::111122223333:user/eve' })).items.map((a) => a.id), ['g1']);
      assert.deepEqual(await store.alerts.get('g1'), grouped);
      // A one-rule match (older producers) is stored as an alert listing that rule.
      const single: Omit<Alert, 'rules'> & { rules?: Alert['rules'] } = alert('s1', 0, { ruleId: 'cis-aws-4.4', severity: 'HIGH' });
      delete single.rules;
      await store.alerts.insert([single], { now: day(6) });
      assert.deepEqual((await store.alerts.get('s1'))!.rules, [{ id: 'cis-aws-4.4', severity: 'HIGH', summary: 'alert s1' }]);
      assert.deepEqual((await store.alerts.list({ ruleId: 'cis-aws-4.4' })).items.map((a) => a.id), ['a2', 's1']);
    });

    test('migration 4: an alert stored one-per-rule before it stays readable and is found by its rule', async () => {
      const fresh = await backend.open();
      await fresh.store.close();
      const old = { id: 'old1', ruleId: 'cis-aws-4.4', severity: 'MEDIUM', eventId: 'e1', eventTime: day(1), eventName: 'PutUserPolicy', eventSource: 'iam.amazonaws.com', accountId: '111122223333', region: 'us-east-1', actor: 'arn:aws:iam::111122223333:user/bob', summary: 'IAM policy change', event: { eventID: 'e1' } };
      // Back to a version-3 schema holding a row of the old shape (no `rules`, no alert_rules row).
      await rawSql(backend.name, fresh.db, [
        'DROP TABLE alert_rules',
        'DROP INDEX alerts_by_actor',
        'DELETE FROM schema_migrations WHERE version >= 4',
        `INSERT INTO alerts (id, rule_id, severity, event_id, event_time, event_name, event_source, account_id, region, actor, summary, data, stored_at) VALUES ('old1', 'cis-aws-4.4', 'MEDIUM', 'e1', '${day(1)}', 'PutUserPolicy', 'iam.amazonaws.com', '111122223333', 'us-east-1', 'arn:aws:iam::111122223333:user/bob', 'IAM policy change', '${JSON.stringify(old)}', '${day(2)}')`,
      ]);
      const reopened = await openStore(fresh.db);
      try {
        const listed = (await reopened.alerts.list({ ruleId: 'cis-aws-4.4' })).items;
        assert.deepEqual(listed.map((a) => a.id), ['old1']);
        assert.deepEqual(listed[0]!.rules, [{ id: 'cis-aws-4.4', severity: 'MEDIUM', summary: 'IAM policy change' }]);
        assert.deepEqual((await reopened.alerts.get('old1'))!.ruleId, 'cis-aws-4.4');
      } finally {
        await reopened.close();
        await cleanup(backend.name, fresh.db);
      }
    });

    test('deliveries: claim with lease, fail with retry, deliver; nothing is lost', async () => {
      const t0 = '2026-02-01T00:00:00.000Z';
      const claimed = await store.alerts.claim({ now: t0, limit: 10, leaseMs: 30_000 });
      assert.deepEqual(claimed.map((d) => d.alertId).sort(), ['a1', 'a2', 'a3']);
      assert.deepEqual(claimed.find((d) => d.alertId === 'a2')!.alert!.rules.map((r) => r.id), ['cis-aws-4.4']);
      assert.equal(claimed[0]!.alert!.summary.startsWith('alert '), true);
      assert.equal((await store.alerts.claim({ now: t0 })).length, 0, 'claimed deliveries are leased');
      const [d1, d2, d3] = claimed.sort((a, b) => a.alertId.localeCompare(b.alertId));
      await store.alerts.markDelivered(d1!.id, t0);
      await store.alerts.markFailed(d2!.id, { error: 'HTTP 500', now: t0, retryAt: '2026-02-01T00:05:00.000Z' });
      await store.alerts.markFailed(d3!.id, { error: 'HTTP 410', now: t0 });
      // Lease expired but d2 is not yet due; d3 gave up.
      assert.equal((await store.alerts.claim({ now: '2026-02-01T00:01:00.000Z' })).length, 0);
      const retry = await store.alerts.claim({ now: '2026-02-01T00:05:00.000Z' });
      assert.deepEqual(retry.map((d) => [d.alertId, d.attempts, d.lastError]), [['a2', 1, 'HTTP 500']]);
      // A crashed notifier: its lease runs out, the delivery is claimable again.
      assert.equal((await store.alerts.claim({ now: '2026-02-01T00:07:00.000Z', leaseMs: 1000 })).length, 1);
      const failed = await store.alerts.deliveries({ status: 'failed' });
      assert.deepEqual(failed.map((d) => d.alertId), ['a3']);
      assert.equal(await store.alerts.requeue({ now: '2026-02-01T01:00:00.000Z', sink: 'webhook' }), 1);
      const delivered = await store.alerts.deliveries({ status: 'delivered' });
      assert.deepEqual(delivered.map((d) => [d.alertId, d.attempts, d.deliveredAt]), [['a1', 1, t0]]);
      assert.equal((await store.alerts.deliveries({ status: 'pending' })).length, 2);
      // The count agrees with the rows, per status and per set of sinks, without loading them.
      const pending = await store.alerts.deliveries({ status: 'pending' });
      assert.equal(await store.alerts.countDeliveries({ status: 'pending' }), pending.length);
      const sinks = [...new Set(pending.map((d) => d.sink))];
      assert.equal(await store.alerts.countDeliveries({ status: 'pending', sinks }), pending.length);
      assert.equal(await store.alerts.countDeliveries({ status: 'pending', sinks: ['no-such-sink'] }), 0);
      assert.equal(await store.alerts.countDeliveries({ status: 'pending', sinks: [] }), 0);
      assert.equal(await store.alerts.countDeliveries(), (await store.alerts.deliveries()).length);
    });
  });
}
