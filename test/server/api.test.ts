/**
 * Every API endpoint against a real server on 127.0.0.1: unauthenticated → 401, a role below
 * the required one → 403, the happy path with the right role; error envelopes; the route table
 * and the OpenAPI document list the same endpoints.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES, type Role, type ServerPorts } from '../../src/server/ports.js';
import { API_ROOT } from '../../src/server/route.js';
import { ROUTES } from '../../src/server/routes/index.js';
import { issueToken } from '../../src/server/auth.js';
import { ALERT, ESCALATION, EXTERNAL } from './helpers/fixtures.js';
import { call } from './helpers/http.js';
import { serverPortsForTest } from './helpers/ports-for-test.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

interface Case {
  method: string;
  path: string;
  role: Role | 'public';
  body?: unknown;
  status: number;
  /** Checks the happy-path body. */
  check?: (body: Record<string, unknown>) => void;
}

let t: TestServer;
let ports: ServerPorts;
let cleanup: () => Promise<void>;
const ids: Record<string, string> = {};

before(async () => {
  const made = await serverPortsForTest({ withActions: true });
  ports = made.ports;
  cleanup = made.close;
  t = await startTestServer(ports);
  const scan = await ports.scans.start!({ snapshot: ['seed.json'], actor: 'test' });
  ids.scan = scan.id;
  ids.rule = (await ports.rules.create({ name: 'keep', filter: { resourceType: { eq: ['AWS::S3::Bucket'] } } }, { actor: 'test' })).id;
  ids.ruleToDelete = (await ports.rules.create({ name: 'drop', filter: { resourceType: { eq: ['AWS::SQS::Queue'] } } }, { actor: 'test' })).id;
  ids.token = (await issueToken(ports.tokens, 'spare', 'viewer')).info.id;
});
after(async () => {
  await t.server.close();
  await cleanup();
});

const sub = (path: string) =>
  path
    .replace('{scanId}', ids.scan!)
    .replace('{ruleId}', ids.rule!)
    .replace('{ruleToDelete}', ids.ruleToDelete!)
    .replace('{tokenId}', ids.token!);

