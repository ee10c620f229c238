/**
 * API tokens for the server: only the SHA-256 hex hash of the secret is stored, with a role.
 */
import { randomBytes } from 'node:crypto';
import { NotFoundError, UsageError } from '../../model/errors.js';
import type { SqlDriver } from '../sql/driver.js';
import type { TokenInfo, TokenRole, TokensRepository } from '../types.js';

const ROLES: readonly TokenRole[] = ['viewer', 'responder', 'admin'];

interface TokenRow {
  id: string;
  name: string;
  role: TokenRole;
  hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at?: string | null;
}

function infoFromRow(row: TokenRow): TokenInfo {
  const t: TokenInfo = { id: row.id, name: row.name, role: row.role, createdAt: row.created_at };
  if (row.last_used_at !== null) t.lastUsedAt = row.last_used_at;
  if (row.revoked_at !== null) t.revokedAt = row.revoked_at;
  if (row.expires_at) t.expiresAt = row.expires_at;
  return t;
}

/** The tokens repository over a SQL driver. */
export function tokensRepository(db: SqlDriver): TokensRepository {
  return {
    async create({ name, role, hash, id, now = new Date().toISOString(), expiresAt }) {
      if (!ROLES.includes(role)) throw new UsageError(`role must be one of ${ROLES.join('|')}, got \`${role}\``);
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new UsageError('token hash must be a SHA-256 hex digest');
      const tokenId = id ?? `tok${randomBytes(8).toString('hex')}`;
      if (expiresAt !== undefined && Number.isNaN(Date.parse(expiresAt))) throw new UsageError(`token expiry must be an ISO time, got \`${expiresAt}\``);
      await db.run('INSERT INTO api_tokens (id, name, role, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [tokenId, name, role, hash, now, expiresAt ?? null]);
      return { id: tokenId, name, role, createdAt: now, ...(expiresAt !== undefined ? { expiresAt } : {}) };
    },

    async findByHash(hash) {
      const row = await db.get<TokenRow>('SELECT * FROM api_tokens WHERE hash = ? AND revoked_at IS NULL', [hash]);
      return row ? { ...infoFromRow(row), hash: row.hash } : undefined;
    },

    async list() {
      return (await db.all<TokenRow>('SELECT * FROM api_tokens ORDER BY created_at, id')).map(infoFromRow);
    },

    async revoke(id, now = new Date().toISOString()) {
      const n = await db.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, id]);
      if (n === 0 && !(await db.get('SELECT id FROM api_tokens WHERE id = ?', [id]))) throw new NotFoundError('token', id);
    },

    async touch(id, now) {
      await db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [now, id]);
    },
  };
}
