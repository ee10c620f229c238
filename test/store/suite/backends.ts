/**
 * The two store backends the same suite runs against: SQLite in a temp file, PostgreSQL in a
 * uniquely-named schema of the `test` database (dropped afterwards), so parallel test files never
 * share tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../../src/store/index.js';
import type { CordonStore } from '../../../src/store/index.js';

/** The PostgreSQL server of these machines (trust auth). */
export const PG_URL = process.env.CORDON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestBackend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty store; `dispose` closes it and removes its data. */
  open(): Promise<{ store: CordonStore; db: string; dispose(): Promise<void> }>;
}

let counter = 0;

export const SQLITE: TestBackend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-store-'));
    const db = join(dir, 'cordon.db');
    const store = await openStore(db);
    return {
      store,
      db,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** A unique schema name for this process and call. */
export function uniqueSchema(prefix = 'cordon_test'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`;
}

/** Drops a test schema. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export const POSTGRES: TestBackend = {
  name: 'postgres',
  async open() {
    const schema = uniqueSchema();
    const db = `${PG_URL}?schema=${schema}`;
    const store = await openStore(db);
    return {
      store,
      db,
      async dispose() {
        await store.close();
        await dropSchema(schema);
      },
    };
  },
};