/** Every endpoint, with its role and a valid request. Templates use named ids filled in `before`. */
const CASES: Case[] = [
  { method: 'GET', path: '/health', role: 'public', status: 200, check: (b) => assert.equal(b.status, 'ok') },
  { method: 'GET', path: '/openapi.json', role: 'viewer', status: 200, check: (b) => assert.equal(b.openapi, '3.0.3') },
  { method: 'GET', path: '/whoami', role: 'viewer', status: 200, check: (b) => assert.equal(b.role, 'viewer') },
  { method: 'POST', path: '/scans', role: 'responder', body: { snapshot: 'gaad.json' }, status: 201, check: (b) => assert.ok(typeof b.id === 'string') },
  { method: 'GET', path: '/scans', role: 'viewer', status: 200, check: (b) => assert.ok((b.items as unknown[]).length >= 1) },
  { method: 'GET', path: '/scans/{scanId}', role: 'viewer', status: 200, check: (b) => assert.ok(b.id) },
  { method: 'GET', path: '/findings', role: 'viewer', status: 200, check: (b) => assert.equal((b.items as unknown[]).length, 3) },
  { method: 'GET', path: `/findings/${ESCALATION.id}`, role: 'viewer', status: 200, check: (b) => assert.equal((b.path as unknown[]).length, 3) },
  {
    method: 'GET', path: `/findings/${ESCALATION.id}/history`, role: 'viewer', status: 200,
    check: (b) => assert.deepEqual((b.items as Array<{ to: string; by: string }>).map((e) => [e.to, e.by]), [['ACTIVE', 'scan']]),
  },
  { method: 'POST', path: `/findings/${EXTERNAL.id}/archive`, role: 'responder', body: { reason: 'expected partner' }, status: 200, check: (b) => assert.equal(b.status, 'ARCHIVED') },
  { method: 'POST', path: `/findings/${EXTERNAL.id}/unarchive`, role: 'responder', status: 200, check: (b) => assert.equal(b.status, 'ACTIVE') },
  { method: 'GET', path: '/archive-rules', role: 'viewer', status: 200, check: (b) => assert.ok((b.items as unknown[]).length >= 2) },
  { method: 'POST', path: '/archive-rules', role: 'admin', body: { name: 'partners', filter: { resourceType: { eq: ['AWS::KMS::Key'] } } }, status: 201, check: (b) => assert.equal(b.name, 'partners') },
  { method: 'GET', path: '/archive-rules/{ruleId}', role: 'viewer', status: 200, check: (b) => assert.equal(b.name, 'keep') },
  { method: 'PUT', path: '/archive-rules/{ruleId}', role: 'admin', body: { filter: { resourceType: { eq: ['AWS::IAM::Role'] } } }, status: 200, check: (b) => assert.deepEqual(b.filter, { resourceType: { eq: ['AWS::IAM::Role'] } }) },
  { method: 'POST', path: '/archive-rules/{ruleId}/apply', role: 'admin', status: 200, check: (b) => assert.deepEqual([...(b.archived as string[])].sort(), [EXTERNAL.id, 'rsk0000000000000000000000000003']) },
  { method: 'DELETE', path: '/archive-rules/{ruleToDelete}', role: 'admin', status: 200 },
  { method: 'GET', path: '/alerts', role: 'viewer', status: 200, check: (b) => assert.equal((b.items as unknown[]).length, 1) },
  { method: 'GET', path: `/alerts/${ALERT.id}`, role: 'viewer', status: 200, check: (b) => assert.equal(b.eventName, 'CreateAccessKey') },
  { method: 'POST', path: '/remediation/plan', role: 'viewer', body: { findingId: EXTERNAL.id }, status: 200, check: (b) => assert.ok(b.cli) },
  { method: 'POST', path: '/remediation/apply', role: 'responder', body: { findingId: EXTERNAL.id }, status: 200, check: (b) => assert.equal(b.applied, true) },
  { method: 'POST', path: '/remediation/rollback', role: 'responder', body: { findingId: EXTERNAL.id }, status: 200, check: (b) => assert.equal(b.rolledBack, true) },
  {
    method: 'POST', path: '/permission/alert/remediation', role: 'viewer', body: { alerts: [EXTERNAL.id] }, status: 200,
    check: (b) => {
      assert.equal(typeof (b.alertIdVsCliScript as Record<string, string>)[EXTERNAL.id], 'string');
      assert.equal(typeof b.cliDescription, 'string');
    },
  },
  { method: 'POST', path: '/containment/contain', role: 'responder', body: { type: 'iam-user', name: 'mallory' }, status: 200, check: (b) => assert.equal(b.dryRun, true) },
  { method: 'POST', path: '/containment/release', role: 'responder', body: { report: 'exec1' }, status: 200, check: (b) => assert.equal(b.dryRun, true) },
  { method: 'GET', path: '/containment/reports', role: 'viewer', status: 200, check: (b) => assert.ok(Array.isArray(b.items)) },
  {
    method: 'POST', path: '/simulate', role: 'viewer', status: 200, check: (b) => assert.equal(b.decision, 'Allowed'),
    body: { policies: { identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }] }, request: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' } },
  },
  { method: 'GET', path: '/tokens', role: 'admin', status: 200, check: (b) => assert.ok((b.items as Array<Record<string, unknown>>).every((x) => !('hash' in x) && !('token' in x))) },
  { method: 'POST', path: '/tokens', role: 'admin', body: { role: 'viewer', name: 'ci' }, status: 201, check: (b) => assert.match(String(b.token), /^cdn_[A-Za-z0-9_-]{43}$/) },
  { method: 'DELETE', path: '/tokens/{tokenId}', role: 'admin', status: 200 },
];

