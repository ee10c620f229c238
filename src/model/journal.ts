/**
 * One entry of an action's journal (containment, release, remediation; AWS today, Azure and GCP
 * next): what step, its state, and what it left behind. The step machine in src/actions/steps/
 * writes these; the containment report and the store's journal rows both hold them.
 */

/** Journal state of one step. `unrestorable` is used by undo only (see `notes`). */
export type JournalStatus = 'pending' | 'done' | 'failed' | 'skipped' | 'unrestorable';

/** A step as journaled. `S` is the step's declaration (its kind and arguments). */
export interface JournalEntry<S> {
  /** Stable id within one execution, e.g. `deactivate-access-key:AKIA...`. */
  id: string;
  spec: S;
  /** One line a responder reads, naming the API call. */
  description: string;
  status: JournalStatus;
  startedAt?: string;
  finishedAt?: string;
  /** The state the step changes, read before it ran (only for steps that declare `before`). */
  before?: unknown;
  /** Facts the step produced (e.g. the session-revocation time it wrote); never secrets. */
  result?: Record<string, unknown>;
  error?: { code: string; message: string };
  /** For undo: what could not be restored and how to do it by hand. */
  notes?: string[];
}
