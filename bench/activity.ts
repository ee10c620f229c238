/**
 * `npm run bench -- activity` (issue 23): N local CloudTrail events (default 10,000,000; set
 * CORDON_BENCH_ACTIVITY_EVENTS to change) read from gzipped trail files, three ways, side by side:
 *
 * - floor: gunzip + `JSON.parse` of the same files, counting records (the least any reader does);
 * - Cordon's streaming reader: `readTrailFiles` + `ActivityAggregator` (what generate-policy runs);
 * - DuckDB (embedded, `@duckdb/node-api`): the generated Athena SQL over the same events, read
 *   (a) as gzipped NDJSON in the Athena table's shape and (b) from the raw gzipped trail files
 *   through a view, plus mapping its rows with the same aggregator.
 *
 * The invictus records are written once per day-file (20 days) and the folder is read as many
 * times as N needs, so disk and page cache are the same for all three. Prints events/s, ratios
 * to the floor, peak RSS, and the SQL for a 365-day, 200-account query with its partition
 * predicates.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ActivityAggregator } from '../src/activity/aggregate.js';
import { readCloudTrail, readTrailFiles } from '../src/activity/readers/read-events.js';
import { activitySql, partitionPredicates } from '../src/activity/sql/cloudtrail-sql.js';
import { addSqlRows } from '../src/activity/sql/sql-rows.js';
import { loadCatalog } from '../src/catalog/index.js';
import type { CloudTrailEvent } from '../src/model/cloudtrail.js';
import { CORPORA } from '../test/helpers/corpora.js';
import type { Benchmark } from './registry.js';
import { peakRssMiB, ratio } from './timing.js';

const DAYS = 20;

/** The same event as a row of the Athena CloudTrail table (lower-case names, JSON text parameters). */
function athenaRow(e: CloudTrailEvent) {
  const id = e.userIdentity;
  const issuer = id?.sessionContext?.sessionIssuer;
  return {
    eventtime: e.eventTime, eventsource: e.eventSource, eventname: e.eventName, awsregion: e.awsRegion ?? null, errorcode: e.errorCode ?? null,
    recipientaccountid: e.recipientAccountId ?? null, requestparameters: e.requestParameters ? JSON.stringify(e.requestParameters) : null,
    useridentity: id ? { type: id.type ?? null, arn: id.arn ?? null, accountid: id.accountId ?? null, sessioncontext: issuer ? { sessionissuer: { arn: issuer.arn ?? null } } : null } : null,
    resources: e.resources ? e.resources.map((r) => ({ arn: r.ARN ?? null, accountid: r.accountId ?? null, type: r.type ?? null })) : null,
    account: e.recipientAccountId ?? 'unknown', region: e.awsRegion ?? 'unknown', date: e.eventTime.slice(0, 10).replace(/-/g, '/'),
  };
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

export const measureActivity: Benchmark = {
  name: 'activity',
  title: 'local CloudTrail activity: streaming reader and DuckDB vs the gunzip + JSON.parse floor; Athena SQL for 365 days × 200 accounts',
  async run() {
    const target = Number(process.env.CORDON_BENCH_ACTIVITY_EVENTS ?? 10_000_000);
    const catalog = await loadCatalog({ details: true });
    const base: CloudTrailEvent[] = [];
    for await (const e of readCloudTrail(`${CORPORA}invictus/CloudTrail`)) base.push(e);
    const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-activity-'));
    const trail = join(dir, 'trail');
    const ndjson = join(dir, 'athena');
    for (const d of [trail, ndjson]) rmSync(d, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(trail);
    mkdirSync(ndjson);
    for (let d = 0; d < DAYS; d++) {
      const day = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      const events = base.map((e) => ({ ...e, eventTime: day + e.eventTime.slice(10) }));
      writeFileSync(join(trail, `day-${d}.json.gz`), gzipSync(JSON.stringify({ Records: events })));
      writeFileSync(join(ndjson, `day-${d}.json.gz`), gzipSync(events.map((e) => JSON.stringify(athenaRow(e))).join('\n')));
    }
    const perPass = base.length * DAYS;
    const passes = Math.max(1, Math.ceil(target / perPass));
    const total = passes * perPass;
    console.log(`events: ${base.length} invictus records × ${DAYS} days × ${passes} passes = ${total.toLocaleString('en-US')}`);

    // Floor: gunzip + JSON.parse.
    const files = readdirSync(trail).map((f) => join(trail, f));
    let t = now();
    let floorCount = 0;
    for (let p = 0; p < passes; p++) for (const f of files) floorCount += (JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: unknown[] }).Records.length;
    const floorMs = now() - t;

    // Cordon's streaming reader + aggregation.
    t = now();
    const agg = new ActivityAggregator(catalog);
    for (let p = 0; p < passes; p++) for await (const { parsed } of readTrailFiles(trail)) for (const e of parsed.events) agg.add(e);
    const streamMs = now() - t;
    const rssAfterStream = peakRssMiB();

    // DuckDB: the generated Athena SQL over the same events.
    t = now();
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    await db.run(`CREATE MACRO json_extract_scalar(j, p) AS json_extract_string(j, p)`);
    const list = Array.from({ length: passes }, () => readdirSync(ndjson).map((f) => `'${join(ndjson, f)}'`)).flat().join(', ');
    const columns = `{eventtime: 'VARCHAR', eventsource: 'VARCHAR', eventname: 'VARCHAR', awsregion: 'VARCHAR', errorcode: 'VARCHAR', recipientaccountid: 'VARCHAR', requestparameters: 'VARCHAR', useridentity: 'STRUCT(type VARCHAR, arn VARCHAR, accountid VARCHAR, sessioncontext STRUCT(sessionissuer STRUCT(arn VARCHAR)))', resources: 'STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[]', account: 'VARCHAR', region: 'VARCHAR', date: 'VARCHAR'}`;
    await db.run(`CREATE VIEW trail AS SELECT * FROM read_json([${list}], format = 'newline_delimited', columns = ${columns})`);
    const reader = await db.runAndReadAll(activitySql('athena', { table: 'trail', start: '2026-01-01', end: '2027-01-01' }));
    const names = reader.columnNames();
    const duckAgg = new ActivityAggregator(catalog);
    const duckEvents = addSqlRows(duckAgg, reader.getRows().map((r) => Object.fromEntries(r.map((v, i) => [names[i]!, v === null ? null : String(v)]))));
    const duckMs = now() - t;

    // DuckDB on the raw trail files ({"Records": [...]}, gzipped), shaped into the Athena table by a view.
    t = now();
    const raw = await (await DuckDBInstance.create(':memory:')).connect();
    await raw.run(`CREATE MACRO json_extract_scalar(j, p) AS json_extract_string(j, p)`);
    const rawList = Array.from({ length: passes }, () => files.map((f) => `'${f}'`)).flat().join(', ');
    const rec = `STRUCT(eventTime VARCHAR, eventSource VARCHAR, eventName VARCHAR, awsRegion VARCHAR, errorCode VARCHAR, recipientAccountId VARCHAR, requestParameters JSON, userIdentity STRUCT(type VARCHAR, arn VARCHAR, accountId VARCHAR, sessionContext STRUCT(sessionIssuer STRUCT(arn VARCHAR))), resources STRUCT("ARN" VARCHAR, accountId VARCHAR, type VARCHAR)[])`;
    await raw.run(`CREATE VIEW records AS SELECT unnest(Records) AS r FROM read_json([${rawList}], format = 'auto', columns = {Records: '${rec}[]'}, maximum_object_size = 268435456)`);
    await raw.run(`CREATE VIEW trail AS SELECT r.eventTime AS eventtime, r.eventSource AS eventsource, r.eventName AS eventname, r.awsRegion AS awsregion, r.errorCode AS errorcode, r.recipientAccountId AS recipientaccountid, CAST(r.requestParameters AS VARCHAR) AS requestparameters,
      struct_pack(type := r.userIdentity.type, arn := r.userIdentity.arn, accountid := r.userIdentity.accountId, sessioncontext := struct_pack(sessionissuer := struct_pack(arn := r.userIdentity.sessionContext.sessionIssuer.arn))) AS useridentity,
      list_transform(r.resources, x -> struct_pack(arn := x."ARN", accountid := x.accountId, type := x.type)) AS resources,
      'all' AS account, 'all' AS region, replace(substr(r.eventTime, 1, 10), '-', '/') AS date FROM records`);
    const rawReader = await raw.runAndReadAll(activitySql('athena', { table: 'trail', start: '2026-01-01', end: '2027-01-01' }));
    const rawNames = rawReader.columnNames();
    const rawAgg = new ActivityAggregator(catalog);
    addSqlRows(rawAgg, rawReader.getRows().map((r) => Object.fromEntries(r.map((v, i) => [rawNames[i]!, v === null ? null : String(v)]))));
    const rawMs = now() - t;

    const rate = (ms: number) => Math.round(total / (ms / 1000));
    console.log(`floor (gunzip + JSON.parse): ${rate(floorMs).toLocaleString('en-US')} events/s (${(floorMs / 1000).toFixed(1)} s, ${floorCount.toLocaleString('en-US')} records)`);
    console.log(`streaming reader + aggregation: ${rate(streamMs).toLocaleString('en-US')} events/s (${(streamMs / 1000).toFixed(1)} s) = ${ratio(floorMs, streamMs)} of the floor's speed; ${agg.rows().length} rows; peak RSS ${rssAfterStream.toFixed(0)} MiB`);
    console.log(`DuckDB (generated SQL, gz NDJSON): ${rate(duckMs).toLocaleString('en-US')} events/s (${(duckMs / 1000).toFixed(1)} s) = ${ratio(streamMs, duckMs)} the streaming reader's speed; ${duckAgg.rows().length} rows, ${duckEvents.toLocaleString('en-US')} events counted; peak RSS ${peakRssMiB().toFixed(0)} MiB`);
    // The SQL filters out events without an IAM principal (services, anonymous) before grouping,
    // so only attributed events and rows are comparable.
    const same = duckAgg.counts.attributed === agg.counts.attributed && duckAgg.rows().length === agg.rows().length;
    console.log(`DuckDB (generated SQL, raw gz trail files): ${rate(rawMs).toLocaleString('en-US')} events/s (${(rawMs / 1000).toFixed(1)} s) = ${ratio(streamMs, rawMs)} the streaming reader's speed; ${rawAgg.rows().length} rows; peak RSS ${peakRssMiB().toFixed(0)} MiB`);
    const rawSame = rawAgg.counts.attributed === agg.counts.attributed && rawAgg.rows().length === agg.rows().length;
    console.log(`same aggregate from all three: ${same && rawSame ? 'yes' : 'NO'} (${agg.counts.attributed.toLocaleString('en-US')} attributed events, ${agg.rows().length} rows)`);

    const accounts = Array.from({ length: 200 }, (_, i) => String(100000000000 + i));
    const q = { table: 'cloudtrail.org_trail', start: '2025-11-01T00:00:00Z', end: '2026-11-01T00:00:00Z', accounts };
    console.log(`\nAthena SQL for 365 days × 200 accounts — partition predicates (first in WHERE):\n  ${partitionPredicates(q).map((p) => (p.length > 160 ? `${p.slice(0, 160)}… (${accounts.length} accounts)` : p)).join('\n  ')}`);
    const sql = activitySql('athena', q);
    console.log(`\n${sql.replace(/account IN \([^)]*\)/, `account IN ('100000000000', …, '100000000199')`)}`);
    rmSync(dir, { recursive: true, force: true });
  },
};
