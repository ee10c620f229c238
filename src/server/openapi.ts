/**
 * Generates the OpenAPI 3 document from the route table (the same table the router dispatches),
 * so the published description cannot drift from the server's behaviour.
 */
import { API_ROOT, type JsonSchema, type Route } from './route.js';
import { SCHEMAS } from './schemas.js';

const ERROR_REF = { $ref: '#/components/schemas/Error' };

/** Error responses every route may give, by the route's needs. */
function errorResponses(route: Route): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const add = (status: number, description: string) => (out[String(status)] = { description, content: { 'application/json': { schema: ERROR_REF } } });
  if (route.body || route.query?.length) add(400, 'invalid request (`bad_input`)');
  if (route.role !== 'public') {
    add(401, 'missing or invalid bearer token (`unauthorized`)');
    add(403, `token role below \`${route.role}\` (\`forbidden\`)`);
    add(429, 'per-token rate limit exceeded (`rate_limited`)');
  }
  if (route.path.includes('{')) add(404, 'no such object (`not_found`)');
  if (route.body) add(413, 'request body over the size limit (`payload_too_large`)');
  add(500, 'internal error (`internal`; no detail leaks)');
  add(501, 'feature not in this build (`not_implemented`)');
  return out;
}

function parameters(route: Route): unknown[] {
  const path = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const query = (route.query ?? []).map((q) => ({ name: q.name, in: 'query', required: false, description: q.description, schema: q.schema }));
  return [...path, ...query];
}

/** The OpenAPI 3.0 document for `routes`. */
export function openApiDocument(routes: readonly Route[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const key = `${API_ROOT}${route.path}`;
    const op: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      description: route.role === 'public' ? 'No token needed.' : `Requires role \`${route.role}\` or above (viewer < responder < admin).`,
      parameters: parameters(route),
      responses: {
        [String(route.successStatus ?? 200)]: { description: 'success', content: { 'application/json': { schema: route.response } } },
        ...errorResponses(route),
      },
      security: route.role === 'public' ? [] : [{ bearerAuth: [] }],
      'x-cordon-role': route.role,
    };
    if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: route.body } } };
    (paths[key] ??= {})[route.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Cordon API',
      version,
      description: 'Cordon HTTP API: findings, scans, archive rules, alerts, remediation, containment, simulation. Errors use the envelope `{code, message, errors[]}`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A token from `cordon tokens create`.' } },
      schemas: SCHEMAS,
    },
  };
}
