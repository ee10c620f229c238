/**
 * Limits and failure modes on a real server: per-token rate limit → 429 with Retry-After, body
 * over the limit → 413, internal errors → 500 without detail, absent modules → 501, and the
 * acceptance check with curl: no token → 401.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { RateLimiter } from '../../src/server/rate-limit.js';
import { call } from './helpers/http.js';
import { serverPortsForTest } from './helpers/ports-for-test.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let limited: TestServer;
let plain: TestServer;
const cleanups: Array<() => Promise<void>> = [];

async function ports() {
  const made = await serverPortsForTest();
  cleanups.push(made.close);
  return made.ports;
}

before(async () => {
  limited = await startTestServer(await ports(), { rateLimit: { perSecond: 0.5, burst: 3 }, bodyLimitBytes: 1024 * 1024 });
  const failing = await ports();
  failing.findings.get = async () => {
    throw new Error('SQLITE_CORRUPT at /var/lib/secret/path.db');
  };
  plain = await startTestServer(failing);
});
after(async () => {
  await limited.server.close();
  await plain.server.close();
  for (const c of cleanups) await c();
});

test('rate limit: the 4th request of a 3-request burst gets 429 with Retry-After; other tokens are unaffected', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await call(limited.base, 'GET', '/findings', { token: limited.tokens.viewer })).status);
  assert.deepEqual(statuses, [200, 200, 200, 429]);
  const res = await call(limited.base, 'GET', '/findings', { token: limited.tokens.viewer });
  assert.equal(res.status, 429);
  assert.equal((res.body as { code: string }).code, 'rate_limited');
  assert.ok(Number(res.headers.get('retry-after')) >= 1);
  assert.equal((await call(limited.base, 'GET', '/findings', { token: limited.tokens.admin })).status, 200);
});

test('token bucket refills at the configured rate (injected clock)', () => {
  let now = 0;
  const limiter = new RateLimiter({ perSecond: 2, burst: 2 }, () => now);
  assert.deepEqual([limiter.take('a'), limiter.take('a'), limiter.take('a') > 0], [0, 0, true]);
  now = 500;
  assert.equal(limiter.take('a'), 0);
  assert.ok(limiter.take('a') > 0);
});

test('a body over 1 MiB is refused with 413', async () => {
  const big = JSON.stringify({ name: 'x', filter: { pad: 'a'.repeat(1024 * 1024 + 10) } });
  const res = await call(limited.base, 'POST', '/archive-rules', { token: limited.tokens.admin, rawBody: big });
  assert.equal(res.status, 413);
  assert.equal((res.body as { code: string }).code, 'payload_too_large');
});

test('a body streamed without Content-Length is cut off at the limit', async () => {
  const chunk = Buffer.alloc(256 * 1024, 0x61);
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 6; i++) controller.enqueue(chunk);
      controller.close();
    },
  });
  const res = await fetch(`${limited.base}/archive-rules`, {
    method: 'POST',
    headers: { authorization: `Bearer ${limited.tokens.admin}`, 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  assert.equal(res.status, 413);
});

test('an internal error answers 500 with no detail', async () => {
  const res = await call(plain.base, 'GET', '/findings/abc', { token: plain.tokens.viewer });
  assert.equal(res.status, 500);
  assert.deepEqual(res.body, { code: 'internal', message: 'internal server error', errors: [] });
  assert.ok(!JSON.stringify(res.body).includes('SQLITE'));
});

test('modules not in the build answer 501 not_implemented', async () => {
  for (const [path, body] of [
    ['/remediation/plan', { findingId: 'abc' }],
    ['/permission/alert/remediation', { alerts: ['abc'] }],
    ['/containment/contain', { type: 'iam-user', name: 'bob' }],
    ['/simulate', { policies: {}, request: { action: 's3:GetObject', resource: '*' } }],
  ] as const) {
    const res = await call(plain.base, 'POST', path, { token: plain.tokens.admin, body });
    assert.equal(res.status, 501, path);
    assert.equal((res.body as { code: string }).code, 'not_implemented');
  }
});

test('acceptance: curl without a token → 401; health needs none', { skip: spawnSync('curl', ['--version']).status !== 0 && 'curl not installed' }, async () => {
  // Async: the server runs in this process, so a blocking spawn would deadlock it.
  const url = `${plain.server.url}/api/v1`;
  const curl = promisify(execFile);
  const findings = await curl('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '10', `${url}/findings`]);
  assert.equal(findings.stdout, '401');
  const health = await curl('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '10', `${url}/health`]);
  assert.equal(health.stdout, '200');
});

test('server-side paths are confined to the file root', async () => {
  const rooted = await startTestServer(await ports(), { fileRoot: '/srv/cordon/snapshots' });
  try {
    const res = await call(rooted.base, 'POST', '/scans', { token: rooted.tokens.responder, body: { snapshot: '../../../etc/passwd' } });
    assert.equal(res.status, 400);
    const ok = await call(rooted.base, 'POST', '/scans', { token: rooted.tokens.responder, body: { snapshot: 'org/gaad.json' } });
    assert.equal(ok.status, 201);
    assert.deepEqual((ok.body as { inputs: { snapshot: string[] } }).inputs.snapshot, ['/srv/cordon/snapshots/org/gaad.json']);
  } finally {
    await rooted.server.close();
  }
});
