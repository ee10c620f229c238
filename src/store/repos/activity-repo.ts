/**
 * Activity aggregates for least-privilege generation: one row per (account, principal, action,
 * resource, day), summed incrementally, plus the ledger of CloudTrail files already ingested.
 */
import type { SqlDriver, SqlExecutor, SqlValue } from '../sql/driver.js';
import { chunks, placeholders } from '../sql/driver.js';
import { Where } from '../paging.js';
import type { ActivityRepository, ActivityRow, ActivitySummary, IngestedFile } from '../types.js';

const UPSERT_HEAD = 'INSERT INTO activity_daily (account_id, principal_arn, action, resource_arn, day, success_count, denied_count, first_seen, last_seen)';
const UPSERT_TAIL = `ON CONFLICT (principal_arn, day, action, resource_arn, account_id) DO UPDATE SET
  success_count = activity_daily.success_count + excluded.success_count,
  denied_count = activity_daily.denied_count + excluded.denied_count,
  first_seen = {{least}}(activity_daily.first_seen, excluded.first_seen),
  last_seen = {{greatest}}(activity_daily.last_seen, excluded.last_seen)`;

/** Sums rows with the same key first: one statement may not touch a row twice (PostgreSQL). */
function combine(rows: readonly ActivityRow[]): SqlValue[][] {
  const byKey = new Map<string, ActivityRow>();
  for (const r of rows) {
    const key = `${r.principalArn}\u0000${r.day}\u0000${r.action}\u0000${r.resourceArn}\u0000${r.accountId}`;
    const prior = byKey.get(key);
    if (!prior) byKey.set(key, { ...r });
    else {
      prior.successCount += r.successCount;
      prior.deniedCount += r.deniedCount;
      if (r.firstSeen < prior.firstSeen) prior.firstSeen = r.firstSeen;
      if (r.lastSeen > prior.lastSeen) prior.lastSeen = r.lastSeen;
    }
  }
  return [...byKey.values()].map((r) => [r.accountId, r.principalArn, r.action, r.resourceArn, r.day, r.successCount, r.deniedCount, r.firstSeen, r.lastSeen]);
}

async function upsertRows(tx: SqlExecutor, rows: readonly ActivityRow[]): Promise<void> {
  await tx.insertMany(UPSERT_HEAD, combine(rows), UPSERT_TAIL);
}

async function markFiles(tx: SqlExecutor, files: readonly IngestedFile[], now: string): Promise<void> {
  const unique = [...new Map(files.map((f) => [f.key, f])).values()];
  const rows = unique.map((f) => [f.key, f.etag ?? null, f.size ?? null, f.events ?? null, now]);
  await tx.insertMany('INSERT INTO ingested_files (file_key, etag, size, events, ingested_at)', rows, 'ON CONFLICT (file_key) DO UPDATE SET etag = excluded.etag, size = excluded.size, events = excluded.events, ingested_at = excluded.ingested_at');
}

function windowWhere(window: { start?: string; end?: string } = {}): Where {
  const where = new Where();
  if (window.start) where.add('day >= ?', window.start);
  if (window.end) where.add('day <= ?', window.end);
  return where;
}

/** The activity repository over a SQL driver. */
export function activityRepository(db: SqlDriver): ActivityRepository {
  return {
    upsert: (rows) => db.transaction((tx) => upsertRows(tx, rows)),

    ingest: (rows, files, now) =>
      db.transaction(async (tx) => {
        await upsertRows(tx, rows);
        await markFiles(tx, files, now);
      }),

    async byPrincipal(principalArn, window) {
      const where = windowWhere(window).add('principal_arn = ?', principalArn);
      const rows = await db.all<Record<string, string | number>>(
        `SELECT account_id, principal_arn, action, resource_arn, SUM(success_count) AS s, SUM(denied_count) AS d,
           MIN(first_seen) AS f, MAX(last_seen) AS l, COUNT(*) AS days
         FROM activity_daily ${where} GROUP BY account_id, principal_arn, action, resource_arn ORDER BY action, resource_arn, account_id`,
        where.params,
      );
      return rows.map(
        (r): ActivitySummary => ({
          accountId: String(r.account_id),
          principalArn: String(r.principal_arn),
          action: String(r.action),
          resourceArn: String(r.resource_arn),
          successCount: Number(r.s),
          deniedCount: Number(r.d),
          firstSeen: String(r.f),
          lastSeen: String(r.l),
          days: Number(r.days),
        }),
      );
    },

    async principals(window) {
      const where = windowWhere(window);
      return (await db.all<{ p: string }>(`SELECT DISTINCT principal_arn AS p FROM activity_daily ${where} ORDER BY principal_arn`, where.params)).map((r) => r.p);
    },

    async newFiles(files) {
      const known = new Map<string, { etag: string | null; size: number | null }>();
      for (const part of chunks(files.map((f) => f.key), 900)) {
        for (const r of await db.all<{ file_key: string; etag: string | null; size: number | null }>(`SELECT file_key, etag, size FROM ingested_files WHERE file_key IN ${placeholders(part.length)}`, part)) {
          known.set(r.file_key, { etag: r.etag, size: r.size === null ? null : Number(r.size) });
        }
      }
      return files.filter((f) => {
        const k = known.get(f.key);
        return !k || (f.etag !== undefined && f.etag !== k.etag) || (f.size !== undefined && f.size !== k.size);
      });
    },

    markIngested: (files, now) => db.transaction((tx) => markFiles(tx, files, now)),
  };
}
