/**
 * The alert schema of DESIGN.md §2: one CloudTrail event and every detection rule it matched
 * (issue #22 "readable alerts": one record per event, not one per rule).
 */
import { SEVERITIES, type Severity } from './finding.js';
import type { CloudTrailEvent } from './cloudtrail.js';

/** One rule that matched the alert's event. */
export interface AlertRule {
  id: string;
  severity: Severity;
  summary: string;
}

/** A finding an alert created (attack-path rules: new-escalation-path, new-external-access). */
export interface AlertFinding {
  id: string;
  type: string;
  title: string;
  principal?: unknown;
  resource: string;
  path?: unknown;
  /** The attack-path rule that reported it. */
  ruleId?: string;
}

export interface Alert {
  /** Deterministic: derived from eventId alone, so re-ingesting an event never duplicates it. */
  id: string;
  /** The top rule of `rules` (kept for consumers of the one-rule schema). */
  ruleId: string;
  /** The highest severity of `rules`. */
  severity: Severity;
  /**
   * Every rule the event matched, highest severity first (then rule order). Records stored before
   * grouping lack it: read them through `alertRules`.
   */
  rules: AlertRule[];
  eventId: string;
  eventTime: string;
  eventName: string;
  eventSource: string;
  accountId: string;
  region: string;
  /** userIdentity ARN of the caller. */
  actor: string;
  /** The top rule's summary, with how many other rules matched. */
  summary: string;
  /** Findings the event created (attack-path alerts only). */
  findings?: AlertFinding[];
  /** Attack-path alerts: the causing event as the timeline names it, and what it touched. */
  cause?: object;
  event: CloudTrailEvent;
}

/**
 * What the rule set produces for one rule that matched one event (and what attack-path rules
 * produce): an alert of one rule. `group-matches.ts` folds an event's matches into one `Alert`.
 */
export type RuleMatch = Omit<Alert, 'rules' | 'findings' | 'cause'> & { rules?: AlertRule[]; findings?: readonly AlertFinding[]; cause?: object };

/** Severity rank: 0 is CRITICAL. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** The rules of an alert, also of a record stored before alerts listed their rules. */
export function alertRules(alert: Pick<Alert, 'ruleId' | 'severity' | 'summary'> & { rules?: AlertRule[] }): AlertRule[] {
  return alert.rules?.length ? alert.rules : [{ id: alert.ruleId, severity: alert.severity, summary: alert.summary }];
}

/** An alert in today's shape, whatever shape it was stored in. */
export function upgradeAlert(alert: Alert): Alert {
  return alert.rules?.length ? alert : { ...alert, rules: alertRules(alert) };
}
