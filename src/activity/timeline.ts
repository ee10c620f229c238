/**
 * The timeline of a snapshot under a stream of CloudTrail events: every IAM or resource-policy
 * change is replayed (`replay/`), escalation and exposure are re-run on the resulting snapshot
 * through the same analyzers as `scan` (so each state's findings equal a full scan of it), and each
 * finding that appears or disappears is tied to the event that caused it, with the touched
 * entities' state before and after. Pure: the clock of each evaluation is the event's time.
 */
import { runAnalyzers } from '../analyzers/index.js';
import type { ZoneKind } from '../analyzers/exposure/zone.js';
import type { CloudTrailEvent } from '../model/cloudtrail.js';
import type { FindingDraft } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot/types.js';
import { IncrementalState, type IncrementalStats } from './incremental.js';
import { applyEvent, inEventOrder, type ReplayStatus } from './replay/index.js';

/** The analyzers a change is re-evaluated with (identity and resource-policy state only). */
export const TIMELINE_ANALYZERS = ['escalation', 'exposure'] as const;

/** The causing event, as a person reads it. */
export interface EventRef {
  id: string;
  time: string;
  name: string;
  source: string;
  actor?: string;
  sourceIp?: string;
  accountId?: string;
}

/** One replayed state-changing event (applied or not). */
export interface TimelineChange {
  event: EventRef;
  status: ReplayStatus;
  note: string;
  touched: string[];
  uncertain: string[];
}

/** A finding that appeared or was resolved at an event. */
export interface TimelineEntry {
  change: 'APPEARED' | 'RESOLVED';
  finding: FindingDraft;
  event: EventRef;
  /** State of the entities the event touched, before and after it (`null`: did not exist). */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** The whole replay: the findings before, each change, each appearance/resolution, the findings after. */
export interface Timeline {
  initial: FindingDraft[];
  changes: TimelineChange[];
  entries: TimelineEntry[];
  final: FindingDraft[];
  /** How many times the analyzers ran (one per applied event, plus the initial state). */
  evaluations: number;
  /** How the re-evaluations went (steps carried over, steps evaluated afresh, oracle answers reused). */
  incremental?: IncrementalStats;
}

export interface TimelineOptions {
  zone?: ZoneKind;
  /** Clock of the initial evaluation (default: the snapshot's `collectedAt`). */
  now?: Date;
  /** Replaces the re-evaluation (tests count calls, compare with a full scan); default: incremental (`incremental.ts`). */
  evaluate?: (snapshot: Snapshot, now: Date) => FindingDraft[];
}

/** The event's reference fields, tolerant of missing values. */
export function eventRef(event: CloudTrailEvent): EventRef {
  const actor = event.userIdentity?.arn ?? event.userIdentity?.sessionContext?.sessionIssuer?.arn ?? event.userIdentity?.invokedBy;
  return {
    id: event.eventID, time: event.eventTime, name: event.eventName, source: event.eventSource,
    ...(actor ? { actor } : {}), ...(event.sourceIPAddress ? { sourceIp: event.sourceIPAddress } : {}),
    ...(typeof event.recipientAccountId === 'string' ? { accountId: event.recipientAccountId } : event.userIdentity?.accountId ? { accountId: event.userIdentity.accountId } : {}),
  };
}

/** Escalation and exposure of one snapshot, exactly as `scan --analyzers escalation,exposure` computes them. */
export function evaluateState(snapshot: Snapshot, now: Date, zone: ZoneKind = 'account'): FindingDraft[] {
  return runAnalyzers({ snapshot, now, zone }, [...TIMELINE_ANALYZERS]);
}

/** Replays `events` over `snapshot` and reports when each finding appeared or was resolved. */
export function buildTimeline(snapshot: Snapshot, events: readonly CloudTrailEvent[], options: TimelineOptions = {}): Timeline {
  const full = options.evaluate ?? ((s: Snapshot, now: Date) => evaluateState(s, now, options.zone));
  const start = options.now ?? new Date(snapshot.collectedAt);
  let current = snapshot;
  const state = options.evaluate ? undefined : new IncrementalState(snapshot, start, options.zone);
  let findings = state ? state.findings : full(current, start);
  let evaluations = 1;
  const initial = findings;
  const changes: TimelineChange[] = [];
  const entries: TimelineEntry[] = [];
  for (const event of inEventOrder(events)) {
    const step = applyEvent(current, event);
    if (step.status === 'not-state-changing') continue;
    const ref = eventRef(event);
    changes.push({ event: ref, status: step.status, note: step.note, touched: step.touched, uncertain: step.uncertain });
    if (step.status !== 'applied') continue;
    const time = new Date(event.eventTime);
    const at = Number.isNaN(time.getTime()) ? start : time;
    const next = state ? state.advance(step.snapshot, at) : full(step.snapshot, at);
    evaluations++;
    const before = entityStates(current, step.touched);
    const after = entityStates(step.snapshot, step.touched);
    const oldIds = new Set(findings.map((f) => f.id));
    const newIds = new Set(next.map((f) => f.id));
    for (const f of next) if (!oldIds.has(f.id)) entries.push({ change: 'APPEARED', finding: f, event: ref, before, after });
    for (const f of findings) if (!newIds.has(f.id)) entries.push({ change: 'RESOLVED', finding: f, event: ref, before, after });
    current = step.snapshot;
    findings = next;
  }
  return { initial, changes, entries, final: findings, evaluations, ...(state ? { incremental: { ...state.stats, oracle: state.oracleStats() } } : {}) };
}

/** The state of each touched entity that matters to access (policies, trust, membership, credentials). */
export function entityStates(snapshot: Snapshot, arns: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arn of arns) out[arn] = entityState(snapshot, arn);
  return out;
}

function entityState(snapshot: Snapshot, arn: string): unknown {
  for (const a of snapshot.accounts) {
    const principal = [...a.users, ...a.roles, ...a.groups].find((p) => p.arn === arn);
    if (principal) {
      return {
        inlinePolicies: Object.fromEntries(principal.inlinePolicies.map((p) => [p.name, p.document])),
        attachedPolicyArns: principal.attachedPolicyArns,
        ...('permissionsBoundaryArn' in principal && principal.permissionsBoundaryArn ? { permissionsBoundaryArn: principal.permissionsBoundaryArn } : {}),
        ...(principal.kind === 'role' ? { trustPolicy: principal.trustPolicy } : {}),
        ...(principal.kind === 'user' ? { groupNames: principal.groupNames, accessKeys: principal.accessKeys.map((k) => `${k.accessKeyId}:${k.status}`), loginProfile: principal.loginProfile !== undefined } : {}),
      };
    }
    const policy = a.policies.find((p) => p.arn === arn);
    if (policy) return { defaultVersionId: policy.defaultVersionId ?? null, documentStatus: policy.documentStatus, document: policy.versions.find((v) => v.isDefault)?.document ?? null };
    const resource = a.resources.find((r) => r.arn === arn);
    if (resource) return { policy: resource.policy ?? null, ...(resource.blockPublicAccess ? { blockPublicAccess: resource.blockPublicAccess } : {}) };
  }
  return null;
}
