/**
 * Small helpers shared by the route tables.
 */
import { resolve } from 'node:path';
import { isInside, refusedPath } from '../../store/confined-file.js';
import { NotFoundError } from '../../model/errors.js';
import { NotImplementedError } from '../errors.js';
import type { Actor } from '../ports.js';
import type { Caller, QueryParam, RequestContext } from '../route.js';

/** Default and maximum page sizes of listings. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** The paging query parameters every listing accepts. */
export const PAGING: readonly QueryParam[] = [
  { name: 'limit', description: `page size (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})`, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT } },
  { name: 'cursor', description: 'opaque cursor from the previous page `nextCursor`', schema: { type: 'string' } },
];

/** The actor recorded in the store's history for a call: the token's name and id, never its secret. */
export function actorOf(caller: Caller | undefined, reason?: string): Actor {
  const actor = caller ? `token:${caller.name}#${caller.tokenId}` : 'anonymous';
  return reason === undefined ? { actor } : { actor, reason };
}

/** Returns the port, or answers 501 when that part of Cordon is not in this build. */
export function requirePort<T>(port: T | undefined, feature: string): T {
  if (port === undefined) throw new NotImplementedError(feature);
  return port;
}

/** Returns `value`, or throws `not_found` naming `what` and `id`. */
export function found<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw new NotFoundError(what, id);
  return value;
}

/** Page size from the query, defaulted. */
export function limitOf(ctx: RequestContext): number {
  return (ctx.query.limit as number | undefined) ?? DEFAULT_LIMIT;
}

/**
 * Resolves a server-side path from a request, relative to the file root. A path that leaves the
 * root lexically is refused here with the same message the confined reader gives for missing,
 * symlinked-out or non-regular files (so replies never reveal what exists); the reader re-checks
 * after resolving symlinks.
 */
export function serverPath(ctx: RequestContext, path: string, pointer: string): string {
  const root = ctx.fileRoot;
  const full = resolve(root ?? process.cwd(), path);
  if (root !== undefined && !isInside(resolve(root), full)) throw refusedPath(path, pointer);
  return full;
}

/** A string or list of strings from a body field, as a list. */
export function asList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}
