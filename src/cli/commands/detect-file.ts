/**
 * The alerts of one CloudTrail file: its events in the `--start/--end` window run through the rule
 * set, each event's matches folded into its one alert, framed for the output format. The same
 * function runs in the main thread and in detect's worker threads, so both produce the same bytes.
 */
import type { ParsedFile, ReadIssue } from '../../activity/readers/parse-bytes.js';
import { inWindow, type TimeWindow } from '../../activity/time-window.js';
import { groupMatches } from '../../detect/group-matches.js';
import type { RuleSet } from '../../detect/rule-set.js';
import type { Alert } from '../../model/alert.js';
import type { Severity } from '../../model/finding.js';
import { frameAlert, type DetectFormat } from './detect-output.js';

/**
 * What one file gave: why it was skipped (if so), its events in the window, and its alerts in
 * event order as one framed chunk with their ids and offsets (a worker sends one string, not an
 * object per alert; the main thread drops any alert id it has already written).
 */
export interface FileAlerts {
  issue?: ReadIssue;
  events: number;
  ids: string[];
  ruleCounts: number[];
  /** The alerts framed for the output (`frameAlert`), one after the other. */
  chunk: string;
  /** Where each alert starts in `chunk`, then the chunk's length. */
  offsets: number[];
  /** The alerts themselves, kept only when they are also stored and delivered. */
  alerts?: Alert[];
}

/** A file skipped before parsing (unreadable, or left out by the walk): no events, no alerts. */
export function skippedFile(issue: ReadIssue): FileAlerts {
  return { issue, events: 0, ids: [], ruleCounts: [], chunk: '', offsets: [0] };
}

/** How a file's alerts are chosen and rendered (structured-cloneable: workers receive it). */
export interface FileAlertOptions {
  window: TimeWindow;
  minSeverity: Severity;
  format: DetectFormat;
  keepAlerts: boolean;
}

/** Runs the rules over a parsed file. */
export function alertsOfFile(parsed: ParsedFile, rules: RuleSet, o: FileAlertOptions): FileAlerts {
  const { window, minSeverity } = o;
  const filter = Boolean(window.start || window.end);
  const ids: string[] = [];
  const ruleCounts: number[] = [];
  const parts: string[] = [];
  const offsets = [0];
  const kept: Alert[] | undefined = o.keepAlerts ? [] : undefined;
  let events = 0;
  let length = 0;
  for (const e of parsed.events) {
    if (filter && !inWindow(e.eventTime, window)) continue;
    events++;
    const matches = rules.evaluate(e);
    if (matches.length === 0) continue;
    const alert = groupMatches(matches, { minSeverity });
    if (!alert) continue;
    const text = frameAlert(o.format, alert);
    ids.push(alert.id);
    ruleCounts.push(alert.rules.length);
    parts.push(text);
    offsets.push((length += text.length));
    kept?.push(alert);
  }
  return { ...(parsed.issue ? { issue: parsed.issue } : {}), events, ids, ruleCounts, chunk: parts.join(''), offsets, ...(kept ? { alerts: kept } : {}) };
}
