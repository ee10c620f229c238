/**
 * Bearer-token authentication. A token is 32 random bytes (base64url, prefixed `cdn_` so leaked
 * tokens are recognisable by secret scanners); only its SHA-256 hash is stored. The raw token
 * is shown once at creation and never logged.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, UnauthorizedError } from './errors.js';
import { ROLES, type Role, type TokenInfo, type TokenRepository } from './ports.js';
import type { Caller } from './route.js';

/** Prefix of every Cordon API token. */
export const TOKEN_PREFIX = 'cdn_';

/** A fresh random token (the secret) — 32 bytes of CSPRNG output. */
export function generateToken(random: (n: number) => Buffer = randomBytes): string {
  return `${TOKEN_PREFIX}${random(32).toString('base64url')}`;
}

/** SHA-256 of the token, hex: what the store keeps. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a token in the repository and returns the secret (to show once) with its record. */
export async function issueToken(repo: TokenRepository, name: string, role: Role, expiresAt?: string): Promise<{ token: string; info: TokenInfo }> {
  const token = generateToken();
  const info = await repo.create({ name, role, hash: hashToken(token), ...(expiresAt !== undefined ? { expiresAt } : {}) });
  return { token, info };
}

/** Reads `Authorization: Bearer <token>`; undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space < 0) return undefined;
  if (header.slice(0, space).toLowerCase() !== 'bearer') return undefined;
  const token = header.slice(space + 1).trim();
  return token.length > 0 && token.length <= 512 ? token : undefined;
}

/** Resolves the caller from the Authorization header or throws `unauthorized`. */
export async function authenticate(repo: TokenRepository, header: string | undefined, now: Date = new Date()): Promise<Caller> {
  const token = bearerToken(header);
  if (!token) throw new UnauthorizedError();
  const hash = hashToken(token);
  const record = await repo.findByHash(hash);
  // The lookup is by hash (an index, so no timing oracle on the secret); the compare below
  // guards adapters that match loosely (e.g. case-insensitive collations).
  if (!record || record.revokedAt || !constantTimeEqual(record.hash, hash)) throw new UnauthorizedError();
  if (record.expiresAt !== undefined && !(Date.parse(record.expiresAt) > now.getTime())) throw new UnauthorizedError('the token has expired');
  return { tokenId: record.id, name: record.name, role: record.role };
}

/** Throws `forbidden` unless `actual` is at least `required`. */
export function authorize(required: Role, caller: Caller): void {
  if (ROLES.indexOf(caller.role) < ROLES.indexOf(required)) throw new ForbiddenError(required, caller.role);
}

/** Constant-time equality of two hex strings (false on length mismatch). */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when `value` names a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
