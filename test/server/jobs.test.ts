/**
 * Issue 26: long work runs off the request thread. While a scan runs in its worker, `/health`
 * and other callers are answered (the health replies arrive before the scan's); a scan over its
 * memory limit fails with `job_limit_exceeded` (507) and the server keeps serving; hostile request
 * values are refused by length with the pointer, and a hostile `?` glob within the limits is
 * answered (linear matching).
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { productionPorts } from '../../src/server/wiring.js';
import type { CordonStore } from '../../src/store/index.js';
import { call } from './helpers/http.js';
import { seededStore } from './helpers/ports-for-test.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let store: CordonStore;
let dir: string;
let root: string;
let roomy: TestServer;
let tight: TestServer;

/** A GAAD page with `n` users, each with an inline policy (large enough to keep a scan busy). */
function gaad(n: number): string {
  const users = [];
  for (let i = 0; i < n; i++) {
    users.push({
      UserName: `u${i}`, UserId: `AIDA${String(i).padStart(17, '0')}`, Arn: `arn:aws:iam::111122223333:user/u${i}`, Path: '/', CreateDate: '2026-01-01T00:00:00Z',
      GroupList: [], AttachedManagedPolicies: [], Tags: [],
      UserPolicyList: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', `sqs:SendMessage`], Resource: `arn:aws:s3:::bucket-${i}/*` }] } }],
    });
  }
  return JSON.stringify({ UserDetailList: users, GroupDetailList: [], RoleDetailList: [], Policies: [] });
}

before(async () => {
  ({ store, dir } = await seededStore());
  root = join(dir, 'files');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'busy.json'), gaad(3000));
  writeFileSync(join(root, 'huge.json'), gaad(60_000));
  writeFileSync(join(root, 'small.json'), gaad(2));
  // `db`: the scan worker records through its own connection, as under `cordon serve`.
  roomy = await startTestServer(productionPorts(store, { jobs: { memoryMb: 1024, timeoutMs: 300_000, maxConcurrent: 2 }, db: store.location }), { fileRoot: root });
  tight = await startTestServer(productionPorts(store, { jobs: { memoryMb: 48, timeoutMs: 300_000, maxConcurrent: 2 } }), { fileRoot: root });
});
after(async () => {
  await roomy.server.close();
  await tight.server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('while a scan runs in its worker, /health and listings are answered before it completes', async () => {
  const order: string[] = [];
  const scan = call(roomy.base, 'POST', '/scans', { token: roomy.tokens.responder, body: { snapshot: 'busy.json' } }).then((r) => (order.push('scan'), r));
  let healthy = 0;
  while (!order.includes('scan')) {
    const started = performance.now();
    const h = await call(roomy.base, 'GET', '/health');
    // Generous upper bound only (the issue asks for 100 ms); the ordering below is the real check.
    assert.ok(performance.now() - started < 2000);
    assert.equal(h.status, 200);
    assert.equal((await call(roomy.base, 'GET', '/findings?limit=1', { token: roomy.tokens.viewer })).status, 200);
    if (!order.includes('scan')) {
      order.push('health');
      healthy++;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const res = await scan;
  assert.equal(res.status, 201, JSON.stringify(res.body));
  // Recorded by the worker's connection, visible through the server's.
  const scanId = (res.body as { scanId: string }).scanId;
  assert.equal((await call(roomy.base, 'GET', `/scans/${scanId}`, { token: roomy.tokens.viewer })).status, 200);
  assert.ok(healthy >= 1, `health answered ${healthy} times before the scan finished`);
  assert.equal(order.at(-1), 'scan');
});

test('a scan over its memory limit fails with job_limit_exceeded and the server keeps serving', async () => {
  const res = await call(tight.base, 'POST', '/scans', { token: tight.tokens.responder, body: { snapshot: 'huge.json' } });
  assert.equal(res.status, 507, JSON.stringify(res.body));
  assert.deepEqual(res.body, { code: 'job_limit_exceeded', message: 'the job exceeded its memory limit of 48 MiB and was stopped', errors: [] });
  assert.equal((await call(tight.base, 'GET', '/health')).status, 200);
  assert.equal((await call(tight.base, 'GET', '/findings?limit=1', { token: tight.tokens.viewer })).status, 200);
  // The same limit is enough for a small snapshot: it is the input that was too large, not the worker.
  const small = await call(tight.base, 'POST', '/scans', { token: tight.tokens.responder, body: { snapshot: 'small.json' } });
  assert.equal(small.status, 201, JSON.stringify(small.body));
});

test('request values over their limits are refused with the pointer', async () => {
  const res = await call(roomy.base, 'POST', '/simulate', { token: roomy.tokens.viewer, body: { policies: { identity: [] }, request: { action: 's3:GetObject', resource: `arn:aws:s3:::b/${'k'.repeat(5000)}` } } });
  assert.equal(res.status, 400);
  const details = (res.body as { errors: Array<{ pointer?: string }> }).errors;
  assert.ok(details.some((d) => d.pointer === '/request/resource'), JSON.stringify(details));
});

test('a hostile `?` glob at the element limit is matched, not stalled on', async () => {
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `*${'a?'.repeat(2000)}c*` }] };
  const res = await call(roomy.base, 'POST', '/simulate', { token: roomy.tokens.viewer, body: { policies: { identity: [policy] }, request: { action: 's3:GetObject', resource: `arn:aws:s3:::${'a'.repeat(4000)}` } } });
  assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 300));
  assert.equal((res.body as { decision: string }).decision, 'ImplicitlyDenied');
});

