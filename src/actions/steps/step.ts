/**
 * A step of an action, declared once: its plan text, the permissions it needs, how it is applied,
 * how it is undone and how it renders as CLI text. Containment, release and remediation (AWS
 * today; Azure and GCP next) declare their steps as tables of `StepKind`s and run them through the
 * one loop in ./run.ts. Cloud-neutral: the gateway lives in the context `C`, the CLI renderer
 * (`aws` in ../aws-cli.ts, `az` and `gcloud` later) is the step's own business. docs/actions.md.
 */
import type { JournalEntry } from '../../model/journal.js';

/** What undoing one step achieved. */
export interface UndoOutcome {
  status: 'done' | 'skipped' | 'unrestorable';
  /** What could not be restored and how to do it by hand. */
  notes?: string[];
}

/** What a step can see of its journal entry when it renders (before it ran: neither is set). */
export type Journaled = Pick<JournalEntry<unknown>, 'before' | 'result'>;

/**
 * One kind of step. `S` is its declaration (kind + arguments, plain JSON: it is journaled), `C`
 * what it needs while running (gateway, clock, options), `T` the CLI renderer's settings.
 * Apply and undo are idempotent: a resumed run repeats the step in flight, a rollback may undo a
 * step that never landed.
 */
export interface StepKind<S, C, T> {
  /** Plan text: one line a responder reads, naming the API call. */
  describe(spec: S): string;
  /** The cloud permissions applying and undoing this step need (IAM actions for AWS). */
  permissions: readonly string[];
  /** Reads the state the step changes. Journaled before the change so undo can restore it. */
  before?(spec: S, ctx: C): Promise<unknown>;
  /** Makes the change; returns facts worth journaling (never secrets). */
  apply(spec: S, ctx: C, before: unknown): Promise<Record<string, unknown> | void>;
  /** Reverts the change from what was journaled. */
  undo(spec: S, ctx: C, before: unknown): Promise<UndoOutcome>;
  /** The declaration with what it will write filled in from `before` (for rendering). */
  resolve?(spec: S, before: unknown): S;
  /** The change as one command of the cloud's own CLI. */
  cli(spec: S, journaled: Journaled, target: T): string;
  /** The undo as one command of the cloud's own CLI. */
  undoCli(spec: S, journaled: Journaled, target: T): string;
}

/** A table of step kinds keyed by the value of the declaration's discriminant field `K`. */
export type StepTable<S, K extends keyof S, C, T> = { [V in S[K] & string]: StepKind<Extract<S, Record<K, V>>, C, T> };

/** A function that finds the kind of a declaration in a table. */
export type KindOf<S, C, T> = (spec: S) => StepKind<S, C, T>;

/** Looks declarations up in `table` by their field `key` (`action` for containment, `kind` for remediation). */
export function kindLookup<S, K extends keyof S, C, T>(table: StepTable<S, K, C, T>, key: K): KindOf<S, C, T> {
  return (spec) => {
    const kind = (table as Record<string, unknown>)[String(spec[key])];
    if (!kind) throw new Error(`no step kind \`${String(spec[key])}\``);
    return kind as StepKind<S, C, T>;
  };
}

/** The permissions a list of declarations needs, sorted and without repeats. */
export function permissionsOf<S, C, T>(specs: readonly S[], kindOf: KindOf<S, C, T>): string[] {
  return [...new Set(specs.flatMap((s) => kindOf(s).permissions))].sort();
}
