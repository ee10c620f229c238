/**
 * A route is data: method, path pattern, required role, handler and the OpenAPI metadata the
 * document is generated from. The router and `openapi.ts` read the same table, so the
 * published API cannot drift from what the server does.
 */
import type { ServerPorts, Role } from './ports.js';

/** JSON Schema (OpenAPI 3.0 subset) kept as plain data. */
export type JsonSchema = Record<string, unknown>;

/** A query parameter: validated by the router, documented by OpenAPI. */
export interface QueryParam {
  name: string;
  description: string;
  schema: { type: 'string' | 'integer' | 'boolean'; enum?: readonly string[]; minimum?: number; maximum?: number };
}

/** Who is calling: the token's id, name and role. */
export interface Caller {
  tokenId: string;
  name: string;
  role: Role;
}

/** What a handler receives. */
export interface RequestContext {
  params: Record<string, string>;
  query: Record<string, string | number | boolean | undefined>;
  body: unknown;
  /** Undefined only on public routes. */
  caller: Caller | undefined;
  ports: ServerPorts;
  /** Directory server-side paths (snapshots, reports) must lie in; undefined = no restriction. */
  fileRoot: string | undefined;
}

/** What a handler returns; `status` defaults to 200. */
export interface RouteResult {
  status?: number;
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI-style template under the API root, e.g. `/findings/{id}`. */
  path: string;
  /** Weakest role allowed; `public` needs no token. */
  role: Role | 'public';
  operationId: string;
  summary: string;
  tag: string;
  query?: readonly QueryParam[];
  /** JSON Schema of the body; validated before the handler runs. */
  body?: JsonSchema;
  /** Schema of the 2xx response. */
  response: JsonSchema;
  /** Status of the success response (documentation and default). */
  successStatus?: number;
  handler(ctx: RequestContext): Promise<RouteResult> | RouteResult;
}

/** Base path of every API route. */
export const API_ROOT = '/api/v1';

/** Splits a template into literal segments and `{name}` captures. */
export function templateSegments(path: string): Array<{ literal: string } | { param: string }> {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : { literal: s }));
}

/** Matches a concrete path against a template (segment by segment: no regex); returns the captures. */
export function matchTemplate(template: ReturnType<typeof templateSegments>, path: string): Record<string, string> | undefined {
  const parts = path.split('/').filter((s) => s.length > 0);
  if (parts.length !== template.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = template[i]!;
    const part = parts[i]!;
    if ('literal' in seg) {
      if (seg.literal !== part) return undefined;
    } else {
      let value: string;
      try {
        value = decodeURIComponent(part);
      } catch {
        return undefined;
      }
      params[seg.param] = value;
    }
  }
  return params;
}
