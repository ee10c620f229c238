/**
 * Where a CloudTrail event came from (file or URI, and its index in that file), attached to the
 * event under a symbol so error messages can point at it while `JSON.stringify(event)` (alerts,
 * the store) still writes the record exactly as CloudTrail delivered it.
 */
import type { CloudTrailEvent } from '../model/cloudtrail.js';

/** File path, `s3://bucket/key` or `sqs://queue/messageId`, and the record's 0-based index there. */
export interface EventOrigin {
  file: string;
  index: number;
}

/** Symbol key of the origin; symbols are skipped by JSON.stringify and Object.keys. */
export const EVENT_ORIGIN: unique symbol = Symbol('cordon.eventOrigin');

type WithOrigin = CloudTrailEvent & { [EVENT_ORIGIN]?: EventOrigin };

/**
 * Attaches `origin` to `event` (in place) and returns it. A plain assignment, not a non-enumerable
 * `defineProperty` (which cost ~0.14 s per million events in detect): symbol keys are skipped by
 * JSON.stringify and Object.keys, and the origin may as well travel with a spread copy.
 */
export function withOrigin(event: CloudTrailEvent, origin: EventOrigin): CloudTrailEvent {
  (event as WithOrigin)[EVENT_ORIGIN] = origin;
  return event;
}

/** The origin of an event read by a reader, if any. */
export function eventOrigin(event: CloudTrailEvent): EventOrigin | undefined {
  return (event as WithOrigin)[EVENT_ORIGIN];
}

/** `file#index`, for messages. */
export function describeOrigin(event: CloudTrailEvent): string {
  const o = eventOrigin(event);
  return o ? `${o.file}#${o.index}` : `event ${event.eventID}`;
}
