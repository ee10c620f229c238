/**
 * Paging helpers: limits, opaque cursors (base64url of the sort key of the last row), and JSON
 * columns. Keyset paging keeps pages stable while rows are added.
 */
import { UsageError } from '../model/errors.js';
import type { PageQuery } from './types.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** The page size to use, clamped to [1, MAX_LIMIT]. */
export function pageLimit(query: PageQuery): number {
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`limit must be a positive integer, got \`${limit}\``);
  return Math.min(limit, MAX_LIMIT);
}

/** Encodes a sort key as an opaque cursor. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` with `arity` parts; a bad cursor is a usage error. */
export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string')) return key as string[];
  } catch {
    // fall through to the usage error
  }
  throw new UsageError(`invalid cursor \`${cursor}\``);
}

/** Parses a JSON text column (null stays undefined). */
export function parseJson<T>(text: string | null | undefined): T | undefined {
  return text === null || text === undefined ? undefined : (JSON.parse(text) as T);
}

/** Values of a filter that may be one value or a list. */
export function asList<T>(value: T | T[] | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** Builds a WHERE clause from conditions and their parameters. */
export class Where {
  readonly conditions: string[] = [];
  readonly params: (string | number)[] = [];

  /** Adds `column = ?` (or `IN (...)` for a list); skipped when `value` is undefined. */
  eq(column: string, value: string | string[] | undefined): this {
    const list = asList(value);
    if (!list) return this;
    if (list.length === 1) this.add(`${column} = ?`, list[0]!);
    else this.add(`${column} IN (${list.map(() => '?').join(', ')})`, ...list);
    return this;
  }
  add(condition: string, ...params: (string | number)[]): this {
    this.conditions.push(condition);
    this.params.push(...params);
    return this;
  }
  toString(): string {
    return this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
