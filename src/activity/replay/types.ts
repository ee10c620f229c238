/**
 * What replaying one CloudTrail event did to a snapshot: the new snapshot (the input is never
 * mutated), the entities it touched and whether the result is certain. Pure data, no I/O.
 */
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import type { AccountSnapshot, Snapshot } from '../../model/snapshot/types.js';

/** Outcome of one event: `applied` changed state, the others say why nothing changed. */
export type ReplayStatus = 'applied' | 'failed-event' | 'not-state-changing' | 'unknown-account' | 'unknown-entity';

/** One replayed event. */
export interface ReplayStep {
  status: ReplayStatus;
  /** Snapshot after the event (the same object as the input when nothing changed). */
  snapshot: Snapshot;
  /** ARNs of the principals, policies and resources the event changed. */
  touched: string[];
  /** ARNs whose state after the event is not fully known (e.g. a policy document that is not in the snapshot). */
  uncertain: string[];
  /** One line saying what changed, or why nothing did. */
  note: string;
}

/** The context a handler works in: the event, a writable copy of the target account, and a place to record effects. */
export interface HandlerContext {
  event: CloudTrailEvent;
  params: Record<string, unknown>;
  /**
   * A copy of the account the event applies to: its entity lists are fresh arrays (add, remove,
   * replace freely) but the entities in them are shared with the input until `own` copies one.
   */
  account: AccountSnapshot;
  /** Replaces `item` in `list` by a deep copy the handler may edit (once per entity and step), and returns it. */
  own<T extends object>(list: T[], item: T): T;
  partition: string;
  touch(arn: string): void;
  uncertain(arn: string, why: string): void;
}

/** Result a handler returns: a note when it changed something, or a reason it could not. */
export type HandlerResult = { changed: true; note: string } | { changed: false; status: Exclude<ReplayStatus, 'applied'>; note: string };

/** One replayable event as data: the CloudTrail source and name, and what it does to an account. */
export interface ReplayHandler {
  eventSource: string;
  eventName: string;
  /** What the event does, in words (docs and `--help`). */
  title: string;
  apply(ctx: HandlerContext): HandlerResult;
}
