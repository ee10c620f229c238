/**
 * Starts a real Cordon server on 127.0.0.1 (port 0) over the given ports and issues one token
 * per role.
 */
import { issueToken } from '../../../src/server/auth.js';
import { startServer, type RunningServer, type ServerOptions } from '../../../src/server/http-server.js';
import type { Role, ServerPorts } from '../../../src/server/ports.js';

/** A started server and a token per role. */
export interface TestServer {
  server: RunningServer;
  base: string;
  tokens: Record<Role, string>;
  logs: string[];
}

/** Starts a server; the caller closes it (`after(() => t.server.close())` at file level). */
export async function startTestServer(ports: ServerPorts, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const logs: string[] = [];
  const server = await startServer({ host: '127.0.0.1', port: 0, rateLimit: { perSecond: 0, burst: 0 }, log: (l) => logs.push(l), ...options, ports });
  const tokens = {} as Record<Role, string>;
  for (const role of ['viewer', 'responder', 'admin'] as const) tokens[role] = (await issueToken(ports.tokens, `${role}-test`, role)).token;
  return { server, base: `${server.url}/api/v1`, tokens, logs };
}
