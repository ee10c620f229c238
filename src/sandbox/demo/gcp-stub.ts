/**
 * A loopback stub of the Google REST endpoints GCP remediation calls (IAM v2 deny policies with
 * long-running operations answered done, Resource Manager v3 get/setIamPolicy, IAM v1 service
 * account and key state): the demo's stand-in for a GCP organization's IAM, and the tests'.
 * It records every request (method, path, query, body, auth header).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub received. */
export interface StubRequest {
  method: string;
  path: string;
  query: string;
  body: unknown;
  authorization?: string;
}

/** The stub server; `start()` listens on a free loopback port, `url` is its base URL. */
export class GoogleStub {
  readonly requests: StubRequest[] = [];
  readonly denies = new Map<string, Record<string, unknown>>();
  readonly allow = new Map<string, Record<string, unknown>>();
  readonly disabled = new Map<string, boolean>();
  /** Read-side data (Cloud Asset search results, roles, service accounts, keys) for collection. */
  readonly data: { iamPolicies: unknown[]; resources: unknown[]; roles: { name: string }[]; serviceAccounts: { name: string; projectId: string }[]; keys: { name: string; keyType?: string }[] } = { iamPolicies: [], resources: [], roles: [], serviceAccounts: [], keys: [] };
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req).then(([status, body]) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const u = new URL(req.url ?? '/', 'http://stub');
    const path = decodeURIComponent(u.pathname);
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    this.requests.push({ method: req.method ?? '', path, query: u.search, body, authorization: req.headers.authorization });
    const notFound: [number, unknown] = [404, { error: { code: 404, message: 'not found', status: 'NOT_FOUND' } }];
    const op = (name: string, response: Record<string, unknown>): [number, unknown] => [200, { name: `${name}/operations/op1`, done: true, response: { '@type': 'type.googleapis.com/google.iam.v2.Policy', ...response } }];
    let m: RegExpExecArray | null;
    if ((m = /^\/v2\/(policies\/.+\/denypolicies)$/.exec(path)) && req.method === 'POST') {
      const name = `${m[1]}/${u.searchParams.get('policyId')}`;
      const policy = { ...(body as object), name, kind: 'DenyPolicy' };
      this.denies.set(name, policy);
      return op(name, policy);
    }
    if ((m = /^\/v2\/(policies\/.+\/denypolicies\/[^/]+)$/.exec(path))) {
      const policy = this.denies.get(m[1]!);
      if (!policy) return notFound;
      if (req.method === 'DELETE') {
        this.denies.delete(m[1]!);
        return op(m[1]!, policy);
      }
      return [200, policy];
    }
    if ((m = /^\/v3\/((?:projects|folders|organizations)\/[^/:]+):(getIamPolicy|setIamPolicy)$/.exec(path))) {
      if (m[2] === 'setIamPolicy') this.allow.set(m[1]!, (body as { policy: Record<string, unknown> }).policy);
      return [200, this.allow.get(m[1]!) ?? { version: 1, etag: 'ACAB', bindings: [] }];
    }
    if ((m = /^\/v1\/(projects\/[^/]+\/serviceAccounts\/[^/:]+(?:\/keys\/[^/:]+)?)(?::(disable|enable))?$/.exec(path))) {
      if (m[2]) {
        this.disabled.set(m[1]!, m[2] === 'disable');
        return [200, {}];
      }
      return [200, { name: m[1], disabled: this.disabled.get(m[1]!) ?? false }];
    }
    if (req.method === 'GET') {
      if ((m = /^\/v1\/(.+):(searchAllIamPolicies|searchAllResources)$/.exec(path))) return [200, { results: m[2] === 'searchAllIamPolicies' ? this.data.iamPolicies : this.data.resources }];
      if ((m = /^\/v2\/(policies\/.+\/denypolicies)$/.exec(path))) return [200, { policies: [...this.denies.values()].filter((p) => String(p.name).startsWith(`${m![1]}/`)) }];
      if ((m = /^\/v1\/((?:(?:organizations|projects)\/[^/]+\/)?roles\/[^/]+)$/.exec(path))) {
        const role = this.data.roles.find((r) => r.name === m![1]);
        return role ? [200, role] : notFound;
      }
      if ((m = /^\/v1\/projects\/([^/]+)\/serviceAccounts$/.exec(path))) return [200, { accounts: this.data.serviceAccounts.filter((a) => a.projectId === m![1]) }];
      if ((m = /^\/v1\/(projects\/[^/]+\/serviceAccounts\/[^/]+)\/keys$/.exec(path))) return [200, { keys: this.data.keys.filter((k) => k.name.startsWith(`${m![1]}/keys/`) && (k.keyType ?? 'USER_MANAGED') === 'USER_MANAGED') }];
    }
    return notFound;
  }
}
