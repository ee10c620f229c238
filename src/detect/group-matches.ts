/**
 * Readable alerts (issue #22): the matches of ONE event (every rule that matched it, attack-path
 * rules included) become one alert record listing the rules, highest severity first. Called right
 * after an event is matched, never across a run, so memory stays flat in events and alerts (#17).
 */
import { hash } from 'node:crypto';
import { alertRules, severityRank, type Alert, type AlertFinding, type AlertRule, type RuleMatch } from '../model/alert.js';
import { CordonError } from '../model/errors.js';
import type { Severity } from '../model/finding.js';

/** Which matches count: rules below `minSeverity` are dropped before grouping (default LOW). */
export interface GroupOptions {
  minSeverity?: Severity;
}

/** The default floor of `--min-severity`: INFO matches are opt-in. */
export const DEFAULT_MIN_SEVERITY: Severity = 'LOW';

/** The alert id of an event (hex, stable): one alert per event, however often it is read. */
export function eventAlertId(eventId: string): string {
  return hash('sha256', `alert\u0000event\u0000${eventId}`, 'hex').slice(0, 32);
}

/**
 * Folds the matches of one event into its alert, or undefined when no match reaches
 * `minSeverity`. Rules are ordered by severity, ties keep match order (rule order); a rule listed
 * twice counts once. Event fields come from the match of the top rule.
 */
export function groupMatches(matches: readonly RuleMatch[], options: GroupOptions = {}): Alert | undefined {
  const floor = severityRank(options.minSeverity ?? DEFAULT_MIN_SEVERITY);
  const kept: { rule: AlertRule; match: RuleMatch; order: number }[] = [];
  const ids = new Set<string>();
  const findings: AlertFinding[] = [];
  for (const match of matches) {
    // INVARIANT: one event per call; grouping across events would hold a run's alerts in memory.
    if (match.eventId !== matches[0]!.eventId) throw new CordonError('internal', `matches of two events grouped together (\`${matches[0]!.eventId}\`, \`${match.eventId}\`)`);
    let any = false;
    for (const rule of alertRules(match)) {
      if (severityRank(rule.severity) > floor || ids.has(rule.id)) continue;
      ids.add(rule.id);
      kept.push({ rule, match, order: kept.length });
      any = true;
    }
    if (any && match.findings) for (const f of match.findings) findings.push({ ...f, ruleId: f.ruleId ?? match.ruleId });
  }
  if (kept.length === 0) return undefined;
  kept.sort((a, b) => severityRank(a.rule.severity) - severityRank(b.rule.severity) || a.order - b.order);
  const top = kept[0]!;
  const rules = kept.map((k) => k.rule);
  const m = top.match;
  const others = rules.length - 1;
  const cause = kept.find((k) => k.match.cause)?.match.cause;
  return {
    id: eventAlertId(m.eventId),
    ruleId: top.rule.id,
    severity: top.rule.severity,
    rules,
    eventId: m.eventId,
    eventTime: m.eventTime,
    eventName: m.eventName,
    eventSource: m.eventSource,
    accountId: m.accountId,
    region: m.region,
    actor: m.actor,
    summary: others === 0 ? top.rule.summary : `${top.rule.summary} (+${others} more rule${others === 1 ? '' : 's'}: ${rules.slice(1).map((r) => r.id).join(', ')})`,
    ...(findings.length ? { findings } : {}),
    ...(cause ? { cause } : {}),
    event: m.event,
  };
}

/** `groupMatches` as a list of zero or one alert (for `flatMap` over a file's events). */
export function alertsOfEvent(matches: readonly RuleMatch[], options: GroupOptions = {}): Alert[] {
  if (matches.length === 0) return [];
  const alert = groupMatches(matches, options);
  return alert ? [alert] : [];
}
