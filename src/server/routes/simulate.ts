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
        snapshot: { oneOf: [{ type: 'string', minLength: 1, maxLength: 4096 }, { type: 'array', items: { type: 'string', minLength: 1, maxLength: 4096 }, minItems: 1, maxItems: 100 }] },
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
          // Limits: IAM actions are under 128 characters and ARNs at most 2,048; anything longer is hostile.
          properties: {
            principal: { type: 'string', maxLength: 2048 },
            action: { type: 'string', minLength: 1, maxLength: 256 },
            resource: { type: 'string', minLength: 1, maxLength: 4096 },
            context: {
              type: 'object', maxProperties: 100, propertyNames: { maxLength: 256 },
              additionalProperties: { oneOf: [{ type: 'string', maxLength: 4096 }, { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 4096 } }] },
            },
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
