/**
 * An embedded SQL engine (DuckDB, from its npm package) loaded with CloudTrail events as the tables
 * Athena and CloudTrail Lake expose, so the SQL Cordon generates can be executed in tests:
 *
 * - `athena_cloudtrail`: the columns of AWS's CloudTrail table for Athena (lower-case names,
 *   `useridentity` and `resources` as structs, `requestparameters` as JSON text) plus the
 *   projected partitions `account`, `region`, `"date"` (`YYYY/MM/DD`).
 * - `lake_store`: CloudTrail Lake's event columns (camel case, `eventTime` a timestamp,
 *   `requestParameters` a map of strings).
 *
 * DuckDB's dialect differs from Trino's in a few function names; macros supply the Trino names the
 * generated SQL uses (`json_extract_scalar`, `element_at`, `to_iso8601`, `from_iso8601_timestamp`).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudTrailEvent } from '../../../src/model/cloudtrail.js';

const USER_IDENTITY = `STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR, sessioncontext STRUCT(sessionissuer STRUCT(type VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR)))`;

const text = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));

function athenaRow(e: CloudTrailEvent) {
  const id = e.userIdentity;
  const issuer = id?.sessionContext?.sessionIssuer;
  return {
    eventtime: e.eventTime, eventsource: e.eventSource, eventname: e.eventName, awsregion: e.awsRegion ?? null, errorcode: e.errorCode ?? null,
    recipientaccountid: e.recipientAccountId ?? null, requestparameters: e.requestParameters ? JSON.stringify(e.requestParameters) : null,
    useridentity: id ? { type: id.type ?? null, principalid: id.principalId ?? null, arn: id.arn ?? null, accountid: id.accountId ?? null, username: id.userName ?? null, sessioncontext: issuer ? { sessionissuer: { type: issuer.type ?? null, arn: issuer.arn ?? null, accountid: issuer.accountId ?? null, username: issuer.userName ?? null } } : null } : null,
    resources: e.resources ? e.resources.map((r) => ({ arn: r.ARN ?? null, accountid: r.accountId ?? null, type: r.type ?? null })) : null,
    account: e.recipientAccountId ?? id?.accountId ?? 'unknown', region: e.awsRegion ?? 'unknown', date: e.eventTime.slice(0, 10).replace(/-/g, '/'),
  };
}

/** Opens an in-memory DuckDB with both tables filled from `events` (written through `dir`). */
export async function cloudTrailDuckDb(events: readonly CloudTrailEvent[], dir: string): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  await db.run(`CREATE MACRO json_extract_scalar(j, p) AS json_extract_string(j, p)`);
  await db.run(`CREATE MACRO element_at(m, k) AS m[k]`);
  await db.run(`CREATE MACRO to_iso8601(t) AS strftime(t, '%Y-%m-%dT%H:%M:%SZ')`);
  await db.run(`CREATE MACRO from_iso8601_timestamp(s) AS CAST(replace(replace(s, 'T', ' '), 'Z', '') AS TIMESTAMP)`);
  const file = join(dir, 'athena.jsonl');
  writeFileSync(file, events.map((e) => JSON.stringify(athenaRow(e))).join('\n'));
  const columns = `{eventtime: 'VARCHAR', eventsource: 'VARCHAR', eventname: 'VARCHAR', awsregion: 'VARCHAR', errorcode: 'VARCHAR', recipientaccountid: 'VARCHAR', requestparameters: 'VARCHAR', useridentity: '${USER_IDENTITY}', resources: 'STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[]', account: 'VARCHAR', region: 'VARCHAR', date: 'VARCHAR'}`;
  await db.run(`CREATE TABLE athena_cloudtrail AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = ${columns})`);
  // Lake: camel-case columns, a timestamp, request parameters as a map of strings.
  const lakeFile = join(dir, 'lake.jsonl');
  writeFileSync(lakeFile, events.map((e) => {
    const a = athenaRow(e);
    const params = Object.fromEntries(Object.entries(e.requestParameters ?? {}).map(([k, v]) => [k, text(v)]));
    return JSON.stringify({ eventTime: a.eventtime, eventSource: a.eventsource, eventName: a.eventname, awsRegion: a.awsregion, errorCode: a.errorcode, recipientAccountId: a.recipientaccountid, requestParameters: e.requestParameters ? params : null, userIdentity: a.useridentity, resources: a.resources });
  }).join('\n'));
  const lakeColumns = `{eventTime: 'VARCHAR', eventSource: 'VARCHAR', eventName: 'VARCHAR', awsRegion: 'VARCHAR', errorCode: 'VARCHAR', recipientAccountId: 'VARCHAR', requestParameters: 'MAP(VARCHAR, VARCHAR)', userIdentity: '${USER_IDENTITY}', resources: 'STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[]'}`;
  await db.run(`CREATE TABLE lake_store AS SELECT * REPLACE (CAST(replace(replace(eventTime, 'T', ' '), 'Z', '') AS TIMESTAMP) AS eventTime) FROM read_json('${lakeFile}', format = 'newline_delimited', columns = ${lakeColumns})`);
  return db;
}

/** Runs `sql` and returns rows as column → text. */
export async function queryRows(db: DuckDBConnection, sql: string): Promise<Record<string, string | null>[]> {
  const reader = await db.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((row) => Object.fromEntries(row.map((v, i) => [names[i]!, v === null || v === undefined ? null : String(v)])));
}
