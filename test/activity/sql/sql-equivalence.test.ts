// Issue 23: the SQL Cordon generates for Athena and for CloudTrail Lake, executed by an embedded SQL
// engine (DuckDB) over the same events loaded as those services' tables, gives exactly the
// aggregate rows of the streaming reader, on the Invictus and Stratus corpora. Truth: the streaming
// reader (test/activity/aggregate.test.ts pins it against hand counts).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { ActivityAggregator } from '../../../src/activity/aggregate.js';
import { readTrailFiles } from '../../../src/activity/readers/read-events.js';
import { activitySql, partitionPredicates } from '../../../src/activity/sql/cloudtrail-sql.js';
import { addSqlRows } from '../../../src/activity/sql/sql-rows.js';
import { loadCatalog, type Catalog } from '../../../src/catalog/index.js';
import type { ActivityRow } from '../../../src/model/activity.js';
import type { CloudTrailEvent } from '../../../src/model/cloudtrail.js';
import { INVICTUS_DIR, STRATUS_DIR } from '../corpora.js';
import { cloudTrailDuckDb, queryRows } from './duckdb-cloudtrail.js';

let catalog: Catalog;
before(async () => {
  catalog = await loadCatalog({ details: true });
});

async function readAll(dir: string): Promise<CloudTrailEvent[]> {
  const events: CloudTrailEvent[] = [];
  for await (const { parsed } of readTrailFiles(dir)) events.push(...parsed.events);
  return events;
}

const key = (r: ActivityRow) => [r.principalArn, r.action, r.resourceArn, r.day].join('|');
const sorted = (rows: ActivityRow[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

for (const [name, dir] of [['invictus', INVICTUS_DIR], ['stratus', STRATUS_DIR]] as const) {
  describe(`${name} corpus`, () => {
    let events: CloudTrailEvent[];
    let streamed: ActivityRow[];
    let db: Awaited<ReturnType<typeof cloudTrailDuckDb>>;
    const window = { start: '2000-01-01', end: '2100-01-01' };
    before(async () => {
      events = await readAll(dir);
      const agg = new ActivityAggregator(catalog);
      events.forEach((e) => agg.add(e));
      streamed = sorted(agg.rows());
      db = await cloudTrailDuckDb(events, mkdtempSync(join(tmpdir(), `cordon-sql-${name}-`)));
    });

    for (const dialect of ['athena', 'lake'] as const) {
      test(`${dialect} SQL over the loaded table gives the streaming reader's rows`, async () => {
        const sql = activitySql(dialect, { table: dialect === 'athena' ? 'athena_cloudtrail' : 'lake_store', ...window });
        const agg = new ActivityAggregator(catalog);
        const counted = addSqlRows(agg, await queryRows(db, sql));
        assert.ok(streamed.length > 20, `${name}: the corpus yields rows`);
        assert.deepEqual(sorted(agg.rows()), streamed);
        assert.equal(counted, agg.counts.events);
      });
    }

    test('one principal and a narrow window: the same rows as filtering the stream', async () => {
      const principal = streamed.map((r) => r.principalArn).sort()[0]!;
      const day = streamed.find((r) => r.principalArn === principal)!.day;
      const end = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const agg = new ActivityAggregator(catalog);
      addSqlRows(agg, await queryRows(db, activitySql('athena', { table: 'athena_cloudtrail', start: day, end, principal })));
      assert.deepEqual(sorted(agg.rows()), streamed.filter((r) => r.principalArn === principal && r.day === day));
    });
  });
}

test('partition predicates come first: date range, accounts, regions', () => {
  const q = { table: 'cloudtrail.org_trail', start: '2025-11-01T00:00:00Z', end: '2026-11-01T00:00:00Z', accounts: ['111122223333'], regions: ['us-east-1', 'eu-west-1'] };
  assert.deepEqual(partitionPredicates(q), [`"date" BETWEEN '2025/11/01' AND '2026/10/31'`, `account IN ('111122223333')`, `region IN ('us-east-1', 'eu-west-1')`]);
  const sql = activitySql('athena', q);
  assert.ok(sql.indexOf('"date" BETWEEN') < sql.indexOf('eventtime >='));
  assert.throws(() => activitySql('athena', { ...q, principal: "arn:aws:iam::1:role/x' OR 1=1" }), /invalid principal/);
  assert.throws(() => activitySql('athena', { ...q, table: 'x; drop table y' }), /invalid table/);
});
