/**
 * Findings: filtered, keyset-paged listing (ordered by id), archive/unarchive with history.
 */
import type { StatusEvent } from '../../findings/lifecycle.js';
import { CordonError, NotFoundError } from '../../model/errors.js';
import type { Finding, FindingStatus } from '../../model/finding.js';
import type { SqlDriver, SqlExecutor } from '../sql/driver.js';
import { chunks, placeholders } from '../sql/driver.js';
import { decodeCursor, encodeCursor, MAX_LIMIT, pageLimit, Where } from '../paging.js';
import type { Actor, FindingQuery, FindingsRepository, Page, PageQuery } from '../types.js';
import { createdEvent, FINDING_COLUMNS, findingFromRow, readEvents, writeEvents } from './finding-rows.js';
import type { FindingRow } from './finding-rows.js';
import { FINDINGS_LOCK } from './scans-repo.js';

/** Ids per IN list: below SQLite's and PostgreSQL's parameter limits and below MAX_LIMIT. */
const ID_CHUNK = 900;

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
    // Large id lists: walk the sorted ids past the cursor in chunks and stop as soon as the page
    // is full, so a page costs O(page + one chunk) rows, not a re-read of every listed id.
    if (query.ids && query.ids.length > ID_CHUNK) {
      const after = query.cursor ? decodeCursor(query.cursor, 1)[0]! : undefined;
      const ids = [...new Set(query.ids)].sort().filter((id) => after === undefined || id > after);
      const found: Finding[] = [];
      for (let start = 0; start < ids.length && found.length <= offset + limit; start += ID_CHUNK) {
        const part = ids.slice(start, start + ID_CHUNK);
        found.push(...(await list({ ...query, ids: part, limit: MAX_LIMIT, cursor: undefined, offset: 0 })).items);
      }
      const items = found.slice(offset, offset + limit);
      return found.length > offset + limit ? { items, nextCursor: encodeCursor([items.at(-1)!.id]) } : { items };
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

    async getMany(ids: readonly string[]): Promise<Finding[]> {
      // One IN query per chunk: linear in the number of ids, each row read and decoded once.
      const out: Finding[] = [];
      for (const part of chunks([...new Set(ids)], ID_CHUNK)) {
        const rows = await db.all<FindingRow>(`SELECT ${FINDING_COLUMNS} FROM findings WHERE id IN ${placeholders(part.length)}`, part);
        for (const row of rows) out.push(findingFromRow(row));
      }
      return out;
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
