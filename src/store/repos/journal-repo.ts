/**
 * Action journals: an execution (remediation of a finding, containment of a principal) and its
 * ordered steps. Each step is written as it happens, so a crash leaves an exact record of what
 * was applied, which rollback and resume read.
 */
import { CordonError, NotFoundError } from '../../model/errors.js';
import type { SqlDriver } from '../sql/driver.js';
import { decodeCursor, encodeCursor, pageLimit, parseJson, Where } from '../paging.js';
import type { Execution, ExecutionQuery, ExecutionStatus, JournalRepository, JournalStep, Page, StepStatus } from '../types.js';

interface ExecutionRow {
  id: string;
  kind: string;
  subject: string;
  status: ExecutionStatus;
  actor: string | null;
  metadata: string;
  created_at: string;
  updated_at: string;
}

interface StepRow {
  execution_id: string;
  step_index: number;
  kind: string;
  status: StepStatus;
  payload: string;
  result: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

function executionFromRow(row: ExecutionRow): Execution {
  const e: Execution = { id: row.id, kind: row.kind, subject: row.subject, status: row.status, metadata: JSON.parse(row.metadata) as Record<string, unknown>, createdAt: row.created_at, updatedAt: row.updated_at };
  if (row.actor !== null) e.actor = row.actor;
  return e;
}

function stepFromRow(row: StepRow): JournalStep {
  const s: JournalStep = { executionId: row.execution_id, index: row.step_index, kind: row.kind, status: row.status, payload: JSON.parse(row.payload) as unknown, createdAt: row.created_at, updatedAt: row.updated_at };
  if (row.result !== null) s.result = parseJson(row.result);
  if (row.error !== null) s.error = row.error;
  return s;
}

/** A journal step index that is already taken. */
export class StepConflictError extends CordonError {
  constructor(executionId: string, index: number) {
    super('conflict', `execution \`${executionId}\` already has step ${index}`);
  }
}

/** The journal repository over a SQL driver. */
export function journalRepository(db: SqlDriver): JournalRepository {
  return {
    async start({ id, kind, subject, actor, metadata = {}, now }) {
      await db.run('INSERT INTO executions (id, kind, subject, status, actor, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [
        id,
        kind,
        subject,
        'running',
        actor ?? null,
        JSON.stringify(metadata),
        now,
        now,
      ]);
      return executionFromRow((await db.get<ExecutionRow>('SELECT * FROM executions WHERE id = ?', [id]))!);
    },

    async appendStep(executionId, { kind, status, payload, index, now }) {
      return db.transaction(async (tx) => {
        const exists = await tx.get<{ id: string }>('SELECT id FROM executions WHERE id = ?', [executionId]);
        if (!exists) throw new NotFoundError('execution', executionId);
        const next = (await tx.get<{ n: number | null }>('SELECT MAX(step_index) AS n FROM journal_steps WHERE execution_id = ?', [executionId]))?.n;
        const at = index ?? (next === null || next === undefined ? 0 : Number(next) + 1);
        const n = await tx.run(
          'INSERT INTO journal_steps (execution_id, step_index, kind, status, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (execution_id, step_index) DO NOTHING',
          [executionId, at, kind, status, JSON.stringify(payload ?? null), now, now],
        );
        if (n === 0) throw new StepConflictError(executionId, at);
        await tx.run('UPDATE executions SET updated_at = ? WHERE id = ?', [now, executionId]);
        return at;
      });
    },

    async updateStep(executionId, index, { status, result, error, now }) {
      const n = await db.run('UPDATE journal_steps SET status = ?, result = ?, error = ?, updated_at = ? WHERE execution_id = ? AND step_index = ?', [
        status,
        result === undefined ? null : JSON.stringify(result),
        error ?? null,
        now,
        executionId,
        index,
      ]);
      if (n === 0) throw new NotFoundError('journal step', `${executionId}#${index}`);
    },

    async finish(executionId, { status, metadata, now }) {
      const n = metadata
        ? await db.run('UPDATE executions SET status = ?, metadata = ?, updated_at = ? WHERE id = ?', [status, JSON.stringify(metadata), now, executionId])
        : await db.run('UPDATE executions SET status = ?, updated_at = ? WHERE id = ?', [status, now, executionId]);
      if (n === 0) throw new NotFoundError('execution', executionId);
    },

    async get(executionId) {
      const row = await db.get<ExecutionRow>('SELECT * FROM executions WHERE id = ?', [executionId]);
      if (!row) return undefined;
      const steps = await db.all<StepRow>('SELECT * FROM journal_steps WHERE execution_id = ? ORDER BY step_index', [executionId]);
      return { execution: executionFromRow(row), steps: steps.map(stepFromRow) };
    },

    async list(query: ExecutionQuery = {}): Promise<Page<Execution>> {
      const limit = pageLimit(query);
      const where = new Where().eq('kind', query.kind).eq('subject', query.subject).eq('status', query.status);
      if (query.cursor) {
        const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
        where.add('(created_at < ? OR (created_at = ? AND id < ?))', at, at, id);
      }
      const offset = query.cursor ? 0 : (query.offset ?? 0);
      const rows = await db.all<ExecutionRow>(`SELECT * FROM executions ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, [...where.params, limit + 1, offset]);
      const items = rows.slice(0, limit).map(executionFromRow);
      const last = items.at(-1);
      return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.createdAt, last.id]) } : { items };
    },
  };
}
