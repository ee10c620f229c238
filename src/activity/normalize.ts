/**
 * Turns parsed JSON into CloudTrail records, whatever the container: a delivery object
 * `{"Records":[...]}`, a JSON array, a single record, an EventBridge envelope whose `detail` is
 * the record, or an SNS notification wrapping one of these. Values are not validated (fuzzed
 * regions and IPs are accepted); only the four fields rules key on are coerced to strings.
 */
import type { CloudTrailEvent } from '../model/cloudtrail.js';

/** EventBridge `detail-type`s that carry a CloudTrail record in `detail`. */
export const CLOUDTRAIL_DETAIL_TYPES: ReadonlySet<string> = new Set([
  'AWS API Call via CloudTrail',
  'AWS Console Sign In via CloudTrail',
  'AWS Service Event via CloudTrail',
  'AWS Console Action via CloudTrail',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when `v` looks like an EventBridge envelope of a CloudTrail record. */
export function isCloudTrailEnvelope(v: unknown): v is { 'detail-type': string; detail: Record<string, unknown> } {
  return isObject(v) && typeof v['detail-type'] === 'string' && CLOUDTRAIL_DETAIL_TYPES.has(v['detail-type']) && isObject(v.detail);
}

/**
 * The raw records held by a parsed document, or `undefined` when it holds none of the known
 * containers (the caller reports that as a bad file).
 */
export function recordsOf(doc: unknown): unknown[] | undefined {
  if (Array.isArray(doc)) return doc.map((r) => (isCloudTrailEnvelope(r) ? r.detail : r));
  if (!isObject(doc)) return undefined;
  if (Array.isArray(doc.Records)) return doc.Records;
  if (isCloudTrailEnvelope(doc)) return [doc.detail];
  if (typeof doc.eventName === 'string' || typeof doc.eventID === 'string') return [doc];
  return undefined;
}

const asString = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/**
 * Coerces one raw record into a `CloudTrailEvent` (in place, for speed) or returns `undefined` when it
 * is not an object. A record without `eventID` gets `fallbackId` (`fallbackId#index` when an index is
 * given: built only then, not for each of a million records) so alert ids stay deterministic.
 */
export function normalizeRecord(raw: unknown, fallbackId: string, index?: number): CloudTrailEvent | undefined {
  if (!isObject(raw)) return undefined;
  if (typeof raw.eventID !== 'string' || raw.eventID === '') raw.eventID = raw.eventID === undefined || raw.eventID === '' ? (index === undefined ? fallbackId : `${fallbackId}#${index}`) : asString(raw.eventID);
  if (typeof raw.eventTime !== 'string') raw.eventTime = asString(raw.eventTime);
  if (typeof raw.eventSource !== 'string') raw.eventSource = asString(raw.eventSource);
  if (typeof raw.eventName !== 'string') raw.eventName = asString(raw.eventName);
  return raw as CloudTrailEvent;
}