test('remediation runs as a worker job too: its typed errors come back as the same envelope', async () => {
  const res = await call(roomy.base, 'POST', '/remediation/plan', { token: roomy.tokens.viewer, body: { findingId: 'nosuchfinding1' } });
  assert.equal(res.status, 404, JSON.stringify(res.body));
  assert.equal((res.body as { code: string }).code, 'not_found');
  assert.match((res.body as { message: string }).message, /nosuchfinding1/);
});

test('a job over its time limit is stopped with job_limit_exceeded; jobs beyond --max-jobs wait their turn', async () => {
  const { createJobRunner, JobLimitError } = await import('../../src/server/jobs/job-runner.js');
  const slow = createJobRunner({ memoryMb: 256, timeoutMs: 50, maxConcurrent: 1 });
  await assert.rejects(slow.run({ kind: 'scan', paths: ['busy.json'], fileRoot: root, maxFileBytes: 1 << 30, now: '2026-01-01T00:00:00Z' }), (err: Error) => {
    assert.ok(err instanceof JobLimitError);
    assert.equal(err.message, 'the job exceeded its time limit of 0 s and was stopped');
    return true;
  });
  const one = createJobRunner({ memoryMb: 256, timeoutMs: 120_000, maxConcurrent: 1 });
  const job = () => one.run({ kind: 'scan', paths: ['small.json'], fileRoot: root, maxFileBytes: 1 << 30, now: '2026-01-01T00:00:00Z' });
  const both = Promise.all([job(), job()]);
  // Both were asked for; only one runs (without the queue this would be 2).
  assert.equal(one.running, 1);
  await both;
  assert.equal(one.running, 0);
});

test('a large inline simulation (over 32 KiB of policies) is answered from a worker, with the same decision', async () => {
  const hostile = { Effect: 'Allow', Action: 's3:GetObject', Resource: `*${'a?'.repeat(2000)}c*` };
  const statements = [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, ...Array.from({ length: 20 }, () => hostile)];
  const policy = { Version: '2012-10-17', Statement: statements };
  assert.ok(JSON.stringify({ identity: [policy] }).length > 32 * 1024);
  const res = await call(roomy.base, 'POST', '/simulate', { token: roomy.tokens.viewer, body: { policies: { identity: [policy] }, request: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' } } });
  assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 300));
  assert.equal((res.body as { decision: string }).decision, 'Allowed');
  const small = await call(roomy.base, 'POST', '/simulate', { token: roomy.tokens.viewer, body: { policies: { identity: [{ ...policy, Statement: statements.slice(0, 1) }] }, request: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' } } });
  assert.equal((small.body as { decision: string }).decision, 'Allowed');
});
