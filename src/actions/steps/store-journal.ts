/**
 * The step loop's journal kept in the store's action journal (`store.journal`), as remediation
 * does: one execution, one row per step at its plan index, payload `{ step, before }`. The same
 * status mapping serves the containment report's mirror (../contain/store-mirror.ts), so a step
 * reads alike in the store whichever action ran it.
 */
import type { JournalEntry, JournalStatus } from '../../model/journal.js';
import type { JournalRepository, JournalStep, StepStatus as StoreStepStatus } from '../../store/types.js';
import type { StepJournal } from './run.js';

/** A journal status as the store's step status. */
export const STORE_STATUS: Record<JournalStatus, StoreStepStatus> = { pending: 'planned', done: 'applied', failed: 'failed', skipped: 'applied', unrestorable: 'failed' };

/** What a store row of a step holds (remediation's layout since issue 10). */
export interface StoredStep<S> {
  step: S;
  before: unknown;
}

/** Entries to apply: the plan's steps, with what an earlier (interrupted) run journaled. */
export function entriesToApply<S>(steps: readonly S[], rows: readonly JournalStep[], describe: (spec: S) => string): JournalEntry<S>[] {
  return steps.map((spec, index) => {
    const prior = rows.find((r) => r.index === index);
    const entry: JournalEntry<S> = { id: String(index), spec, description: describe(spec), status: prior?.status === 'applied' ? 'done' : prior?.status === 'failed' ? 'failed' : 'pending' };
    // The state before is kept from the first run: re-reading it after a partial change would lose it.
    if (prior) entry.before = (prior.payload as StoredStep<S>).before;
    return entry;
  });
}

/** Entries to undo, newest first: every journaled step not yet rolled back (a `planned` one may have landed before a crash). */
export function entriesToUndo<S>(rows: readonly JournalStep[], describe: (spec: S) => string): JournalEntry<S>[] {
  return [...rows]
    .sort((a, b) => b.index - a.index)
    .map((row) => {
      const { step, before } = row.payload as StoredStep<S>;
      return { id: String(row.index), spec: step, description: describe(step), status: row.status === 'rolled-back' ? ('done' as const) : ('pending' as const), before };
    });
}

/**
 * A `StepJournal` over one store execution. Apply: `planned` appends the row with the state
 * before, `ran` marks it applied, or failed (and the execution failed: remediation stops at the
 * first failure). Undo: a step undone is `rolled-back`; a failed undo leaves the row as it was,
 * so the next rollback tries it again.
 */
export function storeJournal<S>(journal: JournalRepository, executionId: string, mode: 'apply' | 'undo', kindName: (spec: S) => string, now: () => string): StepJournal<S> {
  return {
    async save(entry, _position, phase) {
      const index = Number(entry.id);
      if (phase === 'planned') {
        const payload: StoredStep<S> = { step: entry.spec, before: entry.before };
        await journal.appendStep(executionId, { index, kind: kindName(entry.spec), status: 'planned', payload, now: now() });
      } else if (mode === 'undo') {
        if (entry.status !== 'failed') await journal.updateStep(executionId, index, { status: 'rolled-back', now: now() });
      } else if (entry.status === 'failed') {
        await journal.updateStep(executionId, index, { status: 'failed', error: entry.error?.message, now: now() });
        await journal.finish(executionId, { status: 'failed', now: now() });
      } else {
        await journal.updateStep(executionId, index, { status: STORE_STATUS[entry.status], now: now() });
      }
    },
  };
}
