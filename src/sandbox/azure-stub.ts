/**
 * A local HTTPS stub of the ARM and Microsoft Graph endpoints Cordon's Azure adapters call (role
 * assignments, role eligibility schedule requests, users/servicePrincipals accountEnabled) for the
 * demo and the tests. TLS with the certificate given (tests make one with `openssl`; the demo uses
 * the shipped loopback-only one in ./demo/azure-stub-cert). Records every request so tests can
 * check what the real SDK sent. Responses follow the shapes of the ARM and Graph REST references.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  body?: unknown;
}

export interface AzureStub {
  url: string;
  ca: string;
  requests: StubRequest[];
  /** Role assignments by lowercase `scope|name`: ARM `properties`. */
  assignments: Map<string, Record<string, unknown>>;
  /** accountEnabled by object id. */
  accounts: Map<string, boolean>;
  eligibilityRequests: Record<string, unknown>[];
  /** Resource Graph rows by table (`authorizationresources`, `resources`, `resourcecontainers`). */
  argTables: Record<string, unknown[]>;
  /** ARM list responses by lowercase path (deny assignments, eligibility schedules): `value` rows. */
  armLists: Map<string, unknown[]>;
  /** Graph collections by path (`/users`, ...): one page each. */
  graphCollections: Map<string, unknown>;
  close(): Promise<void>;
}

/** The demo's shipped loopback certificate and key. */
export function demoStubCertificate(): { key: string; cert: string } {
  const dir = fileURLToPath(new URL('./demo/azure-stub-cert/', import.meta.url));
  return { key: readFileSync(`${dir}key.pem`, 'utf8'), cert: readFileSync(`${dir}cert.pem`, 'utf8') };
}

const RA = '/providers/microsoft.authorization/roleassignments/';
const ELIG = '/providers/microsoft.authorization/roleeligibilityschedulerequests/';

export async function startAzureStub(tls: { key: string; cert: string } = demoStubCertificate()): Promise<AzureStub> {
  const { key, cert } = tls;
  const assignments = new Map<string, Record<string, unknown>>();
  const accounts = new Map<string, boolean>();
  const requests: StubRequest[] = [];
  const eligibilityRequests: Record<string, unknown>[] = [];
  const argTables: Record<string, unknown[]> = {};
  const armLists = new Map<string, unknown[]>();
  const graphCollections = new Map<string, unknown>();
  const server: Server = createServer({ key, cert }, (req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      // The SDK joins `/{scope}` with a scope that starts with `/`, giving `//subscriptions/...`;
      // ARM treats repeated slashes as one, so the stub does too (and must not read it as a host).
      const u = new URL((req.url ?? '/').replace(/^\/+/, '/'), 'https://127.0.0.1');
      const path = decodeURIComponent(u.pathname);
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      requests.push({ method: req.method ?? '', path, query: Object.fromEntries(u.searchParams), authorization: req.headers.authorization, body });
      const send = (code: number, json?: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(json === undefined ? '' : JSON.stringify(json));
      };
      const lower = path.toLowerCase();
      if (lower === '/providers/microsoft.resourcegraph/resources' && req.method === 'POST') {
        const table = String((body as { query?: string }).query ?? '').split(' ')[0]!;
        const data = argTables[table] ?? [];
        return send(200, { totalRecords: data.length, count: data.length, resultTruncated: 'false', data });
      }
      if (req.method === 'GET' && armLists.has(lower)) return send(200, { value: armLists.get(lower) });
      if (req.method === 'GET' && graphCollections.has(path.replace(/^\/v1\.0/, ''))) return send(200, graphCollections.get(path.replace(/^\/v1\.0/, '')));
      if (lower.includes(RA)) {
        const at = lower.indexOf(RA);
        const scope = path.slice(0, at);
        const name = path.slice(at + RA.length);
        const k = `${scope.toLowerCase()}|${name}`;
        const doc = (p: Record<string, unknown>) => ({ id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`, name, type: 'Microsoft.Authorization/roleAssignments', properties: { ...p, scope } });
        if (req.method === 'GET') return assignments.has(k) ? send(200, doc(assignments.get(k)!)) : send(404, { error: { code: 'RoleAssignmentNotFound', message: 'not found' } });
        if (req.method === 'PUT') {
          const created = !assignments.has(k);
          assignments.set(k, (body as { properties: Record<string, unknown> }).properties);
          return send(created ? 201 : 200, doc(assignments.get(k)!));
        }
        if (req.method === 'DELETE') {
          const had = assignments.get(k);
          assignments.delete(k);
          return had ? send(200, doc(had)) : send(204);
        }
      }
      if (lower.includes(ELIG) && req.method === 'PUT') {
        eligibilityRequests.push((body as { properties: Record<string, unknown> }).properties);
        const name = path.slice(lower.indexOf(ELIG) + ELIG.length);
        return send(201, { id: path, name, type: 'Microsoft.Authorization/RoleEligibilityScheduleRequests', properties: { ...(body as { properties: object }).properties, status: 'Provisioned' } });
      }
      const graph = /^\/v1\.0\/(users|servicePrincipals)\/([^/]+)$/.exec(path);
      if (graph) {
        const id = graph[2]!;
        if (!accounts.has(id)) return send(404, { error: { code: 'Request_ResourceNotFound', message: 'not found' } });
        if (req.method === 'GET') return send(200, { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${graph[1]}(accountEnabled)/$entity`, accountEnabled: accounts.get(id) });
        if (req.method === 'PATCH') {
          accounts.set(id, (body as { accountEnabled: boolean }).accountEnabled);
          return send(204);
        }
      }
      send(400, { error: { code: 'StubUnknownRoute', message: `${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`, ca: cert, requests, assignments, accounts, eligibilityRequests, argTables, armLists, graphCollections,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
