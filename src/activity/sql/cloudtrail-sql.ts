/**
 * The SQL that pushes activity aggregation down to where an organization's CloudTrail history
 * lives: Amazon Athena over the org trail bucket (a partition-projection table on account, region
 * and date; `activity setup --athena`) or CloudTrail Lake. Partition and time-window predicates
 * come first, then the principal filter; rows come back grouped by principal, event, the fields
 * the local reader reads resources from (CloudTrail `resources[]` and a few request parameters),
 * region, recipient account, day and denied/successful, with counts and first/last seen. Cordon
 * maps each group to IAM actions with the same code as the streaming reader (`sql-rows.ts`), so
 * both paths produce the same aggregate rows.
 *
 * Only literals Cordon validated are interpolated (account ids, regions, ISO times, an IAM ARN);
 * the rest is fixed text. Functions are those Athena (Trino) and Lake share.
 */
import { DENIED_ERROR_CODES } from '../../catalog/cloudtrail/rules.js';
import { InputError } from '../../model/errors.js';

export type SqlDialect = 'athena' | 'lake';

/** What to query. */
export interface ActivityQuery {
  /** `db.table` for Athena, the event data store id or ARN for Lake. */
  table: string;
  /** ISO times; [start, end). */
  start: string;
  end: string;
  /** Only these accounts / regions (partition pruning); all when absent. */
  accounts?: readonly string[];
  regions?: readonly string[];
  /** One principal (user or role ARN; its sessions are folded to it), or every principal. */
  principal?: string;
}

/** Request parameters the local reader reads resource names from (`eventResources`). */
export const RESOURCE_PARAMETERS = ['bucketName', 'key', 'roleName', 'userName', 'groupName', 'policyArn', 'roleArn', 'topicArn', 'functionArn', 'secretId', 'keyId', 'resourceArn', 'stateMachineArn', 'functionName', 'tableName', 'queueUrl'] as const;

/** Column names of a result row, in order. */
export const RESULT_COLUMNS = ['principal', 'event_source', 'event_name', 'aws_region', 'recipient_account', 'resources_json', ...RESOURCE_PARAMETERS.map((p) => `p_${p.toLowerCase()}`), 'day', 'denied', 'calls', 'first_seen', 'last_seen'] as const;

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/;
const IAM_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(user|role)\/[\w+=,.@/-]+$/;
const IDENT = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)?$/;
const LAKE_STORE = /^(arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:eventdatastore\/)?[\w-]{1,64}$/;

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function check(ok: boolean, what: string, value: string): void {
  if (!ok) throw new InputError(`invalid ${what} \`${value}\` for the activity query`, { pointer: what });
}

/** ISO time → `YYYY/MM/DD`, the org-trail partition's date format. */
function partitionDay(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, '/');
}

/** The day before an exclusive end (the last partition that can hold events). */
function lastDay(endIso: string): string {
  const t = Date.parse(endIso.length === 10 ? `${endIso}T00:00:00Z` : endIso) - 1;
  return new Date(t).toISOString();
}

/** The partition predicates alone (Athena), for printing and tests. */
export function partitionPredicates(q: ActivityQuery): string[] {
  const preds = [`"date" BETWEEN ${quote(partitionDay(q.start))} AND ${quote(partitionDay(lastDay(q.end)))}`];
  if (q.accounts?.length) preds.push(`account IN (${q.accounts.map(quote).join(', ')})`);
  if (q.regions?.length) preds.push(`region IN (${q.regions.map(quote).join(', ')})`);
  return preds;
}

/** The aggregation query for one dialect. */
export function activitySql(dialect: SqlDialect, q: ActivityQuery): string {
  check(dialect === 'athena' ? IDENT.test(q.table) : LAKE_STORE.test(q.table), 'table', q.table);
  check(ISO.test(q.start), 'start', q.start);
  check(ISO.test(q.end), 'end', q.end);
  q.accounts?.forEach((a) => check(ACCOUNT.test(a), 'account', a));
  q.regions?.forEach((r) => check(REGION.test(r), 'region', r));
  if (q.principal) check(IAM_ARN.test(q.principal), 'principal', q.principal);
  const lake = dialect === 'lake';
  const col = (athena: string, lakeName: string) => (lake ? lakeName : athena);
  const uid = col('useridentity', 'userIdentity');
  const issuer = `${uid}.${col('sessioncontext.sessionissuer.arn', 'sessionContext.sessionIssuer.arn')}`;
  const time = col('eventtime', 'eventTime');
  const param = (name: string) => (lake ? `element_at(requestParameters, ${quote(name)})` : `json_extract_scalar(requestparameters, ${quote(`$.${name}`)})`);
  const principal = `CASE WHEN ${uid}.type IN ('IAMUser', 'Root') THEN ${uid}.arn ELSE COALESCE(${issuer}, ${uid}.arn) END`;
  const denied = `COALESCE(${col('errorcode', 'errorCode')} IN (${[...DENIED_ERROR_CODES].sort().map(quote).join(', ')}), false)`;
  // Lake's eventTime is a timestamp; Athena's is the ISO string CloudTrail wrote.
  const timeText = lake ? `to_iso8601(${time})` : time;
  const where = [
    ...(lake ? [] : partitionPredicates(q)),
    lake ? `${time} >= from_iso8601_timestamp(${quote(q.start)}) AND ${time} < from_iso8601_timestamp(${quote(q.end)})` : `${time} >= ${quote(q.start)} AND ${time} < ${quote(q.end)}`,
    `${uid}.type IN ('IAMUser', 'Root', 'AssumedRole', 'FederatedUser')`,
    ...(q.principal ? [`(${uid}.arn = ${quote(q.principal)} OR ${issuer} = ${quote(q.principal)})`] : []),
  ];
  const keys = [
    `${principal} AS principal`,
    `${col('eventsource', 'eventSource')} AS event_source`,
    `${col('eventname', 'eventName')} AS event_name`,
    `${col('awsregion', 'awsRegion')} AS aws_region`,
    // The streaming reader falls back to the caller's account when the recipient is not recorded.
    `COALESCE(${col('recipientaccountid', 'recipientAccountId')}, ${uid}.${col('accountid', 'accountId')}) AS recipient_account`,
    `CAST(resources AS JSON) AS resources_json`,
    ...RESOURCE_PARAMETERS.map((p) => `${param(p)} AS p_${p.toLowerCase()}`),
    `substr(${timeText}, 1, 10) AS day`,
    `${denied} AS denied`,
  ];
  const groupBy = keys.map((_, i) => String(i + 1)).join(', ');
  return [
    'SELECT',
    `  ${[...keys, 'count(*) AS calls', `min(${timeText}) AS first_seen`, `max(${timeText}) AS last_seen`].join(',\n  ')}`,
    `FROM ${q.table}`,
    `WHERE ${where.join('\n  AND ')}`,
    `GROUP BY ${groupBy}`,
  ].join('\n');
}
