/**
 * The watched state of `cordon watch --snapshot`: each incoming event is replayed on the current
 * snapshot and, when it changed something, escalation and exposure are re-run; findings that
 * appeared raise one `new-escalation-path` / `new-external-access` alert per rule and event,
 * carrying the findings, their paths and the causing event. Pure (no I/O, time from the event);
 * the CLI persists `findings()` through the store's scan lifecycle, which resolves what vanished.
 */
import { attackPathRuleFor, type AttackPathRule } from '../detect/attack-path-rules.js';
import { alertId, ruleMatch } from '../detect/rule-set.js';
import type { RuleMatch } from '../model/alert.js';
import type { CloudTrailEvent } from '../model/cloudtrail.js';
import type { FindingDraft } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot/types.js';
import { reevaluate } from './incremental.js';
import { applyEvent, type ReplayStep } from './replay/index.js';
import { eventRef, evaluateState, type EventRef } from './timeline.js';

/** An attack-path alert: the Alert schema plus the findings it reports. */
export interface AttackPathAlert extends RuleMatch {
  findings: { id: string; type: string; title: string; principal?: unknown; resource: string; path?: FindingDraft['path'] }[];
  cause: EventRef & { touched: string[]; uncertain: string[] };
}

/** What one event did to the watched state. */
export interface Observation {
  step: ReplayStep;
  appeared: FindingDraft[];
  resolved: FindingDraft[];
  alerts: AttackPathAlert[];
}

/** Keeps the snapshot current under a stream of events and says what each one changed. */
export class PathTracker {
  private current: Snapshot;
  private currentFindings: FindingDraft[];
  /** True when findings changed since the last `takeDirty()` (the CLI records them then). */
  private dirty = true;

  /** `evaluate` (tests) replaces the default incremental re-evaluation by a full one of its own. */
  constructor(snapshot: Snapshot, private readonly evaluate?: (s: Snapshot, now: Date) => FindingDraft[], now = new Date(snapshot.collectedAt)) {
    this.current = snapshot;
    this.currentFindings = evaluate ? evaluate(snapshot, now) : evaluateState(snapshot, now);
  }

  /** The snapshot after every event observed so far. */
  snapshot(): Snapshot {
    return this.current;
  }

  /** Escalation and exposure findings of the current state. */
  findings(): FindingDraft[] {
    return this.currentFindings;
  }

  /** True once after any change of findings (and initially): time to record them. */
  takeDirty(): boolean {
    const d = this.dirty;
    this.dirty = false;
    return d;
  }

  /** Replays one event; re-evaluates only when it changed state. */
  observe(event: CloudTrailEvent): Observation {
    const step = applyEvent(this.current, event);
    if (step.status !== 'applied') return { step, appeared: [], resolved: [], alerts: [] };
    const time = new Date(event.eventTime);
    const at = Number.isNaN(time.getTime()) ? new Date(this.current.collectedAt) : time;
    const next = this.evaluate ? this.evaluate(step.snapshot, at) : reevaluate(this.currentFindings, step.snapshot, event, at);
    const before = new Set(this.currentFindings.map((f) => f.id));
    const after = new Set(next.map((f) => f.id));
    const appeared = next.filter((f) => !before.has(f.id));
    const resolved = this.currentFindings.filter((f) => !after.has(f.id));
    this.current = step.snapshot;
    this.currentFindings = next;
    if (appeared.length || resolved.length) this.dirty = true;
    return { step, appeared, resolved, alerts: alertsFor(event, step, appeared) };
  }

  /**
   * Adopts `snapshot`, the state re-read live after `event` left entities uncertain (`touched`):
   * findings are re-evaluated in full, and what appeared is alerted as caused by `event`.
   */
  adopt(snapshot: Snapshot, event: CloudTrailEvent, touched: string[]): Observation {
    const time = new Date(event.eventTime);
    const at = Number.isNaN(time.getTime()) ? new Date(this.current.collectedAt) : time;
    const next = this.evaluate ? this.evaluate(snapshot, at) : evaluateState(snapshot, at);
    const before = new Set(this.currentFindings.map((f) => f.id));
    const after = new Set(next.map((f) => f.id));
    const appeared = next.filter((f) => !before.has(f.id));
    const resolved = this.currentFindings.filter((f) => !after.has(f.id));
    this.current = snapshot;
    this.currentFindings = next;
    if (appeared.length || resolved.length) this.dirty = true;
    const step: ReplayStep = { status: 'applied', snapshot, touched, uncertain: [], note: `re-read live: ${touched.join(', ')}` };
    // Its own alert id: the event's replay may already have raised an alert for the same rule.
    return { step, appeared, resolved, alerts: alertsFor(event, step, appeared, `${event.eventID}/live-read`) };
  }
}

/** One alert per rule for the findings that appeared at `event`. */
/** `idKey` keys the alert id (the event id, or a distinct key when one event raises alerts twice). */
function alertsFor(event: CloudTrailEvent, step: ReplayStep, appeared: FindingDraft[], idKey = event.eventID): AttackPathAlert[] {
  const byRule = new Map<AttackPathRule, FindingDraft[]>();
  for (const f of appeared) {
    // A latent escalation (MEDIUM, docs/analyzers.md) is no new path: it stays a finding, raises no CRITICAL alert.
    if (f.details?.latent === true) continue;
    const rule = attackPathRuleFor(f.type);
    if (rule) byRule.set(rule, [...(byRule.get(rule) ?? []), f]);
  }
  const ref = eventRef(event);
  const actor = ref.actor ?? 'unknown';
  return [...byRule].map(([rule, findings]) => ({
    ...ruleMatch(rule, event, actor, ref.accountId ?? '', `${rule.title}: ${event.eventName} by ${actor} — ${findings.map((f) => f.title).join('; ')}`),
    id: alertId(rule.id, idKey),
    findings: findings.map((f) => ({ id: f.id, type: f.type, title: f.title, principal: f.principal, resource: f.resource, ...(f.path ? { path: f.path } : {}) })),
    cause: { ...ref, touched: step.touched, uncertain: step.uncertain },
  }));
}
