/**
 * The store's entry point: `openStore(--db)` picks the backend, runs migrations and returns the
 * one `CordonStore` interface (docs/store.md). Default: SQLite at `./.cordon/cordon.db`.
 */
import { resolve } from 'node:path';
import { MissingDependencyError } from '../model/errors.js';
import { activityRepository } from './repos/activity-repo.js';
import { alertsRepository } from './repos/alerts-repo.js';
import { findingsRepository } from './repos/findings-repo.js';
import { journalRepository } from './repos/journal-repo.js';
import { archiveRulesRepository } from './repos/rules-repo.js';
import { scansRepository } from './repos/scans-repo.js';
import { tokensRepository } from './repos/tokens-repo.js';
import type { SqlDriver } from './sql/driver.js';
import { migrate } from './sql/migrate.js';
import { PostgresDriver } from './sql/postgres-driver.js';
import { SqliteDriver } from './sql/sqlite-driver.js';
import type { SqliteOptions } from './sql/sqlite-driver.js';
import type { CordonStore } from './types.js';

export type * from './types.js';
export { InvalidTransitionError } from './repos/findings-repo.js';
export { ConflictError } from './repos/rules-repo.js';
export { StepConflictError } from './repos/journal-repo.js';
export { SchemaTooNewError } from './sql/migrate.js';

/** Default SQLite file, relative to the working directory. */
export const DEFAULT_DB_PATH = './.cordon/cordon.db';

/** Options of `openStore`. */
export interface OpenStoreOptions extends SqliteOptions {
  /** Skip migrations (read-only tools on an up-to-date database). */
  skipMigrations?: boolean;
}

/** True when `db` names a PostgreSQL database. */
export function isPostgresUrl(db: string): boolean {
  return db.startsWith('postgres://') || db.startsWith('postgresql://');
}

/** Wraps a migrated driver in the store interface. */
export function storeOver(driver: SqlDriver): CordonStore {
  return {
    backend: driver.dialect,
    location: driver.location,
    scans: scansRepository(driver),
    findings: findingsRepository(driver),
    archiveRules: archiveRulesRepository(driver),
    alerts: alertsRepository(driver),
    journal: journalRepository(driver),
    tokens: tokensRepository(driver),
    activity: activityRepository(driver),
    close: () => driver.close(),
  };
}

/**
 * Opens the store named by `--db`: a PostgreSQL URL (`postgres://user@host:5432/db[?schema=NAME]`)
 * or a SQLite file path (default `./.cordon/cordon.db`, folder created; also `CORDON_DB`).
 * Migrations run on open.
 */
export async function openStore(dbOption?: string, options: OpenStoreOptions = {}): Promise<CordonStore> {
  const db = dbOption ?? process.env.CORDON_DB ?? DEFAULT_DB_PATH;
  let driver: SqlDriver | undefined;
  try {
    driver = isPostgresUrl(db) ? await PostgresDriver.connect(db) : new SqliteDriver(db === ':memory:' ? db : resolve(db), options);
    if (!options.skipMigrations) await migrate(driver);
  } catch (err) {
    await driver?.close().catch(() => undefined);
    if (isPostgresUrl(db) && (err as { code?: string }).code === 'ECONNREFUSED') {
      throw new MissingDependencyError(`cannot reach PostgreSQL at ${new URL(db).host}: is it running?`);
    }
    throw err;
  }
  return storeOver(driver);
}

/** Opens the store, runs `fn`, and always closes it (the CLI's one-shot use). */
export async function withStore<T>(dbOption: string | undefined, fn: (store: CordonStore) => Promise<T>): Promise<T> {
  const store = await openStore(dbOption);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
