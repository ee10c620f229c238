/**
 * Findings: filtered, keyset-paged listing (ordered by id), archive/unarchive with history.
 */
import type { StatusEvent } from '../../findings/lifecycle.js';
import { CordonError, NotFoundError } from '../../model/errors.js';
import type { Finding, FindingStatus } from '../../model/finding.js';
import type { SqlDriver, SqlExecutor } from '../sql/driver.js';
import { chunks } from '../sql/driver.js';
import { decodeCursor, encodeCursor, pageLimit, Where } from '../paging.js';
import type { Actor, FindingQuery, FindingsRepository, Page, PageQuery } from '../types.js';
import { createdEvent, FINDING_COLUMNS, findingFromRow, readEvents, writeEvents } from './finding-rows.js';
import type { FindingRow } from './finding-rows.js';
import { FINDINGS_LOCK } from './scans-repo.js';

/** A status change that the lifecycle does not allow (e.g. archiving a RESOLVED finding). */
export class InvalidTransitionError extends CordonError {
  constructor(id: string, from: FindingStatus, to: FindingStatus) {
    super('invalid_transition', `finding \`${id}\` is ${from}; it cannot become ${to}`);
  }
}

function whereFor(query: Omit<FindingQuery, keyof PageQuery>): Where {
  const where = new Where()
    .eq('status', query.status)
    .eq('type', query.type)
    .eq('severity', query.severity)
    .eq('resource', query.resource)
    .eq('account_id', query.accountId)
    .eq('scope', query.scope);
  if (query.ids) {
    if (query.ids.length === 0) where.add('1 = 0');
    else where.eq('id', query.ids);
  }
  return where;
}

async function getRow(db: SqlExecutor, id: string): Promise<FindingRow | undefined> {
  return db.get<FindingRow>(`SELECT ${FINDING_COLUMNS} FROM findings WHERE id = ?`, [id]);
}

/** Changes one finding's status in a transaction, recording who did it; idempotent when already there. */
async function transition(db: SqlDriver, id: string, from: FindingStatus, to: FindingStatus, by: Actor, now: string): Promise<Finding> {
  return db.transaction(
    async (tx) => {
      const row = await getRow(tx, id);
      if (!row) throw new NotFoundError('finding', id);
      if (row.status === to) return findingFromRow(row);
      if (row.status !== from) throw new InvalidTransitionError(id, row.status, to);
      await tx.run('UPDATE findings SET status = ?, updated_at = ? WHERE id = ?', [to, now, id]);
      const event: StatusEvent = { findingId: id, at: now, change: to === 'ARCHIVED' ? 'archived' : 'unarchived', from, to, by: 'user', actor: by.actor };
      if (by.reason) event.reason = by.reason;
      await writeEvents(tx, [event]);
      return findingFromRow({ ...row, status: to, updated_at: now });
    },
    { lock: FINDINGS_LOCK },
  );
}

/** The findings repository over a SQL driver. */
export function findingsRepository(db: SqlDriver): FindingsRepository {
  const list = async (query: FindingQuery = {}): Promise<Page<Finding>> => {
    const limit = pageLimit(query);
    const where = whereFor(query);
    if (query.cursor) where.add('id > ?', decodeCursor(query.cursor, 1)[0]!);
    const offset = query.cursor ? 0 : (query.offset ?? 0);
    // Large id lists go through `ids` chunks; the IN list stays below parameter limits.
    if (query.ids && query.ids.length > 900) {
      const found: Finding[] = [];
      for (const part of chunks([...query.ids].sort(), 900)) found.push(...(await list({ ...query, ids: part, limit: 1000, cursor: undefined, offset: 0 })).items);
      const sorted = found.sort((a, b) => (a.id < b.id ? -1 : 1)).filter((f) => !query.cursor || f.id > decodeCursor(query.cursor, 1)[0]!);
      const items = sorted.slice(offset, offset + limit);
      return sorted.length > offset + limit ? { items, nextCursor: encodeCursor([items.at(-1)!.id]) } : { items };
    }
    const rows = await db.all<FindingRow>(`SELECT ${FINDING_COLUMNS} FROM findings ${where} ORDER BY id LIMIT ? OFFSET ?`, [...where.params, limit + 1, offset]);
    const items = rows.slice(0, limit).map(findingFromRow);
    const last = items.at(-1);
    return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.id]) } : { items };
  };

  return {
    list,

    async count(query = {}): Promise<number> {
      const where = whereFor(query);
      const row = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM findings ${where}`, where.params);
      return row?.n ?? 0;
    },

    async get(id: string): Promise<Finding | undefined> {
      const row = await getRow(db, id);
      return row ? findingFromRow(row) : undefined;
    },

    archive(id: string, by: Actor, now = new Date().toISOString()): Promise<Finding> {
      return transition(db, id, 'ACTIVE', 'ARCHIVED', by, now);
    },

    unarchive(id: string, by: Actor, now = new Date().toISOString()): Promise<Finding> {
      return transition(db, id, 'ARCHIVED', 'ACTIVE', by, now);
    },

    async history(id: string): Promise<StatusEvent[]> {
      const row = await getRow(db, id);
      if (!row) return [];
      return [createdEvent(row), ...(await readEvents(db, 'finding_id = ?', [id]))];
    },
  };
}
