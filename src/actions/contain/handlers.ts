/**
 * Containment's steps as step-machine kinds (../steps/): the context they run in, and the table
 * that joins the IAM kinds (./kinds-iam.ts) with the S3 and Identity Center ones (./kinds-idc.ts).
 * Undo always restores the value recorded in the initial configuration, so undoing a step that
 * never ran (or ran twice) is harmless — that is what lets release work from any partial report.
 */
import type { CliTarget } from '../aws-cli.js';
import { kindLookup, type StepTable, type UndoOutcome } from '../steps/step.js';
import type { PrincipalConfiguration } from './config.js';
import type { ContainmentGateway } from './gateway.js';
import { IAM_KINDS } from './kinds-iam.js';
import { IDC_KINDS } from './kinds-idc.js';
import type { StepSpec } from './steps.js';

export type { UndoOutcome } from '../steps/step.js';

/** What a step needs while running. */
export interface StepContext {
  gateway: ContainmentGateway;
  /** Injected clock (ISO time). */
  now: () => string;
  initial: PrincipalConfiguration;
}

/** Release options that change how steps are undone. */
export interface UndoContext extends StepContext {
  reactivateKeys: boolean;
  /** Set when the responder asked to recreate the console password (it is never recorded). */
  newPassword?: () => string;
  /** Receives a recreated password so the CLI can show it once. */
  onPassword?: (userName: string, password: string) => void;
}

/** The context of containment steps: applying uses the `StepContext` part, undoing all of it. */
export type ContainContext = StepContext & Partial<Omit<UndoContext, keyof StepContext>>;

/** A table of containment step kinds (keyed by `action`), rendered with the `aws` CLI. */
export type ContainKinds<A extends StepSpec['action'] = StepSpec['action']> = Pick<StepTable<StepSpec, 'action', ContainContext, CliTarget>, A>;

/** Every containment step kind. */
export const CONTAIN_KINDS: ContainKinds = { ...IAM_KINDS, ...IDC_KINDS };

/** The kind of a containment step. */
export const containKind = kindLookup<StepSpec, 'action', ContainContext, CliTarget>(CONTAIN_KINDS, 'action');

/** Runs one step through the table (outside the loop: tests, single fixes). */
export async function runStep(spec: StepSpec, ctx: StepContext): Promise<Record<string, unknown> | undefined> {
  return (await containKind(spec).apply(spec, ctx, undefined)) ?? undefined;
}

/** Undoes one step through the table. */
export function undoStep(spec: StepSpec, ctx: UndoContext): Promise<UndoOutcome> {
  return containKind(spec).undo(spec, ctx, undefined);
}
