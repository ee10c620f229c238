/**
 * `POST /scans` through the real pipeline (runAnalyzers → store) with an injected snapshot
 * loader: the seed's cross-account role (trusting arn:aws:iam::999988887777:user/Alice) yields an
 * ExternalAccess finding that the API then lists.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { scanRunner, scopeOf } from '../../src/server/scan-runner.js';
import { SnapshotBuilder, trust } from '../helpers/snapshot-builder.js';
import { call } from './helpers/http.js';
import { serverPortsForTest, type TestPorts } from './helpers/ports-for-test.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const snapshot = new SnapshotBuilder().role({ name: 'Audit_CrossAccountRole', trust: trust({ AWS: 'arn:aws:iam::999988887777:user/Alice' }) }).build();


let t: TestServer;
let made: TestPorts;
const loaded: string[][] = [];
before(async () => {
  made = await serverPortsForTest();
  const start = scanRunner(made.store, { files: async (paths) => (loaded.push(paths), snapshot) }, () => new Date('2026-02-01T00:00:00Z'));
  t = await startTestServer({ ...made.ports, scans: { ...made.ports.scans, ...(start ? { start } : {}) } }, { fileRoot: '/srv/snapshots' });
});
after(async () => {
  await t.server.close();
  await made.close();
});

test('scope is the sorted account list', () => {
  assert.equal(scopeOf(snapshot), 'accounts:111122223333');
});

test('no snapshot source → no runner (the endpoint answers 501)', () => {
  assert.equal(scanRunner(made.store, {}), undefined);
});

test('POST /scans runs the analyzers and records the scan', async () => {
  const res = await call(t.base, 'POST', '/scans', { token: t.tokens.responder, body: { snapshot: 'acme/gaad.json' } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.deepEqual(loaded, [['/srv/snapshots/acme/gaad.json']]);
  const scan = res.body as { scanId: string; scope: string };
  assert.equal(scan.scope, 'accounts:111122223333');
  const list = await call(t.base, 'GET', '/findings?type=ExternalAccess&status=ACTIVE', { token: t.tokens.viewer });
  const items = (list.body as { items: Array<{ resource: string }> }).items;
  assert.ok(items.some((f) => f.resource === 'arn:aws:iam::111122223333:role/Audit_CrossAccountRole'), JSON.stringify(items));
  const shown = await call(t.base, 'GET', `/scans/${scan.scanId}`, { token: t.tokens.viewer });
  assert.equal(shown.status, 200);
});

test('production wiring: a GAAD file scanned through the API yields the escalation finding; simulate reads the same file', async () => {
  const { productionPorts } = await import('../../src/server/wiring.js');
  const root = new URL('../fixtures/escalation/iam-vulnerable/', import.meta.url).pathname;
  const server = await startTestServer(productionPorts(made.store, { reportDir: '/nonexistent-cordon-reports' }), { fileRoot: root });
  try {
    const res = await call(server.base, 'POST', '/scans', { token: server.tokens.responder, body: { snapshot: 'fn1-privesc3-multiple-policies.json' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const list = await call(server.base, 'GET', '/findings?type=PrivilegeEscalation&status=ACTIVE', { token: server.tokens.viewer });
    const items = (list.body as { items: Array<{ path?: unknown[] }> }).items;
    assert.ok(items.length >= 1 && items.every((f) => Array.isArray(f.path) && f.path.length >= 1), JSON.stringify(items).slice(0, 500));
    const missing = await call(server.base, 'POST', '/scans', { token: server.tokens.responder, body: { snapshot: 'nope.json' } });
    assert.equal(missing.status, 400);
    const sim = await call(server.base, 'POST', '/simulate', {
      token: server.tokens.viewer,
      body: { snapshot: 'fn1-privesc3-multiple-policies.json', request: { principal: 'arn:aws:iam::111122223333:user/nobody', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' } },
    });
    assert.equal(sim.status, 200, JSON.stringify(sim.body));
    assert.equal((sim.body as { decision: string }).decision, 'ImplicitlyDenied');
  } finally {
    await server.server.close();
  }
});
