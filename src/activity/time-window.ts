/**
 * `--start/--end` windows over CloudTrail: which events fall inside, and which folders of the
 * S3 trail layout `AWSLogs/[o-xxx/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/` can be skipped unread.
 */

/** ISO-8601 bounds: `start` inclusive, `end` exclusive; either may be absent. */
export interface TimeWindow {
  start?: string;
  end?: string;
}

/** True when an event time lies inside the window (unparseable times are kept: never drop silently). */
export function inWindow(eventTime: string, window: TimeWindow): boolean {
  if (!window.start && !window.end) return true;
  const t = Date.parse(eventTime);
  if (Number.isNaN(t)) return true;
  if (window.start && t < Date.parse(window.start)) return false;
  if (window.end && t >= Date.parse(window.end)) return false;
  return true;
}

const DAY_MS = 86_400_000;
const isDigits = (s: string | undefined, n: number): s is string => s !== undefined && s.length === n && /^\d+$/.test(s);

/**
 * The [first, last] day (epoch ms, UTC midnight) a trail-layout path can hold, from its
 * `CloudTrail/REGION/YYYY[/MM[/DD]]` segments; `undefined` when the path says nothing about dates.
 */
export function trailPathDays(segments: readonly string[]): [number, number] | undefined {
  const i = segments.lastIndexOf('CloudTrail');
  if (i < 0) return undefined;
  const [y, m, d] = [segments[i + 2], segments[i + 3], segments[i + 4]];
  if (!isDigits(y, 4)) return undefined;
  const year = Number(y);
  if (!isDigits(m, 2)) return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1) - DAY_MS];
  const month = Number(m) - 1;
  if (!isDigits(d, 2)) return [Date.UTC(year, month, 1), Date.UTC(year, month + 1, 1) - DAY_MS];
  const day = Date.UTC(year, month, Number(d));
  return [day, day];
}

/**
 * True when a folder (path segments) may hold events of the window. CloudTrail files are placed by
 * delivery time, up to about 15 minutes after the event, so a day folder is kept until one day
 * after the window's end (an event at 23:59 can sit in the next day's folder).
 */
export function folderMayOverlap(segments: readonly string[], window: TimeWindow): boolean {
  const days = trailPathDays(segments);
  if (!days) return true;
  const [first, last] = days;
  if (window.end && first > Date.parse(window.end) + DAY_MS) return false;
  if (window.start && last + DAY_MS <= Date.parse(window.start)) return false;
  return true;
}

/** True for the CloudTrail digest tree, which holds signatures, not events. */
export function isDigestPath(segments: readonly string[]): boolean {
  return segments.includes('CloudTrail-Digest');
}