function templateOf(c: Case): string {
  return c.path
    .replace(`${ESCALATION.id}`, '{id}')
    .replace(EXTERNAL.id, '{id}')
    .replace(ALERT.id, '{id}')
    .replace(/\{(scanId|ruleId|ruleToDelete|tokenId)\}/, '{id}');
}

describe('API endpoints', () => {
  test('the case table covers every route of the table, and nothing else', () => {
    const routes = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    const cases = [...new Set(CASES.map((c) => `${c.method} ${templateOf(c)}`))].sort();
    assert.deepEqual(cases, routes);
  });

  for (const c of CASES) {
    test(`${c.method} ${c.path} (${c.role})`, async () => {
      const path = sub(c.path);
      const body = c.body ?? (c.method === 'POST' || c.method === 'PUT' ? {} : undefined);
      if (c.role !== 'public') {
        const anon = await call(t.base, c.method, path, { body });
        assert.equal(anon.status, 401, 'no token → 401');
        assert.equal((anon.body as { code: string }).code, 'unauthorized');
        const bad = await call(t.base, c.method, path, { body, token: 'cdn_not-a-real-token' });
        assert.equal(bad.status, 401, 'unknown token → 401');
        const below = ROLES[ROLES.indexOf(c.role) - 1];
        if (below) {
          const res = await call(t.base, c.method, path, { body, token: t.tokens[below] });
          assert.equal(res.status, 403, `role ${below} → 403`);
          assert.equal((res.body as { code: string }).code, 'forbidden');
        }
      }
      const token = c.role === 'public' ? undefined : t.tokens[c.role];
      const res = await call(t.base, c.method, path, { body, ...(token ? { token } : {}) });
      assert.equal(res.status, c.status, JSON.stringify(res.body));
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      c.check?.(res.body as Record<string, unknown>);
    });
  }
});

