/**
 * Runs one CloudTrail Lake query through `@aws-sdk/client-cloudtrail`: StartQuery, DescribeQuery
 * polled (status and bytes scanned reported), GetQueryResults paged with NextToken (each row is a
 * list of one-key objects, column → value). FAILED, CANCELLED or TIMED_OUT, throttling beyond the
 * SDK's retries, or an error while paging is one `AwsCallError` line: never a partial result.
 */
import { CloudTrailClient, DescribeQueryCommand, GetQueryResultsCommand, StartQueryCommand } from '@aws-sdk/client-cloudtrail';
import { AwsCallError } from '../model/errors.js';
import type { QueryProgress, QueryResult } from './athena-query.js';
import { sdkClientConfig, type AwsTarget } from './client-config.js';

export interface LakeQueryOptions {
  /** Event data store id or ARN (also the table name in the SQL). */
  eventDataStore: string;
  sql: string;
  onProgress?: (p: QueryProgress) => void;
  pollMs?: number;
  maxPolls?: number;
  pageSize?: number;
  client?: CloudTrailClient;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fail(operation: string, queryId: string, message: string, cause?: unknown): never {
  throw new AwsCallError(`cloudtrail:${operation}`, `query ${queryId}: ${message}; no partial result is reported`, { cause });
}

/** Runs `sql` on the event data store; resolves only with the complete result. */
export async function runLakeQuery(target: AwsTarget, options: LakeQueryOptions): Promise<QueryResult> {
  const client = options.client ?? new CloudTrailClient(sdkClientConfig(target));
  let queryId = '(not started)';
  try {
    queryId = (await client.send(new StartQueryCommand({ QueryStatement: options.sql }))).QueryId ?? fail('StartQuery', queryId, 'no query id returned');
  } catch (err) {
    if (err instanceof AwsCallError) throw err;
    fail('StartQuery', queryId, (err as Error).message, err);
  }
  let bytesScanned = 0;
  for (let poll = 0; ; poll++) {
    if (poll >= (options.maxPolls ?? 3600)) fail('DescribeQuery', queryId, `still running after ${poll} polls`);
    let described;
    try {
      described = await client.send(new DescribeQueryCommand({ EventDataStore: options.eventDataStore, QueryId: queryId }));
    } catch (err) {
      fail('DescribeQuery', queryId, (err as Error).message, err);
    }
    const state = described.QueryStatus ?? 'UNKNOWN';
    bytesScanned = described.QueryStatistics?.BytesScanned ?? bytesScanned;
    options.onProgress?.({ queryId, state, bytesScanned, rows: 0 });
    if (state === 'FINISHED') break;
    if (state === 'FAILED' || state === 'CANCELLED' || state === 'TIMED_OUT') fail('DescribeQuery', queryId, `${state}${described.ErrorMessage ? `: ${described.ErrorMessage}` : ''}`);
    await sleep(options.pollMs ?? 1000);
  }
  const rows: Record<string, string | null>[] = [];
  let token: string | undefined;
  do {
    let page;
    try {
      page = await client.send(new GetQueryResultsCommand({ EventDataStore: options.eventDataStore, QueryId: queryId, NextToken: token, MaxQueryResults: options.pageSize ?? 1000 }));
    } catch (err) {
      fail('GetQueryResults', queryId, `${(err as Error).message} after ${rows.length} rows`, err);
    }
    if (page.QueryStatus && page.QueryStatus !== 'FINISHED') fail('GetQueryResults', queryId, `status ${page.QueryStatus} while paging after ${rows.length} rows`);
    for (const r of page.QueryResultRows ?? []) rows.push(Object.assign({}, ...r.map((cell) => Object.fromEntries(Object.entries(cell).map(([k, v]) => [k, v ?? null])))) as Record<string, string | null>);
    options.onProgress?.({ queryId, state: 'FINISHED', bytesScanned, rows: rows.length });
    token = page.NextToken;
  } while (token);
  return { queryId, rows, bytesScanned };
}
