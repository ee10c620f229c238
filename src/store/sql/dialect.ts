/**
 * Every difference between SQLite and PostgreSQL SQL that the store relies on, in one table.
 * SQL text uses `{{token}}`s; `translate` replaces them for a dialect, and PostgreSQL's driver
 * then turns `?` placeholders into `$1, $2, ...`.
 */
import type { Dialect } from './driver.js';

/** Token → [SQLite, PostgreSQL]. */
const TOKENS: Record<string, readonly [string, string]> = {
  /** Text compared byte-wise in both (PostgreSQL's locale collation would order ARNs differently). */
  text: ['TEXT', 'TEXT COLLATE "C"'],
  /** Auto-incrementing 64-bit integer primary key. */
  autoid: ['INTEGER PRIMARY KEY AUTOINCREMENT', 'BIGSERIAL PRIMARY KEY'],
  /** 64-bit integer column. */
  bigint: ['INTEGER', 'BIGINT'],
  /** Scalar min/max of two values (SQLite's two-argument min/max are scalar). */
  least: ['min', 'LEAST'],
  greatest: ['max', 'GREATEST'],
};

const cache = new Map<string, string>();

/** Replaces the dialect tokens of `sql` (cached: SQL text is static). */
export function translate(sql: string, dialect: Dialect): string {
  const cacheKey = `${dialect}\u0000${sql}`;
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit;
  let out = sql;
  if (out.includes('{{')) {
    for (const [token, forms] of Object.entries(TOKENS)) out = out.replaceAll(`{{${token}}}`, forms[dialect === 'sqlite' ? 0 : 1]);
  }
  if (dialect === 'postgres') out = numberPlaceholders(out);
  cache.set(cacheKey, out);
  return out;
}

/**
 * `?` → `$n`. INVARIANT: the store's SQL never has `?` inside a string literal or identifier,
 * so every `?` is a placeholder.
 */
function numberPlaceholders(sql: string): string {
  let n = 0;
  let out = '';
  for (const ch of sql) out += ch === '?' ? `$${++n}` : ch;
  return out;
}
