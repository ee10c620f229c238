/**
 * The plain-text lines every human-facing sink (Slack, SNS subject, e-mail) shows for an alert:
 * the rules its event matched, highest severity first, and the findings it created.
 */
import { alertRules, type Alert } from '../model/alert.js';

/** One line per matched rule: `SEVERITY rule-id: summary`. */
export function ruleLines(alert: Alert): string[] {
  return alertRules(alert).map((r) => `${r.severity.padEnd(8)} ${r.id}: ${r.summary}`);
}

/** One line per finding an attack-path alert created: `finding <id> <title>`. */
export function findingLines(alert: Alert): string[] {
  return (alert.findings ?? []).map((f) => `finding ${f.id} ${f.title}`);
}

/** The rule ids of an alert, comma-separated (SNS subject and attributes). */
export function ruleIds(alert: Alert): string {
  return alertRules(alert).map((r) => r.id).join(',');
}
