/**
 * Row shapes of the findings tables and their mapping to model types, shared by the scans and
 * findings repositories.
 */
import type { Finding, FindingStatus } from '../../model/finding.js';
import type { FindingWrite, StatusEvent } from '../../findings/lifecycle.js';
import type { SqlExecutor, SqlValue } from '../sql/driver.js';

export interface FindingRow {
  id: string;
  scope: string;
  status: FindingStatus;
  content_hash: string;
  data: string;
  created_at: string;
  updated_at: string;
  first_scan_id: string | null;
}

export const FINDING_COLUMNS = 'id, scope, status, content_hash, data, created_at, updated_at, first_scan_id';

/** A stored row as a Finding: the draft's content plus its lifecycle fields. */
export function findingFromRow(row: FindingRow): Finding {
  // Stored keys are sorted (canonical JSON); put the identifying fields first for people reading JSON.
  const { id, type, severity, title, ...rest } = JSON.parse(row.data) as Omit<Finding, 'status' | 'createdAt' | 'updatedAt'>;
  return { id, type, severity, status: row.status, title, ...rest, createdAt: row.created_at, updatedAt: row.updated_at } as Finding;
}

const UPSERT_HEAD = `INSERT INTO findings (id, scope, status, type, severity, account_id, resource, resource_type, content_hash, data,
  created_at, updated_at, first_scan_id, content_scan_id)`;
// first_scan_id is never overwritten; content_scan_id only when this scan changed the content.
const UPSERT_TAIL = `ON CONFLICT (id) DO UPDATE SET scope = excluded.scope, status = excluded.status, type = excluded.type,
  severity = excluded.severity, account_id = excluded.account_id, resource = excluded.resource,
  resource_type = excluded.resource_type, content_hash = excluded.content_hash, data = excluded.data,
  created_at = excluded.created_at, updated_at = excluded.updated_at,
  content_scan_id = COALESCE(excluded.content_scan_id, findings.content_scan_id)`;

const CONTENT_TAIL = `ON CONFLICT (id) DO UPDATE SET type = excluded.type, severity = excluded.severity,
  account_id = excluded.account_id, resource = excluded.resource, resource_type = excluded.resource_type,
  content_hash = excluded.content_hash, data = excluded.data, updated_at = excluded.updated_at,
  content_scan_id = COALESCE(excluded.content_scan_id, findings.content_scan_id)`;

/** Inserts or replaces finding rows written by scan `scanId`. */
export async function writeFindings(tx: SqlExecutor, writes: readonly FindingWrite[], scanId: string): Promise<void> {
  const row = (w: FindingWrite): SqlValue[] => [
    w.draft.id,
    w.scope,
    w.status,
    w.draft.type,
    w.draft.severity,
    w.draft.accountId ?? '',
    w.draft.resource ?? '',
    w.draft.resourceType ?? '',
    w.contentHash,
    w.data,
    w.createdAt,
    w.updatedAt,
    scanId,
    w.contentScanId,
  ];
  // New ids were checked absent under the findings lock: a plain INSERT skips conflict handling.
  await tx.insertMany(UPSERT_HEAD, writes.filter((w) => w.isNew).map(row));
  // Content-only changes leave scope and status (the indexed columns) alone: no index rewrite.
  const inPlace = (w: FindingWrite) => !w.isNew && w.priorStatus === w.status && w.priorScope === w.scope;
  await tx.insertMany(UPSERT_HEAD, writes.filter(inPlace).map(row), CONTENT_TAIL);
  await tx.insertMany(UPSERT_HEAD, writes.filter((w) => !w.isNew && !inPlace(w)).map(row), UPSERT_TAIL);
}

interface EventRow {
  finding_id: string;
  at: string;
  change: StatusEvent['change'];
  from_status: FindingStatus | null;
  to_status: FindingStatus;
  by_kind: StatusEvent['by'];
  actor: string | null;
  scan_id: string | null;
  rule_name: string | null;
  reason: string | null;
}

export const EVENT_COLUMNS = 'finding_id, at, change, from_status, to_status, by_kind, actor, scan_id, rule_name, reason';

/**
 * Appends history lines. `created` and `updated` lines are not stored: the finding row holds
 * them (first_scan_id/created_at, content_scan_id/updated_at), which halves a first scan's writes.
 */
export async function writeEvents(tx: SqlExecutor, all: readonly StatusEvent[]): Promise<void> {
  const events = all.filter((e) => e.change !== 'created' && e.change !== 'updated');
  const rows: SqlValue[][] = events.map((e) => [e.findingId, e.at, e.change, e.from, e.to, e.by, e.actor ?? null, e.scanId ?? null, e.ruleName ?? null, e.reason ?? null]);
  await tx.insertMany(`INSERT INTO finding_events (${EVENT_COLUMNS})`, rows);
}

/** A history row as a StatusEvent (absent fields omitted). */
export function eventFromRow(row: EventRow): StatusEvent {
  const event: StatusEvent = { findingId: row.finding_id, at: row.at, change: row.change, from: row.from_status, to: row.to_status, by: row.by_kind };
  if (row.actor !== null) event.actor = row.actor;
  if (row.scan_id !== null) event.scanId = row.scan_id;
  if (row.rule_name !== null) event.ruleName = row.rule_name;
  if (row.reason !== null) event.reason = row.reason;
  return event;
}

/** History lines matching a condition, oldest first. */
export async function readEvents(db: SqlExecutor, where: string, params: SqlValue[]): Promise<StatusEvent[]> {
  const rows = await db.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM finding_events WHERE ${where} ORDER BY seq`, params);
  return rows.map(eventFromRow);
}

/** The `created` history line a finding row stands for. */
export function createdEvent(row: Pick<FindingRow, 'id' | 'created_at' | 'first_scan_id'>): StatusEvent {
  const event: StatusEvent = { findingId: row.id, at: row.created_at, change: 'created', from: null, to: 'ACTIVE', by: 'scan' };
  if (row.first_scan_id !== null) event.scanId = row.first_scan_id;
  return event;
}
