/**
 * Simulation: would this request be allowed, and why — against snapshot files on the server or
 * inline policies.
 */
import type { SimulateRequest } from '../ports.js';
import type { Route } from '../route.js';
import { ref } from '../schemas.js';
import { asList, requirePort, serverPath } from './helpers.js';

/** `POST /simulate`. */
export const SIMULATE_ROUTES: readonly Route[] = [
  {
    method: 'POST', path: '/simulate', role: 'viewer', tag: 'simulate', operationId: 'simulate',
    summary: 'Evaluate one request with the authorization engine: decision and explanation',
    body: {
      type: 'object', required: ['request'], additionalProperties: false,
      properties: {
        snapshot: { oneOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }] },
        policies: {
          type: 'object', additionalProperties: false,
          description: 'inline policy documents by kind',
          properties: {
            identity: { type: 'array', items: { type: 'object' } },
            resource: { type: 'object' },
            boundary: { type: 'object' },
            scp: { type: 'array', items: { type: 'object' } },
            session: { type: 'object' },
          },
        },
        request: {
          type: 'object', required: ['action', 'resource'], additionalProperties: false,
          properties: {
            principal: { type: 'string' },
            action: { type: 'string', minLength: 1 },
            resource: { type: 'string', minLength: 1 },
            context: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } },
          },
        },
      },
      oneOf: [{ required: ['snapshot'] }, { required: ['policies'] }],
    },
    response: ref('Anything'),
    async handler(ctx) {
      const body = ctx.body as { snapshot?: string | string[]; policies?: unknown; request: SimulateRequest };
      const port = requirePort(ctx.ports.simulate, 'simulation');
      const snapshot = asList(body.snapshot)?.map((p, i) => serverPath(ctx, p, `/snapshot/${i}`));
      return { body: await port.simulate({ ...(snapshot ? { snapshot } : {}), ...(body.policies ? { policies: body.policies } : {}), request: body.request, ...(ctx.fileRoot !== undefined ? { fileRoot: ctx.fileRoot } : {}) }) };
    },
  },
];
