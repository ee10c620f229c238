/**
 * Alerts (one per event, with the rules it matched in `alert_rules`), deduplicated by id, and their per-sink deliveries. A notifier claims due deliveries
 * for a lease (a crashed notifier's claims expire), then marks each delivered or failed with a
 * retry time, so an alert is never lost: it stays pending (or failed, re-queueable) until sent.
 */
import { upgradeAlert, type Alert } from '../../model/alert.js';
import type { SqlDriver } from '../sql/driver.js';
import { decodeCursor, encodeCursor, pageLimit, Where } from '../paging.js';
import type { AlertQuery, AlertsRepository, Delivery, DeliveryStatus, Page } from '../types.js';

interface DeliveryRow {
  id: number;
  alert_id: string;
  sink: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  delivered_at: string | null;
  data?: string;
}

function deliveryFromRow(row: DeliveryRow): Delivery {
  const d: Delivery = { id: Number(row.id), alertId: row.alert_id, sink: row.sink, status: row.status, attempts: row.attempts, nextAttemptAt: row.next_attempt_at };
  if (row.last_error !== null) d.lastError = row.last_error;
  if (row.delivered_at !== null) d.deliveredAt = row.delivered_at;
  if (row.data) d.alert = upgradeAlert(JSON.parse(row.data) as Alert);
  return d;
}

const DEFAULT_LEASE_MS = 60_000;

/** The alerts repository over a SQL driver. */
export function alertsRepository(db: SqlDriver): AlertsRepository {
  return {
    async insert(alerts, { sinks = [], now }) {
      return db.transaction(async (tx) => {
        const inserted: string[] = [];
        const duplicates: string[] = [];
        const seen = new Set<string>();
        for (const match of alerts) {
          // One-rule matches (stored by an older producer) become alerts listing that rule.
          const a = upgradeAlert(match as Alert);
          if (seen.has(a.id)) {
            duplicates.push(a.id);
            continue;
          }
          seen.add(a.id);
          const n = await tx.run(
            `INSERT INTO alerts (id, rule_id, severity, event_id, event_time, event_name, event_source, account_id, region, actor, summary, data, stored_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
            [a.id, a.ruleId, a.severity, a.eventId, a.eventTime, a.eventName, a.eventSource, a.accountId, a.region, a.actor, a.summary, JSON.stringify(a), now],
          );
          (n > 0 ? inserted : duplicates).push(a.id);
          if (n > 0) await tx.insertMany('INSERT INTO alert_rules (alert_id, rule_id, severity)', a.rules.map((r) => [a.id, r.id, r.severity]), 'ON CONFLICT (alert_id, rule_id) DO NOTHING');
        }
        const rows = [...seen].flatMap((id) => sinks.map((sink) => [id, sink, 'pending', 0, now, now, now]));
        await tx.insertMany('INSERT INTO alert_deliveries (alert_id, sink, status, attempts, next_attempt_at, created_at, updated_at)', rows, 'ON CONFLICT (alert_id, sink) DO NOTHING');
        return { inserted, duplicates };
      });
    },

    async list(query: AlertQuery = {}): Promise<Page<Alert>> {
      const limit = pageLimit(query);
      // ruleId: alerts that matched the rule among others, not only those it tops.
      const where = new Where().eq('severity', query.severity).eq('account_id', query.accountId).eq('actor', query.actor);
      if (query.ruleId) where.add('id IN (SELECT alert_id FROM alert_rules WHERE rule_id = ?)', query.ruleId);
      if (query.since) where.add('event_time >= ?', query.since);
      if (query.until) where.add('event_time < ?', query.until);
      if (query.cursor) {
        const [t, id] = decodeCursor(query.cursor, 2) as [string, string];
        where.add('(event_time < ? OR (event_time = ? AND id < ?))', t, t, id);
      }
      const offset = query.cursor ? 0 : (query.offset ?? 0);
      const rows = await db.all<{ data: string }>(`SELECT data FROM alerts ${where} ORDER BY event_time DESC, id DESC LIMIT ? OFFSET ?`, [...where.params, limit + 1, offset]);
      const items = rows.slice(0, limit).map((r) => upgradeAlert(JSON.parse(r.data) as Alert));
      const last = items.at(-1);
      return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.eventTime, last.id]) } : { items };
    },

    async get(id) {
      const row = await db.get<{ data: string }>('SELECT data FROM alerts WHERE id = ?', [id]);
      return row ? upgradeAlert(JSON.parse(row.data) as Alert) : undefined;
    },

    async claim({ now, limit = 100, leaseMs = DEFAULT_LEASE_MS, sink }) {
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      return db.transaction(async (tx) => {
        const due = new Where().add("d.status = 'pending'").add('d.next_attempt_at <= ?', now).add('(d.claimed_until IS NULL OR d.claimed_until <= ?)', now).eq('d.sink', sink);
        const rows = await tx.all<DeliveryRow>(
          `SELECT d.id, d.alert_id, d.sink, d.status, d.attempts, d.next_attempt_at, d.last_error, d.delivered_at, a.data
           FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id ${due} ORDER BY d.next_attempt_at, d.id LIMIT ?`,
          [...due.params, limit],
        );
        const claimed: Delivery[] = [];
        for (const row of rows) {
          // The status/lease re-check makes a concurrent claimer (PostgreSQL) lose the row, not share it.
          const n = await tx.run(
            "UPDATE alert_deliveries SET claimed_until = ?, updated_at = ? WHERE id = ? AND status = 'pending' AND (claimed_until IS NULL OR claimed_until <= ?)",
            [until, now, row.id, now],
          );
          if (n > 0) claimed.push(deliveryFromRow(row));
        }
        return claimed;
      });
    },

    async markDelivered(deliveryId, now) {
      await db.run("UPDATE alert_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, claimed_until = NULL, last_error = NULL, updated_at = ? WHERE id = ?", [now, now, deliveryId]);
    },

    async markFailed(deliveryId, { error, now, retryAt }) {
      await db.run('UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL, last_error = ?, updated_at = ? WHERE id = ?', [
        retryAt ? 'pending' : 'failed',
        retryAt ?? now,
        error,
        now,
        deliveryId,
      ]);
    },

    async requeue({ now, sink }) {
      const where = new Where().add("status = 'failed'").eq('sink', sink);
      return db.run(`UPDATE alert_deliveries SET status = 'pending', next_attempt_at = ?, updated_at = ? ${where}`, [now, now, ...where.params]);
    },

    async countDeliveries(query = {}) {
      // A COUNT, not the rows: a long backlog (a sink down for hours) must not be loaded to be counted.
      const where = new Where().eq('status', query.status).eq('sink', query.sinks ? [...query.sinks] : undefined);
      if (query.sinks?.length === 0) return 0;
      const row = await db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM alert_deliveries ${where}`, where.params);
      return Number(row?.n ?? 0);
    },

    async deliveries(query = {}) {
      const where = new Where().eq('alert_id', query.alertId).eq('status', query.status).eq('sink', query.sink);
      const rows = await db.all<DeliveryRow>(`SELECT id, alert_id, sink, status, attempts, next_attempt_at, last_error, delivered_at FROM alert_deliveries ${where} ORDER BY id`, where.params);
      return rows.map(deliveryFromRow);
    },
  };
}