describe('API behaviour', () => {
  test('error envelopes have code, message and errors[]', async () => {
    const missing = await call(t.base, 'GET', '/findings/doesnotexist', { token: t.tokens.viewer });
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys(missing.body as object).sort(), ['code', 'errors', 'message']);
    assert.equal((missing.body as { code: string }).code, 'not_found');

    const badQuery = await call(t.base, 'GET', '/findings?status=OPEN&limit=0', { token: t.tokens.viewer });
    assert.equal(badQuery.status, 400);
    const errors = (badQuery.body as { errors: Array<{ pointer: string }> }).errors.map((e) => e.pointer).sort();
    assert.deepEqual(errors, ['/query/limit', '/query/status']);

    const badBody = await call(t.base, 'POST', '/archive-rules', { token: t.tokens.admin, body: { filter: {} } });
    const badFilter = await call(t.base, 'POST', '/archive-rules', { token: t.tokens.admin, body: { name: 'x', filter: { nosuchkey: { eq: ['a'] } } } });
    assert.equal(badFilter.status, 400);
    assert.equal((badFilter.body as { errors: Array<{ pointer: string }> }).errors[0]!.pointer, '/nosuchkey');
    assert.equal(badBody.status, 400);
    assert.equal((badBody.body as { code: string }).code, 'bad_input');

    const notJson = await call(t.base, 'POST', '/archive-rules', { token: t.tokens.admin, rawBody: '{"name":' });
    assert.equal(notJson.status, 400);

    const wrongMethod = await call(t.base, 'DELETE', '/findings', { token: t.tokens.admin });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'GET');
  });

  test('unknown API paths answer 401 to anonymous callers and 404 to authenticated ones', async () => {
    assert.equal((await call(t.base, 'GET', '/nope')).status, 401);
    assert.equal((await call(t.base, 'GET', '/nope', { token: t.tokens.viewer })).status, 404);
  });

  test('filters and paging on findings', async () => {
    const first = await call(t.base, 'GET', '/findings?limit=2', { token: t.tokens.viewer });
    const page1 = first.body as { items: Array<{ id: string }>; nextCursor?: string };
    assert.equal(page1.items.length, 2);
    assert.ok(page1.nextCursor);
    const second = await call(t.base, 'GET', `/findings?limit=2&cursor=${encodeURIComponent(page1.nextCursor!)}`, { token: t.tokens.viewer });
    const page2 = second.body as { items: Array<{ id: string }>; nextCursor?: string };
    assert.equal(page2.items.length, 1);
    assert.equal(page2.nextCursor, undefined);
    assert.equal(new Set([...page1.items, ...page2.items].map((f) => f.id)).size, 3);
    const esc = await call(t.base, 'GET', '/findings?type=PrivilegeEscalation&severity=CRITICAL', { token: t.tokens.viewer });
    assert.deepEqual((esc.body as { items: Array<{ id: string }> }).items.map((f) => f.id), [ESCALATION.id]);
  });

  test('archive and unarchive are recorded with the token name and reason', async () => {
    const res = await call(t.base, 'GET', `/findings/${EXTERNAL.id}/history`, { token: t.tokens.viewer });
    const events = (res.body as { items: Array<{ to: string; by: string; actor?: string; reason?: string }> }).items.filter((e) => e.by === 'user');
    assert.deepEqual(events.map((e) => e.to), ['ARCHIVED', 'ACTIVE']);
    assert.match(events[0]!.actor ?? '', /^token:responder-test#tok/);
    assert.equal(events[0]!.reason, 'expected partner');
  });

  test('a revoked token is refused', async () => {
    const { token, info } = await issueToken(ports.tokens, 'short-lived', 'admin');
    assert.equal((await call(t.base, 'GET', '/whoami', { token })).status, 200);
    assert.equal((await call(t.base, 'DELETE', `/tokens/${info.id}`, { token })).status, 200);
    assert.equal((await call(t.base, 'GET', '/whoami', { token })).status, 401);
  });

  test('alerts filter by any of their rules and by actor; the schema lists rules and findings', async () => {
    const q = (query: string) => call(t.base, 'GET', `/alerts?${query}`, { token: t.tokens.viewer });
    const hit = await q(`ruleId=${ALERT.rules[0]!.id}&actor=${encodeURIComponent(ALERT.actor)}`);
    assert.equal(hit.status, 200);
    assert.deepEqual((hit.body as { items: { id: string; rules: unknown[] }[] }).items.map((a) => [a.id, a.rules.length]), [[ALERT.id, 1]]);
    assert.deepEqual((await q(`actor=${encodeURIComponent('arn:aws:iam::000000000000:user/nobody')}`)).body, { items: [] });
    assert.deepEqual((await q('ruleId=no-such-rule')).body, { items: [] });
    const doc = (await call(t.base, 'GET', '/openapi.json', { token: t.tokens.viewer })).body as { components: { schemas: { Alert: { required: string[]; properties: Record<string, unknown> } } } };
    assert.ok(doc.components.schemas.Alert.required.includes('rules'));
    assert.ok('findings' in doc.components.schemas.Alert.properties);
  });

  test('the log never holds a token', () => {
    assert.ok(t.logs.length > 20);
    for (const token of Object.values(t.tokens)) assert.ok(!t.logs.some((l) => l.includes(token)));
  });

  test('the OpenAPI document is generated from the route table', async () => {
    const res = await call(t.base, 'GET', '/openapi.json', { token: t.tokens.viewer });
    const doc = res.body as { paths: Record<string, Record<string, { security: unknown[]; 'x-cordon-role': string }>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    assert.deepEqual(documented, ROUTES.map((r) => `${r.method} ${API_ROOT}${r.path}`).sort());
    assert.deepEqual(doc.paths[`${API_ROOT}/health`]!.get!.security, []);
    assert.equal(doc.paths[`${API_ROOT}/archive-rules`]!.post!['x-cordon-role'], 'admin');
  });
});
