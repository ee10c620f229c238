/**
 * Replaying IAM- and policy-changing CloudTrail events on a `Snapshot`, in event order, from their
 * `requestParameters`. Pure: the input snapshot is never mutated (each applied event yields a new
 * snapshot sharing the untouched accounts); failed events (`errorCode`) change nothing; a change
 * whose content is not in the event or the snapshot marks the entities it touches uncertain.
 */
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import type { Snapshot } from '../../model/snapshot/types.js';
import { PRINCIPAL_POLICY_HANDLERS } from './iam-principal-handlers.js';
import { LIFECYCLE_HANDLERS } from './iam-lifecycle-handlers.js';
import { MANAGED_POLICY_HANDLERS } from './iam-policy-handlers.js';
import { RESOURCE_HANDLERS } from './resource-handlers.js';
import { ORG_HANDLERS, type OrgContext } from './org-handlers.js';
import type { HandlerContext, ReplayHandler, ReplayStep } from './types.js';

export type { ReplayHandler, ReplayStatus, ReplayStep } from './types.js';

/** Every replayable event, as data (`eventSource` + `eventName` → handler). */
export const REPLAY_HANDLERS: readonly ReplayHandler[] = [...PRINCIPAL_POLICY_HANDLERS, ...LIFECYCLE_HANDLERS, ...MANAGED_POLICY_HANDLERS, ...RESOURCE_HANDLERS];

const BY_KEY = new Map(REPLAY_HANDLERS.map((h) => [`${h.eventSource} ${h.eventName}`, h]));
const ORG_BY_KEY = new Map(ORG_HANDLERS.map((h) => [`${h.eventSource} ${h.eventName}`, h]));

export { ORG_HANDLERS } from './org-handlers.js';

/** The handler for an event, when Cordon replays its kind. */
export function replayHandler(event: Pick<CloudTrailEvent, 'eventSource' | 'eventName'>): ReplayHandler | undefined {
  return BY_KEY.get(`${event.eventSource} ${event.eventName}`);
}

/** True when the event is of a kind that can change IAM or resource-policy state. */
export function isStateChanging(event: Pick<CloudTrailEvent, 'eventSource' | 'eventName'>): boolean {
  const key = `${event.eventSource} ${event.eventName}`;
  return BY_KEY.has(key) || ORG_BY_KEY.has(key);
}

/** Account the event changes: the recipient account (where the API ran), else the caller's. */
function targetAccountId(snapshot: Snapshot, event: CloudTrailEvent): string | undefined {
  const id = typeof event.recipientAccountId === 'string' ? event.recipientAccountId : event.userIdentity?.accountId;
  if (id) return id;
  return snapshot.accounts.length === 1 ? snapshot.accounts[0]!.accountId : undefined;
}

