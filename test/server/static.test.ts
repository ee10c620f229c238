/**
 * The web UI's files come from the same process, same origin: index with a strict CSP, the
 * app's modules, and cytoscape's browser build from node_modules; nothing else is served.
 * Every `$ref` of the OpenAPI document resolves.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { API_ROOT } from '../../src/server/route.js';
import { ROUTES } from '../../src/server/routes/index.js';
import { openApiDocument } from '../../src/server/openapi.js';
import { serverPortsForTest, type TestPorts } from './helpers/ports-for-test.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let t: TestServer;
let made: TestPorts;
before(async () => {
  made = await serverPortsForTest();
  t = await startTestServer(made.ports);
});
after(async () => {
  await t.server.close();
  await made.close();
});

test('index, app modules and cytoscape are served with security headers', async () => {
  const index = await fetch(`${t.server.url}/`);
  assert.equal(index.status, 200);
  const csp = index.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self';/);
  assert.equal(index.headers.get('x-frame-options'), 'DENY');
  const html = await index.text();
  assert.ok(!/https?:\/\//.test(html.replace('http://www.w3.org', '')), 'no external URL in the page');
  for (const path of ['/assets/app.js', '/assets/findings.js', '/assets/graph.js', '/assets/styles.css', '/assets/vendor/cytoscape.min.js']) {
    const res = await fetch(`${t.server.url}${path}`);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type') ?? '', path.endsWith('.css') ? /text\/css/ : /text\/javascript/);
  }
});

test('paths outside the asset table are 404, including traversal attempts', async () => {
  for (const path of ['/assets/../package.json', '/%2e%2e/package.json', '/assets/nope.js', '/src/server/auth.ts']) {
    assert.equal((await fetch(`${t.server.url}${path}`)).status, 404, path);
  }
  assert.equal((await fetch(`${t.server.url}/`, { method: 'POST' })).status, 405);
});

test('every $ref of the OpenAPI document resolves to a component', () => {
  const doc = openApiDocument(ROUTES, 'test') as { components: { schemas: Record<string, unknown> }; paths: Record<string, unknown> };
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
  assert.ok(refs.length > 10);
  for (const name of refs) assert.ok(doc.components.schemas[name], name);
  assert.ok(Object.keys(doc.paths).every((p) => p.startsWith(API_ROOT)));
});
