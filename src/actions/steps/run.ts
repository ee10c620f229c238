/**
 * The one loop that applies or undoes journaled steps, for every action. Resume: an entry already
 * `done` or `skipped` is not run again; a `pending` or `failed` one is (steps are idempotent). The
 * order of writes is the crash contract: a step that declares `before` has it read and journaled
 * BEFORE the change, and every entry is journaled again after it ran, so a process killed at any
 * point leaves a journal that undo can work from.
 */
import type { JournalEntry } from '../../model/journal.js';
import type { KindOf } from './step.js';

/** Where the loop writes its journal (a report file, the store's journal, both). */
export interface StepJournal<S> {
  /**
   * Persists the journal after `entry` changed: `planned` once its `before` was read (nothing
   * changed yet), `ran` once it was applied or undone (or failed).
   */
  save(entry: JournalEntry<S>, index: number, phase: 'planned' | 'ran'): Promise<void>;
}

/** How the loop runs. */
export interface RunOptions<S, C, T> {
  mode: 'apply' | 'undo';
  kindOf: KindOf<S, C, T>;
  ctx: C;
  journal: StepJournal<S>;
  /** Injected clock (ISO time). */
  clock: () => string;
  /**
   * `continue`: a failed step is journaled and the next one runs (containing most of an identity
   * beats containing none of it); `stop`: it is journaled, then its error is thrown.
   */
  onFailure: 'continue' | 'stop';
  /** Told about every entry that ran. */
  progress?: (entry: JournalEntry<S>, index: number) => void;
}

/** What one pass achieved. */
export interface RunOutcome {
  /** Entries run in this pass (successfully or not). */
  ran: number;
  /** Entries an earlier pass had completed. */
  resumed: number;
  failed: number;
}

/** Applies or undoes `entries` in order, journaling each (see the file comment for the contract). */
export async function runSteps<S, C, T>(entries: JournalEntry<S>[], opts: RunOptions<S, C, T>): Promise<RunOutcome> {
  const outcome: RunOutcome = { ran: 0, resumed: 0, failed: 0 };
  for (const [index, entry] of entries.entries()) {
    if (entry.status === 'done' || entry.status === 'skipped') {
      outcome.resumed++;
      continue;
    }
    const kind = opts.kindOf(entry.spec);
    if (opts.mode === 'apply' && kind.before && !('before' in entry)) {
      // An error here escapes before any bookkeeping: nothing has changed yet.
      entry.before = await kind.before(entry.spec, opts.ctx);
      await opts.journal.save(entry, index, 'planned');
    }
    entry.startedAt = opts.clock();
    delete entry.error;
    let failure: unknown;
    try {
      if (opts.mode === 'apply') {
        const result = await kind.apply(entry.spec, opts.ctx, entry.before);
        entry.status = 'done';
        if (result) entry.result = result;
      } else {
        const undone = await kind.undo(entry.spec, opts.ctx, entry.before);
        entry.status = undone.status;
        if (undone.notes) entry.notes = undone.notes;
      }
    } catch (err) {
      failure = err;
      entry.status = 'failed';
      entry.error = { code: (err as { code?: string }).code ?? 'error', message: err instanceof Error ? err.message : String(err) };
      outcome.failed++;
    }
    entry.finishedAt = opts.clock();
    outcome.ran++;
    opts.progress?.(entry, index);
    await opts.journal.save(entry, index, 'ran');
    if (failure !== undefined && opts.onFailure === 'stop') throw failure;
  }
  return outcome;
}
