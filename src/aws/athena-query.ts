/**
 * Runs one Athena query through `@aws-sdk/client-athena` and returns every result row, or fails:
 * StartQueryExecution in the workgroup and database, GetQueryExecution polled (state and bytes
 * scanned reported to `onProgress`), GetQueryResults paged with NextToken. FAILED or CANCELLED,
 * throttling that outlasts the SDK's retries, or an error while paging is one `AwsCallError` line
 * naming the query: a partial result is never returned as if it were complete.
 */
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, type Row } from '@aws-sdk/client-athena';
import { AwsCallError } from '../model/errors.js';
import { sdkClientConfig, type AwsTarget } from './client-config.js';

/** Progress of a pushed-down query, as the service reports it. */
export interface QueryProgress {
  queryId: string;
  state: string;
  bytesScanned: number;
  /** Result rows read so far (while paging). */
  rows: number;
}

/** A finished query: all its rows, column name → text. */
export interface QueryResult {
  queryId: string;
  rows: Record<string, string | null>[];
  bytesScanned: number;
}

export interface AthenaQueryOptions {
  workgroup: string;
  database: string;
  sql: string;
  onProgress?: (p: QueryProgress) => void;
  /** Wait between polls (ms); tests pass 0. */
  pollMs?: number;
  /** Give up (and say so) after this many polls. */
  maxPolls?: number;
  /** Rows per GetQueryResults page (Athena's maximum is 1000). */
  pageSize?: number;
  client?: AthenaClient;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fail(operation: string, queryId: string, message: string, cause?: unknown): never {
  throw new AwsCallError(`athena:${operation}`, `query ${queryId}: ${message}; no partial result is reported`, { cause });
}

/** Runs `sql`; resolves only with the complete result. */
export async function runAthenaQuery(target: AwsTarget, options: AthenaQueryOptions): Promise<QueryResult> {
  const client = options.client ?? new AthenaClient(sdkClientConfig(target));
  let queryId = '(not started)';
  try {
    const started = await client.send(new StartQueryExecutionCommand({ QueryString: options.sql, WorkGroup: options.workgroup, QueryExecutionContext: { Database: options.database } }));
    queryId = started.QueryExecutionId ?? fail('StartQueryExecution', queryId, 'no query id returned');
  } catch (err) {
    if (err instanceof AwsCallError) throw err;
    fail('StartQueryExecution', queryId, (err as Error).message, err);
  }
  let bytesScanned = 0;
  for (let poll = 0; ; poll++) {
    if (poll >= (options.maxPolls ?? 3600)) fail('GetQueryExecution', queryId, `still running after ${poll} polls`);
    let execution;
    try {
      execution = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryId }))).QueryExecution;
    } catch (err) {
      fail('GetQueryExecution', queryId, (err as Error).message, err);
    }
    const state = execution?.Status?.State ?? 'UNKNOWN';
    bytesScanned = execution?.Statistics?.DataScannedInBytes ?? bytesScanned;
    options.onProgress?.({ queryId, state, bytesScanned, rows: 0 });
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED' || state === 'CANCELLED') fail('GetQueryExecution', queryId, `${state}${execution?.Status?.StateChangeReason ? `: ${execution.Status.StateChangeReason}` : ''}`);
    await sleep(options.pollMs ?? 1000);
  }
  const rows: Record<string, string | null>[] = [];
  let names: string[] | undefined;
  let token: string | undefined;
  do {
    let page;
    try {
      page = await client.send(new GetQueryResultsCommand({ QueryExecutionId: queryId, NextToken: token, MaxResults: options.pageSize ?? 1000 }));
    } catch (err) {
      fail('GetQueryResults', queryId, `${(err as Error).message} after ${rows.length} rows`, err);
    }
    const pageRows: Row[] = page.ResultSet?.Rows ?? [];
    if (!names) {
      names = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? c.Label ?? '');
      // A SELECT's first page starts with the header row (Athena User Guide, "Working with query results").
      const first = pageRows[0]?.Data?.map((d) => d.VarCharValue ?? '');
      if (first && (names.length === 0 || first.every((v, i) => v === names![i]))) {
        if (names.length === 0) names = first;
        pageRows.shift();
      }
    }
    for (const r of pageRows) rows.push(Object.fromEntries(names.map((n, i) => [n, r.Data?.[i]?.VarCharValue ?? null])));
    options.onProgress?.({ queryId, state: 'SUCCEEDED', bytesScanned, rows: rows.length });
    token = page.NextToken;
  } while (token);
  return { queryId, rows, bytesScanned };
}