/** Applies one event to `snapshot`; returns the new snapshot and what changed. */
export function applyEvent(snapshot: Snapshot, event: CloudTrailEvent): ReplayStep {
  const unchanged = (status: ReplayStep['status'], note: string): ReplayStep => ({ status, snapshot, touched: [], uncertain: [], note });
  if (ORG_BY_KEY.has(`${event.eventSource} ${event.eventName}`)) return applyOrgEvent(snapshot, event, unchanged);
  const handler = replayHandler(event);
  if (!handler) return unchanged('not-state-changing', `${event.eventName} does not change IAM or resource-policy state`);
  if (typeof event.errorCode === 'string' && event.errorCode !== '') return unchanged('failed-event', `${event.eventName} failed (${event.errorCode}): nothing changed`);
  const accountId = targetAccountId(snapshot, event);
  const index = snapshot.accounts.findIndex((a) => a.accountId === accountId);
  if (index < 0) return unchanged('unknown-account', `account ${accountId ?? '(none)'} is not in the snapshot`);
  const original = snapshot.accounts[index]!;
  // INVARIANT: handlers edit only fresh lists and entities copied by `own`; the input snapshot stays as it was.
  // Copy-on-write: copying the whole account per event made replay O(account size) per event.
  const account = { ...original, users: [...original.users], groups: [...original.groups], roles: [...original.roles], policies: [...original.policies], resources: [...original.resources] };
  const owned = new Set<object>();
  const touched = new Set<string>();
  const uncertain = new Map<string, string>();
  const ctx: HandlerContext = {
    event, account, partition: original.partition || 'aws',
    params: event.requestParameters && typeof event.requestParameters === 'object' ? event.requestParameters : {},
    touch: (arn) => void touched.add(arn),
    uncertain: (arn, why) => void uncertain.set(arn, why),
    own: (list, item) => {
      if (owned.has(item)) return item;
      const copy = structuredClone(item);
      owned.add(copy);
      list[list.indexOf(item)] = copy;
      return copy;
    },
  };
  const result = handler.apply(ctx);
  if (!result.changed) return unchanged(result.status, result.note);
  const accounts = snapshot.accounts.map((a, i) => (i === index ? account : a));
  const warnings = uncertain.size
    ? [...snapshot.warnings, ...[...uncertain].map(([arn, why]) => ({ code: 'replay-uncertain', message: `${arn}: ${why} (event ${event.eventID} ${event.eventName})`, origin: { api: `cloudtrail:${event.eventID}`, accountId: account.accountId } }))]
    : snapshot.warnings;
  return { status: 'applied', snapshot: { ...snapshot, accounts, warnings }, touched: [...touched].sort(), uncertain: [...uncertain.keys()].sort(), note: result.note };
}

/** Events sorted by time (stable for equal times), as CloudTrail does not deliver them in order. */
export function inEventOrder(events: readonly CloudTrailEvent[]): CloudTrailEvent[] {
  return events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.eventTime < b.e.eventTime ? -1 : a.e.eventTime > b.e.eventTime ? 1 : a.i - b.i)).map((x) => x.e);
}

/** Replays events in order; yields one step per event with the snapshot after it. */
export function* replayEvents(snapshot: Snapshot, events: readonly CloudTrailEvent[]): Generator<ReplayStep & { event: CloudTrailEvent }> {
  let current = snapshot;
  for (const event of inEventOrder(events)) {
    const step = applyEvent(current, event);
    current = step.snapshot;
    yield { ...step, event };
  }
}

/** SCP/RCP events: applied to a copy of the organization; a snapshot without one cannot take them. */
function applyOrgEvent(snapshot: Snapshot, event: CloudTrailEvent, unchanged: (status: ReplayStep['status'], note: string) => ReplayStep): ReplayStep {
  const handler = ORG_BY_KEY.get(`${event.eventSource} ${event.eventName}`)!;
  if (typeof event.errorCode === 'string' && event.errorCode !== '') return unchanged('failed-event', `${event.eventName} failed (${event.errorCode}): nothing changed`);
  if (!snapshot.organization) return unchanged('unknown-entity', 'the snapshot has no organization (org.json) to apply the SCP/RCP change to');
  const organization = structuredClone(snapshot.organization);
  const touched = new Set<string>();
  const uncertain = new Map<string, string>();
  const ctx: OrgContext = {
    event, organization, params: event.requestParameters && typeof event.requestParameters === 'object' ? event.requestParameters : {},
    touch: (id) => void touched.add(id), uncertain: (id, why) => void uncertain.set(id, why),
  };
  const result = handler.apply(ctx);
  if (!result.changed) return unchanged(result.status, result.note);
  const warnings = uncertain.size ? [...snapshot.warnings, ...[...uncertain].map(([id, why]) => ({ code: 'replay-uncertain', message: `${id}: ${why} (event ${event.eventID} ${event.eventName})` }))] : snapshot.warnings;
  return { status: 'applied', snapshot: { ...snapshot, organization, warnings }, touched: [...touched].sort(), uncertain: [...uncertain.keys()].sort(), note: result.note };
}
