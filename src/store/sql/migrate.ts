/**
 * Applies pending migrations in one transaction, under the store's write lock, so two processes
 * opening a fresh database at once do not both create it.
 */
import { CordonError } from '../../model/errors.js';
import type { SqlDriver } from './driver.js';
import { MIGRATIONS } from './migrations.js';
import type { Migration } from './migrations.js';

/** The database was written by a newer Cordon than this one. */
export class SchemaTooNewError extends CordonError {
  constructor(found: number, known: number) {
    super('schema_too_new', `store schema version ${found} is newer than this Cordon knows (${known}); upgrade Cordon`);
  }
}

/** Brings the schema to the latest version; returns the versions applied. */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  try {
    await driver.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  } catch (err) {
    // PostgreSQL: two processes racing on IF NOT EXISTS; the loser sees a duplicate. The table exists.
    if (!['23505', '42P07'].includes((err as { code?: string }).code ?? '')) throw err;
  }
  const latest = migrations.at(-1)?.version ?? 0;
  const current = await driver.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  if ((current?.v ?? 0) === latest) return [];
  return driver.transaction(
    async (tx) => {
      const row = await tx.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
      const at = row?.v ?? 0;
      if (at > latest) throw new SchemaTooNewError(at, latest);
      const applied: number[] = [];
      for (const migration of migrations) {
        if (migration.version <= at) continue;
        for (const statement of migration.statements) await tx.run(statement);
        await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, new Date().toISOString()]);
        applied.push(migration.version);
      }
      return applied;
    },
    { lock: 'migrate' },
  );
}
