/**
 * CloudTrail record → the IAM action(s) the call needed. Exceptions come from the tables in
 * `rules.ts` (with provenance); everything else maps by the generic rule (`iam.amazonaws.com` +
 * `CreateUser` → `iam:CreateUser`, API-version suffixes such as `20150331v2` stripped) and must be
 * an action of the catalog. Anything else is `unknown`, listed by the caller, never guessed.
 */
import type { Catalog } from '../catalog.js';
import { EVENT_ACTION_EXCEPTIONS, NO_ACTION_EVENTS, SERVICE_PREFIX_EXCEPTIONS } from './rules.js';

export type EventMapping =
  | { status: 'mapped'; actions: readonly string[] }
  | { status: 'no-action'; reason: string }
  | { status: 'unknown'; reason: string };

/** `lambda` API names carry their API version (`GetFunction20150331v2`, `ListFunctions20150331`). */
const API_VERSION_SUFFIX = /\d{8}(v\d+)?$/;

/** The IAM service prefix of an `eventSource` (`monitoring.amazonaws.com` → `cloudwatch`). */
export function servicePrefixOf(eventSource: string): string {
  const host = eventSource.endsWith('.amazonaws.com') ? eventSource.slice(0, -'.amazonaws.com'.length) : eventSource;
  return SERVICE_PREFIX_EXCEPTIONS[host]?.prefix ?? host;
}

/** A memoising mapper: the same (source, name) pair is resolved once per run. */
export function eventActionMapper(catalog: Catalog): (eventSource: string, eventName: string) => EventMapping {
  const memo = new Map<string, EventMapping>();
  return (eventSource, eventName) => {
    const key = `${eventSource}:${eventName}`;
    let m = memo.get(key);
    if (!m) memo.set(key, (m = mapEvent(catalog, eventSource, eventName)));
    return m;
  };
}

export function mapEvent(catalog: Catalog, eventSource: string, eventName: string): EventMapping {
  const key = `${eventSource}:${eventName}`;
  const none = NO_ACTION_EVENTS[key];
  if (none) return { status: 'no-action', reason: none };
  const exception = EVENT_ACTION_EXCEPTIONS[key];
  if (exception) return { status: 'mapped', actions: exception.actions };
  const prefix = servicePrefixOf(eventSource);
  for (const name of [eventName, eventName.replace(API_VERSION_SUFFIX, '')]) {
    const canonical = catalog.canonicalAction(`${prefix}:${name}`);
    if (canonical) return { status: 'mapped', actions: [canonical] };
  }
  return { status: 'unknown', reason: catalog.isKnownService(prefix) ? `no action ${prefix}:${eventName} in the catalog` : `unknown service prefix ${prefix}` };
}
