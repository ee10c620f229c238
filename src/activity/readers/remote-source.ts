/**
 * One activity interface, three backends chosen by the source URI (issue 23):
 *
 * - a path or `s3://bucket/prefix` → the streaming reader (files read and aggregated here);
 * - `athena://WORKGROUP/DATABASE.TABLE` → the aggregation pushed down to Amazon Athena over the
 *   organization trail (a partition-projection table, `cordon activity setup --athena`);
 * - `cloudtrail-lake://EVENT_DATA_STORE` → the same aggregation in CloudTrail Lake.
 *
 * The pushed-down backends return grouped rows that the streaming aggregator maps to IAM actions,
 * so every backend yields the same `ActivityRow`s for the same events.
 */
import type { Catalog } from '../../catalog/index.js';
import { runAthenaQuery, type QueryProgress, type QueryResult } from '../../aws/athena-query.js';
import type { AwsTarget } from '../../aws/client-config.js';
import { runLakeQuery } from '../../aws/cloudtrail-lake-query.js';
import { UsageError } from '../../model/errors.js';
import { ActivityAggregator } from '../aggregate.js';
import { activitySql } from '../sql/cloudtrail-sql.js';
import { addSqlRows } from '../sql/sql-rows.js';

/** Where activity is read from. */
export type ActivitySource =
  | { kind: 'files'; location: string }
  | { kind: 'athena'; workgroup: string; database: string; table: string }
  | { kind: 'lake'; eventDataStore: string };

/** Parses a `--cloudtrail` value. */
export function parseActivitySource(uri: string): ActivitySource {
  if (uri.startsWith('athena://')) {
    const m = /^athena:\/\/([\w.-]{1,128})\/([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(uri);
    if (!m) throw new UsageError(`\`${uri}\`: expected athena://WORKGROUP/DATABASE.TABLE`);
    return { kind: 'athena', workgroup: m[1]!, database: m[2]!, table: m[3]! };
  }
  if (uri.startsWith('cloudtrail-lake://')) {
    const store = uri.slice('cloudtrail-lake://'.length);
    if (!/^(arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:eventdatastore\/)?[\w-]{1,64}$/.test(store)) throw new UsageError(`\`${uri}\`: expected cloudtrail-lake://EVENT_DATA_STORE (id or ARN)`);
    return { kind: 'lake', eventDataStore: store };
  }
  return { kind: 'files', location: uri };
}

/** What a pushed-down query needs. */
export interface RemoteActivityOptions {
  catalog: Catalog;
  aws: AwsTarget;
  /** ISO times, [start, end). */
  start: string;
  end: string;
  principal?: string;
  accounts?: readonly string[];
  regions?: readonly string[];
  onProgress?: (p: QueryProgress) => void;
  /** Poll interval for tests. */
  pollMs?: number;
}

/** The result of a pushed-down query: aggregated rows plus what it cost. */
export interface RemoteActivity {
  aggregator: ActivityAggregator;
  /** Events the grouped rows stand for. */
  events: number;
  queryId: string;
  bytesScanned: number;
  sql: string;
}

/** Runs the aggregation where the history lives (Athena or Lake) and maps its rows. */
export async function queryRemoteActivity(source: Exclude<ActivitySource, { kind: 'files' }>, options: RemoteActivityOptions): Promise<RemoteActivity> {
  const query = { start: options.start, end: options.end, ...(options.principal ? { principal: options.principal } : {}), ...(options.accounts ? { accounts: options.accounts } : {}), ...(options.regions ? { regions: options.regions } : {}) };
  let sql: string;
  let result: QueryResult;
  const common = { ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}) };
  if (source.kind === 'athena') {
    sql = activitySql('athena', { ...query, table: `${source.database}.${source.table}` });
    result = await runAthenaQuery(options.aws, { workgroup: source.workgroup, database: source.database, sql, ...common });
  } else {
    sql = activitySql('lake', { ...query, table: source.eventDataStore.split('/').pop()! });
    result = await runLakeQuery(options.aws, { eventDataStore: source.eventDataStore, sql, ...common });
  }
  const aggregator = new ActivityAggregator(options.catalog);
  const events = addSqlRows(aggregator, result.rows);
  return { aggregator, events, queryId: result.queryId, bytesScanned: result.bytesScanned, sql };
}
