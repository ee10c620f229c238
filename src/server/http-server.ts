/**
 * Cordon's HTTP server on node:http: the API under `/api/v1` and the web UI at `/`, in one
 * process. Order of checks per API request: route → token (401) → rate limit (429) → role (403)
 * → body size (413) and schema (400) → handler. Tokens never reach the log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, authorize } from './auth.js';
import { DEFAULT_BODY_LIMIT, readJsonBody } from './body.js';
import { MethodNotAllowedError, RateLimitedError, toHttpError } from './errors.js';
import type { ServerPorts } from './ports.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { API_ROOT, type Caller, type Route } from './route.js';
import { checkBody, parseQuery, Router } from './router.js';
import { ROUTES } from './routes/index.js';
import { loadStaticAssets, type StaticAsset } from './static-assets.js';

/** How to run a server. */
export interface ServerOptions {
  ports: ServerPorts;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  bodyLimitBytes?: number;
  rateLimit?: RateLimitOptions;
  /** Server-side paths in requests (snapshots, reports) must lie under this directory. */
  fileRoot?: string;
  /** One line per request; defaults to nothing. Never receives a token. */
  log?: (line: string) => void;
  routes?: readonly Route[];
}

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const API_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
const UI_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // Everything comes from this origin; cytoscape sets inline styles on its canvas container.
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

/** Starts the server and resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const handler = createRequestHandler(options);
  const server = createServer((req, res) => {
    // Last line of defence: a failure outside the API's own error handling must not crash the process.
    handler(req, res).catch((err: unknown) => {
      options.log?.(`error internal: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  // Bound slow clients (slowloris): headers within 10 s, the whole request within 30 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The request listener (exported so tests and embedders can mount it elsewhere). */
export function createRequestHandler(options: ServerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const router = new Router(options.routes ?? ROUTES);
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const log = options.log ?? (() => {});
  const lastTouch = new Map<string, number>();
  let assets: Map<string, StaticAsset> | undefined;

  return async (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    let status: number;
    if (url.pathname === API_ROOT || url.pathname.startsWith(`${API_ROOT}/`)) {
      status = await serveApi(req, res, url);
    } else {
      assets ??= loadStaticAssets();
      status = serveStatic(req, res, url.pathname, assets);
    }
    // Path only: the query may carry filters but never a token (tokens travel in a header).
    log(`${req.method} ${url.pathname} ${status} ${(performance.now() - started).toFixed(1)}ms`);
  };

  /** Records a token's last use at most once a minute: a write per request would cost the hot path. */
  function touch(tokenId: string): void {
    const repo = options.ports.tokens;
    const now = Date.now();
    if (!repo.touch || now - (lastTouch.get(tokenId) ?? 0) < 60_000) return;
    lastTouch.set(tokenId, now);
    repo.touch(tokenId, new Date(now).toISOString()).catch((err: unknown) => log(`warning: token touch failed: ${(err as Error).message}`));
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    try {
      const sub = url.pathname.slice(API_ROOT.length) || '/';
      const method = req.method ?? 'GET';
      let resolved: ReturnType<Router['resolve']> | undefined;
      let routeError: unknown;
      try {
        resolved = router.resolve(method, sub);
      } catch (err) {
        routeError = err;
      }
      let caller: Caller | undefined;
      if (!resolved || resolved.route.role !== 'public') {
        // Unknown paths answer 401 to anonymous callers too: the API's shape is not public.
        caller = await authenticate(options.ports.tokens, req.headers.authorization);
        touch(caller.tokenId);
        const wait = limiter.take(caller.tokenId);
        if (wait > 0) throw new RateLimitedError(wait);
      }
      if (!resolved) throw routeError;
      const { route, params, validateBody } = resolved;
      if (route.role !== 'public') authorize(route.role, caller!);
      const query = parseQuery(route.query, url.searchParams);
      let body: unknown;
      if (route.body) {
        body = (await readJsonBody(req, bodyLimit)) ?? {};
        checkBody(validateBody, body);
      }
      const result = await route.handler({ params, query, body, caller, ports: options.ports, fileRoot: options.fileRoot });
      const status = result.status ?? route.successStatus ?? 200;
      res.writeHead(status, API_HEADERS).end(JSON.stringify(result.body));
      return status;
    } catch (err) {
      const { status, envelope, error } = toHttpError(err);
      if (status >= 500) log(`error ${error.code}: ${error.message}`);
      const headers: Record<string, string> = { ...API_HEADERS };
      if (err instanceof RateLimitedError) headers['retry-after'] = String(err.retryAfterSeconds);
      if (err instanceof MethodNotAllowedError) headers.allow = err.allowed.join(', ');
      if (status === 401) headers['www-authenticate'] = 'Bearer realm="cordon"';
      // An unread body would otherwise be parsed as the next request on this connection.
      if (!req.complete) headers.connection = 'close';
      res.writeHead(status, headers).end(JSON.stringify(envelope));
      if (!req.complete) req.resume();
      return status;
    }
  }
}

function serveStatic(req: IncomingMessage, res: ServerResponse, path: string, assets: Map<string, StaticAsset>): number {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...UI_HEADERS, allow: 'GET, HEAD' }).end();
    return 405;
  }
  const asset = assets.get(path);
  if (!asset) {
    res.writeHead(404, { ...UI_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return 404;
  }
  res.writeHead(200, { ...UI_HEADERS, 'content-type': asset.type, 'content-length': asset.body.length, 'cache-control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : asset.body);
  return 200;
}
