/**
 * Index hints of an EventBridge pattern over CloudTrail envelopes: the eventNames and
 * eventSources an event must have for the pattern to possibly match (only plain string literals
 * outside `$or` count), so the rule set can skip most rules per event without evaluating them.
 */

/** Necessary conditions; an absent set means "any". */
export interface IndexHints {
  eventNames?: ReadonlySet<string>;
  eventSources?: ReadonlySet<string>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const literals = (v: unknown): Set<string> | undefined => (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? new Set(v as string[]) : undefined);

/** `aws.iam` → `iam.amazonaws.com` (EventBridge derives `source` from the CloudTrail eventSource). */
export function sourceToEventSource(source: string): string {
  return source.startsWith('aws.') ? `${source.slice(4)}.amazonaws.com` : source;
}

/** Hints of a (valid) pattern object. */
export function eventPatternHints(pattern: unknown): IndexHints {
  if (!isObject(pattern)) return {};
  const hints: { eventNames?: Set<string>; eventSources?: Set<string> } = {};
  const detail = pattern.detail;
  if (isObject(detail)) {
    const names = literals(detail.eventName);
    if (names) hints.eventNames = names;
    const sources = literals(detail.eventSource);
    if (sources) hints.eventSources = sources;
  }
  const topSources = literals(pattern.source);
  if (topSources && !hints.eventSources) hints.eventSources = new Set([...topSources].map(sourceToEventSource));
  return hints;
}
