/**
 * Dispatch over the route table: finds the route for a method and path, checks the query
 * parameters and validates the JSON body against the route's schema (the same schema the
 * OpenAPI document publishes).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { ErrorDetail } from '../model/errors.js';
import { NotFoundError } from '../model/errors.js';
import { BadRequestError, MethodNotAllowedError } from './errors.js';
import { SCHEMAS } from './schemas.js';
import { matchTemplate, templateSegments, type QueryParam, type Route } from './route.js';

/** A route bound to its compiled path template and body validator. */
interface CompiledRoute {
  route: Route;
  segments: ReturnType<typeof templateSegments>;
  validateBody: ValidateFunction | undefined;
}

/** The route table, compiled once at start-up. */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(readonly routes: readonly Route[]) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    this.compiled = routes.map((route) => ({
      route,
      segments: templateSegments(route.path),
      // Bodies may `$ref` the OpenAPI components; embedding them lets the refs resolve as-is.
      validateBody: route.body ? ajv.compile({ ...route.body, components: { schemas: SCHEMAS } }) : undefined,
    }));
  }

  /** The route and path parameters for `method path` (path relative to the API root). */
  resolve(method: string, path: string): { route: Route; params: Record<string, string>; validateBody: ValidateFunction | undefined } {
    const allowed: string[] = [];
    for (const c of this.compiled) {
      const params = matchTemplate(c.segments, path);
      if (!params) continue;
      if (c.route.method === method) return { route: c.route, params, validateBody: c.validateBody };
      allowed.push(c.route.method);
    }
    if (allowed.length > 0) throw new MethodNotAllowedError(allowed);
    throw new NotFoundError('endpoint', `${method} ${path}`);
  }
}

/** Parses and checks query parameters against the route's declarations. Unknown ones are refused. */
export function parseQuery(declared: readonly QueryParam[] = [], search: URLSearchParams): Record<string, string | number | boolean | undefined> {
  const out: Record<string, string | number | boolean | undefined> = {};
  const issues: ErrorDetail[] = [];
  const known = new Set(declared.map((q) => q.name));
  for (const key of new Set(search.keys())) {
    if (!known.has(key)) issues.push({ message: `unknown query parameter \`${key}\``, pointer: `/query/${key}` });
  }
  for (const q of declared) {
    const raw = search.get(q.name);
    if (raw === null || raw === '') continue;
    const pointer = `/query/${q.name}`;
    if (q.schema.type === 'integer') {
      const n = Number(raw);
      const ok = Number.isInteger(n) && (q.schema.minimum === undefined || n >= q.schema.minimum) && (q.schema.maximum === undefined || n <= q.schema.maximum);
      if (!ok) issues.push({ message: `\`${q.name}\` must be an integer in [${q.schema.minimum ?? '-∞'}, ${q.schema.maximum ?? '∞'}]`, pointer });
      else out[q.name] = n;
    } else if (q.schema.type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') issues.push({ message: `\`${q.name}\` must be true or false`, pointer });
      else out[q.name] = raw === 'true';
    } else if (q.schema.enum && !q.schema.enum.includes(raw)) {
      issues.push({ message: `\`${q.name}\` must be one of ${q.schema.enum.join('|')}, got \`${raw}\``, pointer });
    } else {
      out[q.name] = raw;
    }
  }
  if (issues.length > 0) throw new BadRequestError('invalid query parameters', issues);
  return out;
}

/** Validates a parsed body with the route's compiled schema; issues carry JSON pointers. */
export function checkBody(validate: ValidateFunction | undefined, body: unknown): void {
  if (!validate) return;
  if (validate(body)) return;
  const issues: ErrorDetail[] = (validate.errors ?? []).map((e) => ({
    message: `${e.instancePath || 'body'} ${e.message ?? 'is invalid'}`,
    pointer: e.instancePath || '/',
  }));
  throw new BadRequestError('request body does not match the schema', issues);
}
