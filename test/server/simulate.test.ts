/**
 * `POST /simulate` through the real engine port: a malformed inline policy is a 400 pointing at
 * it; an Allow decides Allowed and an explicit Deny wins (AWS evaluation logic:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { engineSimulatePort } from '../../src/server/simulate-port.js';
import { call } from './helpers/http.js';
import { serverPortsForTest, type TestPorts } from './helpers/ports-for-test.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let t: TestServer;
let made: TestPorts;
before(async () => {
  made = await serverPortsForTest();
  t = await startTestServer({ ...made.ports, simulate: engineSimulatePort() });
});
after(async () => {
  await t.server.close();
  await made.close();
});

const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };
const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] };
const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };

test('a malformed inline policy is a 400 naming where', async () => {
  const res = await call(t.base, 'POST', '/simulate', { token: t.tokens.viewer, body: { policies: { identity: [{ Statement: [{ Effect: 'Maybe', Action: 's3:*', Resource: '*' }] }] }, request } });
  assert.equal(res.status, 400);
  const body = res.body as { code: string; errors: Array<{ file?: string; pointer?: string }> };
  assert.equal(body.code, 'malformed_policy');
  assert.equal(body.errors[0]!.file, 'request body /policies/identity/0');
  assert.equal(body.errors[0]!.pointer, '/Statement/0/Effect');
});

test('a snapshot simulation without a loader answers 501', async () => {
  const res = await call(t.base, 'POST', '/simulate', { token: t.tokens.viewer, body: { snapshot: 'gaad.json', request: { ...request, principal: 'arn:aws:iam::111122223333:user/a' } } });
  assert.equal(res.status, 501);
});


test('Allow decides Allowed; an explicit Deny wins', async () => {
  const allowed = await call(t.base, 'POST', '/simulate', { token: t.tokens.viewer, body: { policies: { identity: [allow] }, request } });
  assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
  assert.equal((allowed.body as { decision: string }).decision, 'Allowed');
  const denied = await call(t.base, 'POST', '/simulate', { token: t.tokens.viewer, body: { policies: { identity: [allow, deny] }, request } });
  assert.equal((denied.body as { decision: string }).decision, 'ExplicitlyDenied');
  const none = await call(t.base, 'POST', '/simulate', { token: t.tokens.viewer, body: { policies: { identity: [] }, request } });
  assert.equal((none.body as { decision: string }).decision, 'ImplicitlyDenied');
});
