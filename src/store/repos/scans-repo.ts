/**
 * Scans: recording one runs the finding lifecycle (`src/findings/lifecycle.ts`) over the stored
 * state and writes the outcome in ONE transaction, so a crash mid-scan leaves the previous state.
 */
import { randomBytes } from 'node:crypto';
import type { ScanCounts, StatusEvent, StoredFindingState } from '../../findings/lifecycle.js';
import { mergeScan } from '../../findings/lifecycle.js';
import { UsageError } from '../../model/errors.js';
import type { SqlDriver, SqlExecutor } from '../sql/driver.js';
import { chunks, placeholders } from '../sql/driver.js';
import { decodeCursor, encodeCursor, pageLimit, Where } from '../paging.js';
import type { Page, RecordScanInput, ScanQuery, ScanRecord, ScanResult, ScansRepository } from '../types.js';
import { createdEvent, readEvents, writeEvents, writeFindings } from './finding-rows.js';
import { loadActiveRules } from './rules-repo.js';

/** Lock name every writer of findings takes (scans, archive, rules). */
export const FINDINGS_LOCK = 'findings';
const ID_CHUNK = 900;

interface ScanRow {
  id: string;
  scope: string;
  started_at: string;
  finished_at: string;
  actor: string | null;
  inputs: string;
  versions: string;
  counts: string;
}

function scanFromRow(row: ScanRow): ScanRecord {
  const record: ScanRecord = {
    id: row.id,
    scope: row.scope,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    inputs: JSON.parse(row.inputs) as Record<string, unknown>,
    versions: JSON.parse(row.versions) as Record<string, unknown>,
    counts: JSON.parse(row.counts) as ScanCounts,
  };
  if (row.actor !== null) record.actor = row.actor;
  return record;
}

/** A sortable, readable scan id: `20261123T002758Z` + 8 random hex digits. */
export function newScanId(now: string): string {
  const stamp = now.replaceAll('-', '').replaceAll(':', '').replace(/\.\d+/, '');
  return `${stamp}${randomBytes(4).toString('hex')}`;
}

interface StateRow {
  id: string;
  scope: string;
  status: StoredFindingState['status'];
  content_hash: string;
  created_at: string;
  updated_at: string;
}

async function loadState(tx: SqlExecutor, scope: string, ids: readonly string[]): Promise<Map<string, StoredFindingState>> {
  const state = new Map<string, StoredFindingState>();
  const add = (r: StateRow) => state.set(r.id, { id: r.id, scope: r.scope, status: r.status, contentHash: r.content_hash, createdAt: r.created_at, updatedAt: r.updated_at });
  const cols = 'id, scope, status, content_hash, created_at, updated_at';
  for (const r of await tx.all<StateRow>(`SELECT ${cols} FROM findings WHERE scope = ? AND status <> 'RESOLVED'`, [scope])) add(r);
  for (const part of chunks(ids.filter((id) => !state.has(id)), ID_CHUNK)) {
    for (const r of await tx.all<StateRow>(`SELECT ${cols} FROM findings WHERE id IN ${placeholders(part.length)}`, part)) add(r);
  }
  return state;
}

/** The scans repository over a SQL driver. */
export function scansRepository(db: SqlDriver): ScansRepository {
  return {
    async record(input: RecordScanInput): Promise<ScanResult> {
      if (!input.scope) throw new UsageError('a scan needs a scope');
      const scanId = input.id ?? newScanId(input.now);
      return db.transaction(
        async (tx) => {
          const rules = await loadActiveRules(tx);
          const existing = await loadState(tx, input.scope, input.findings.map((f) => f.id));
          const merge = mergeScan({ scope: input.scope, scanId, now: input.now, drafts: input.findings, existing, rules });
          await writeFindings(tx, merge.writes, scanId);
          for (const part of chunks(merge.resolved, ID_CHUNK)) {
            await tx.run(`UPDATE findings SET status = 'RESOLVED', updated_at = ? WHERE id IN ${placeholders(part.length)}`, [input.now, ...part]);
          }
          await writeEvents(tx, merge.events);
          await tx.run('INSERT INTO scans (id, scope, started_at, finished_at, actor, inputs, versions, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
            scanId,
            input.scope,
            input.now,
            new Date().toISOString(),
            input.actor ?? null,
            JSON.stringify(input.inputs ?? {}),
            JSON.stringify(input.versions ?? {}),
            JSON.stringify(merge.counts),
          ]);
          return { scanId, ...merge.counts };
        },
        { lock: FINDINGS_LOCK },
      );
    },

    async list(query: ScanQuery = {}): Promise<Page<ScanRecord>> {
      const limit = pageLimit(query);
      const where = new Where().eq('scope', query.scope);
      if (query.cursor) {
        const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
        where.add('(started_at < ? OR (started_at = ? AND id < ?))', at, at, id);
      }
      const offset = query.cursor ? 0 : (query.offset ?? 0);
      const rows = await db.all<ScanRow>(`SELECT * FROM scans ${where} ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`, [...where.params, limit + 1, offset]);
      const items = rows.slice(0, limit).map(scanFromRow);
      const last = items.at(-1);
      return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.startedAt, last.id]) } : { items };
    },

    async get(id: string): Promise<ScanRecord | undefined> {
      const row = await db.get<ScanRow>('SELECT * FROM scans WHERE id = ?', [id]);
      return row ? scanFromRow(row) : undefined;
    },

    async changes(scanId: string): Promise<StatusEvent[]> {
      const stored = await readEvents(db, 'scan_id = ?', [scanId]);
      const created = await db.all<{ id: string; created_at: string; first_scan_id: string | null }>('SELECT id, created_at, first_scan_id FROM findings WHERE first_scan_id = ?', [scanId]);
      const updated = await db.all<{ id: string; status: StatusEvent['to']; updated_at: string }>(
        'SELECT id, status, updated_at FROM findings WHERE content_scan_id = ? AND first_scan_id <> ?',
        [scanId, scanId],
      );
      const scan = await db.get<{ started_at: string }>('SELECT started_at FROM scans WHERE id = ?', [scanId]);
      const at = scan?.started_at ?? '';
      const all: StatusEvent[] = [
        ...created.map(createdEvent),
        ...updated.map((r): StatusEvent => ({ findingId: r.id, at, change: 'updated', from: r.status, to: r.status, by: 'scan', scanId })),
        ...stored,
      ];
      // Per finding: created first, then stored order (stable sort keeps it).
      return all.sort((a, b) => (a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : 0));
    },
  };
}
