/**
 * The small SQL surface the repositories are written against. SQL is written once, with `?`
 * placeholders and the dialect tokens of `dialect.ts`; each driver (SQLite, PostgreSQL) handles
 * its differences here and in `dialect.ts` only.
 */

export type Dialect = 'sqlite' | 'postgres';
export type SqlValue = string | number | null;

/** Runs statements (inside or outside a transaction). */
export interface SqlExecutor {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Inserts many rows: `head` is `INSERT INTO t (a, b)`, `tail` an optional `ON CONFLICT ...`.
   * Rows must not repeat a conflict key (PostgreSQL refuses that in one statement).
   * SQLite runs prepared statements of 50 rows; PostgreSQL sends one array per column (`unnest`).
   */
  insertMany(head: string, rows: readonly (readonly SqlValue[])[], tail?: string): Promise<void>;
}

export interface TransactionOptions {
  /**
   * Serialise with every other writer holding the same lock name, across processes
   * (SQLite: every write transaction already is; PostgreSQL: an advisory transaction lock).
   */
  lock?: string;
}

export interface SqlDriver extends SqlExecutor {
  /** Where the database lives (path, or URL without password). */
  readonly location: string;
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** Largest number of `?` in one IN list or VALUES batch (below both backends' limits). */
export const MAX_PARAMS = 30_000;

/** `(?, ?, ?)` for an IN list of `n` values. */
export function placeholders(n: number): string {
  return `(${new Array<string>(n).fill('?').join(', ')})`;
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
