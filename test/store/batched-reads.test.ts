/**
 * Read-backs stay linear in the number of findings (issue 17): `getMany` reads each row once, and
 * paging through a long `ids` list reads about one page plus one IN chunk per page instead of
 * every listed row per page. Rows are counted through a driver wrapper, on both backends.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeOver } from '../../src/store/index.js';
import type { SqlDriver } from '../../src/store/sql/driver.js';
import { migrate } from '../../src/store/sql/migrate.js';
import { PostgresDriver } from '../../src/store/sql/postgres-driver.js';
import { SqliteDriver } from '../../src/store/sql/sqlite-driver.js';
import { dropSchema, PG_URL, uniqueSchema } from './suite/backends.js';
import { day, draft } from './suite/drafts.js';

/** Counts rows returned by `all` (the only multi-row read) while `counting` is on. */
function counted(driver: SqlDriver): { driver: SqlDriver; rows: () => number; reset(): void } {
  let rows = 0;
  const all = driver.all.bind(driver);
  const wrapped = Object.create(driver) as SqlDriver;
  Object.defineProperty(wrapped, 'all', { value: async <T>(sql: string, params?: readonly (string | number | null)[]) => {
    const out = await all<T>(sql, params);
    rows += out.length;
    return out;
  } });
  return { driver: wrapped, rows: () => rows, reset: () => (rows = 0) };
}

const N = 5000;
const backends: { name: string; open(): Promise<{ driver: SqlDriver; dispose(): Promise<void> }> }[] = [
  { name: 'sqlite', async open() {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-batched-'));
    const driver = new SqliteDriver(join(dir, 'c.db'));
    return { driver, dispose: async () => { await driver.close(); rmSync(dir, { recursive: true, force: true }); } };
  } },
  { name: 'postgres', async open() {
    const schema = uniqueSchema('cordon_batched');
    const driver = await PostgresDriver.connect(`${PG_URL}?schema=${schema}`);
    return { driver, dispose: async () => { await driver.close(); await dropSchema(schema); } };
  } },
];

for (const backend of backends) {
  describe(`batched read-backs (${backend.name})`, () => {
    test(`getMany and paging by ${N} ids read each row a bounded number of times`, async () => {
      const { driver, dispose } = await backend.open();
      try {
        await migrate(driver);
        const counter = counted(driver);
        const store = storeOver(counter.driver);
        const drafts = Array.from({ length: N }, (_, i) => draft(`F${String(i).padStart(5, '0')}`));
        await store.scans.record({ scope: 'many', findings: drafts, now: day(1) });
        const ids = drafts.map((d) => d.id).reverse();

        counter.reset();
        const got = await store.findings.getMany([...ids, 'absent', ids[0]!]);
        assert.equal(got.length, N);
        assert.deepEqual(new Set(got.map((f) => f.id)), new Set(ids));
        assert.equal(got[0]!.status, 'ACTIVE');
        assert.equal(counter.rows(), N, 'getMany reads each row once');

        counter.reset();
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.findings.list({ ids, limit: 1000, cursor });
          seen.push(...page.items.map((f) => f.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor);
        assert.deepEqual(seen, [...ids].sort());
        // Each page reads at most its own rows plus one 900-id chunk (and the next chunk's overlap).
        assert.ok(counter.rows() <= N + pages * 1800, `paging read ${counter.rows()} rows for ${N} findings in ${pages} pages`);
      } finally {
        await dispose();
      }
    });
  });
}
