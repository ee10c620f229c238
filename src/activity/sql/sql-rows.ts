/**
 * Rows of the pushed-down activity query (`cloudtrail-sql.ts`) → the aggregator's input: each row
 * becomes one synthetic CloudTrail event carrying only what the aggregation reads, added with its
 * count and first/last seen. The IAM action mapping and resource extraction are the streaming
 * reader's own (`ActivityAggregator`), so Athena, Lake and local files agree row for row.
 */
import type { ActivityAggregator } from '../aggregate.js';
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import { RESOURCE_PARAMETERS } from './cloudtrail-sql.js';

/** One result row, column name → text (SQL NULL as null). */
export type SqlRow = Record<string, string | null | undefined>;

/** `2023-07-10 11:45:00.000` / `2023-07-10T11:45:00.000Z` → CloudTrail's `2023-07-10T11:45:00Z`. */
export function cloudTrailTime(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) return text;
  const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  if (Number.isNaN(t)) return text;
  const iso = new Date(t).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/** `[{"arn":…,"accountid":…}]` (Athena) or `[{"ARN":…}]` / `[[type, arn]]` shapes → CloudTrail resources. */
function parseResources(json: string | null | undefined): CloudTrailEvent['resources'] {
  if (!json) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  return value.map((r: unknown) => {
    if (Array.isArray(r)) return { ARN: r.find((v) => typeof v === 'string' && v.startsWith('arn:')) as string | undefined };
    const o = (r ?? {}) as Record<string, unknown>;
    const field = (name: string) => Object.entries(o).find(([k]) => k.toLowerCase() === name)?.[1];
    const arn = field('arn');
    return { ARN: typeof arn === 'string' ? arn : undefined };
  });
}

/** The synthetic event of one group row. */
export function rowEvent(row: SqlRow): CloudTrailEvent {
  const requestParameters: Record<string, unknown> = {};
  for (const p of RESOURCE_PARAMETERS) {
    const v = row[`p_${p.toLowerCase()}`];
    if (v !== null && v !== undefined) requestParameters[p] = v;
  }
  const principal = row.principal ?? '';
  const denied = row.denied === 'true' || row.denied === '1' || row.denied === 't';
  const event: CloudTrailEvent = {
    eventID: '',
    eventTime: cloudTrailTime(row.first_seen ?? `${row.day ?? ''}T00:00:00Z`),
    eventSource: row.event_source ?? '',
    eventName: row.event_name ?? '',
    userIdentity: { type: principal.includes(':user/') ? 'IAMUser' : principal.endsWith(':root') ? 'Root' : 'AssumedRole', arn: principal, sessionContext: { sessionIssuer: { arn: principal } } },
    requestParameters,
  };
  if (row.aws_region) event.awsRegion = row.aws_region;
  if (row.recipient_account) event.recipientAccountId = row.recipient_account;
  const resources = parseResources(row.resources_json);
  if (resources?.length) event.resources = resources;
  if (denied) event.errorCode = 'AccessDenied';
  return event;
}

/** Adds every row to `aggregator`; returns the number of events the rows stand for. */
export function addSqlRows(aggregator: ActivityAggregator, rows: Iterable<SqlRow>): number {
  let events = 0;
  for (const row of rows) {
    if (!row.principal) continue;
    const count = Number(row.calls ?? '0');
    const first = cloudTrailTime(row.first_seen ?? '');
    const last = cloudTrailTime(row.last_seen ?? row.first_seen ?? '');
    aggregator.addGroup(rowEvent(row), count, first, last);
    events += count;
  }
  return events;
}
