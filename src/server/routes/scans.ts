/**
 * Scans: start one (snapshot files on the server, or a live account), list, show.
 */
import type { Route } from '../route.js';
import { pageOf, ref } from '../schemas.js';
import { actorOf, asList, found, limitOf, PAGING, requirePort, serverPath } from './helpers.js';

const STRINGS = { oneOf: [{ type: 'string', minLength: 1, maxLength: 4096 }, { type: 'array', items: { type: 'string', minLength: 1, maxLength: 4096 }, minItems: 1, maxItems: 100 }] };

/** Routes under `/scans`. */
export const SCAN_ROUTES: readonly Route[] = [
  {
    method: 'POST', path: '/scans', role: 'responder', tag: 'scans', operationId: 'startScan',
    summary: 'Scan snapshot files on the server (paths inside --file-root) or a live account; waits for the result',
    body: {
      type: 'object', additionalProperties: false,
      properties: {
        snapshot: { ...STRINGS, description: 'server-side path(s) of `get-account-authorization-details` JSON' },
        live: { type: 'object', additionalProperties: false, properties: { profile: { type: 'string' }, region: { type: 'string' }, endpointUrl: { type: 'string' } } },
      },
      oneOf: [{ required: ['snapshot'] }, { required: ['live'] }],
    },
    response: ref('Scan'),
    successStatus: 201,
    async handler(ctx) {
      const start = requirePort(ctx.ports.scans.start, 'scanning');
      const body = ctx.body as { snapshot?: string | string[]; live?: { profile?: string; region?: string; endpointUrl?: string } };
      const snapshot = asList(body.snapshot)?.map((p, i) => serverPath(ctx, p, `/snapshot/${i}`));
      const scan = await start({ ...(snapshot ? { snapshot } : {}), ...(body.live ? { live: body.live } : {}), actor: actorOf(ctx.caller).actor, ...(ctx.fileRoot !== undefined ? { fileRoot: ctx.fileRoot } : {}) });
      return { status: 201, body: scan };
    },
  },
  {
    method: 'GET', path: '/scans', role: 'viewer', tag: 'scans', operationId: 'listScans',
    summary: 'List scans, newest first', query: PAGING, response: pageOf('Scan'),
    async handler(ctx) {
      return { body: await ctx.ports.scans.list(limitOf(ctx), ctx.query.cursor as string | undefined) };
    },
  },
  {
    method: 'GET', path: '/scans/{id}', role: 'viewer', tag: 'scans', operationId: 'getScan',
    summary: 'Show one scan', response: ref('Scan'),
    async handler(ctx) {
      const id = ctx.params.id!;
      return { body: found(await ctx.ports.scans.get(id), 'scan', id) };
    },
  },
];
