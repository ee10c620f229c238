/**
 * API tokens (admin only): list, create (the secret is returned once), revoke.
 */
import { issueToken } from '../auth.js';
import { ROLES, type Role } from '../ports.js';
import type { Route } from '../route.js';
import { ref } from '../schemas.js';

/** Routes under `/tokens`. */
export const TOKEN_ROUTES: readonly Route[] = [
  {
    method: 'GET', path: '/tokens', role: 'admin', tag: 'tokens', operationId: 'listTokens',
    summary: 'List tokens (never their secrets)',
    response: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Token') } } },
    async handler(ctx) {
      return { body: { items: await ctx.ports.tokens.list() } };
    },
  },
  {
    method: 'POST', path: '/tokens', role: 'admin', tag: 'tokens', operationId: 'createToken',
    summary: 'Create a token; the response holds the secret, shown this once',
    body: { type: 'object', required: ['role'], additionalProperties: false, properties: { role: { type: 'string', enum: [...ROLES] }, name: { type: 'string', minLength: 1, maxLength: 200 } } },
    response: { type: 'object', required: ['token', 'id'], properties: { token: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } },
    successStatus: 201,
    async handler(ctx) {
      const body = ctx.body as { role: Role; name?: string };
      const { token, info } = await issueToken(ctx.ports.tokens, body.name ?? `${body.role}-token`, body.role);
      return { status: 201, body: { token, ...info } };
    },
  },
  {
    method: 'DELETE', path: '/tokens/{id}', role: 'admin', tag: 'tokens', operationId: 'revokeToken',
    summary: 'Revoke a token', response: { type: 'object', properties: { revoked: { type: 'string' } } },
    async handler(ctx) {
      await ctx.ports.tokens.revoke(ctx.params.id!);
      return { body: { revoked: ctx.params.id } };
    },
  },
];
