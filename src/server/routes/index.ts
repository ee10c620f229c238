/**
 * The whole route table, in documentation order. The router dispatches it and the OpenAPI
 * document is generated from it.
 */
import { createRequire } from 'node:module';
import { openApiDocument } from '../openapi.js';
import type { Route } from '../route.js';
import { ACTION_ROUTES } from './actions.js';
import { ALERT_ROUTES } from './alerts.js';
import { FINDING_ROUTES } from './findings.js';
import { RULE_ROUTES } from './rules.js';
import { SCAN_ROUTES } from './scans.js';
import { SIMULATE_ROUTES } from './simulate.js';
import { TOKEN_ROUTES } from './tokens.js';

const require = createRequire(import.meta.url);
/** Cordon's package version, published in the OpenAPI document and by health. */
export const VERSION = (require('../../../package.json') as { version: string }).version;

const META_ROUTES: readonly Route[] = [
  {
    method: 'GET', path: '/health', role: 'public', tag: 'meta', operationId: 'health',
    summary: 'Liveness: the only endpoint that needs no token',
    response: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] }, version: { type: 'string' } } },
    handler: () => ({ body: { status: 'ok', version: VERSION } }),
  },
  {
    method: 'GET', path: '/openapi.json', role: 'viewer', tag: 'meta', operationId: 'openapi',
    summary: 'This API as an OpenAPI 3 document (generated from the route table)',
    response: { type: 'object' },
    handler: () => ({ body: OPENAPI }),
  },
  {
    method: 'GET', path: '/whoami', role: 'viewer', tag: 'meta', operationId: 'whoami',
    summary: 'The calling token: its name, id and role (the UI uses it to check a token)',
    response: { type: 'object', required: ['role'], properties: { tokenId: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } },
    handler: (ctx) => ({ body: ctx.caller }),
  },
];

/** Every route of the API. */
export const ROUTES: readonly Route[] = [
  ...META_ROUTES,
  ...SCAN_ROUTES,
  ...FINDING_ROUTES,
  ...RULE_ROUTES,
  ...ALERT_ROUTES,
  ...ACTION_ROUTES,
  ...SIMULATE_ROUTES,
  ...TOKEN_ROUTES,
];

const OPENAPI = openApiDocument(ROUTES, VERSION);
