/**
 * Containment through the API against moto_server: dry-run changes nothing; `apply: true`
 * deactivates the user's key, attaches Cordon's deny policy and writes a report listed by
 * `GET /containment/reports`; release by execution id removes the deny policy.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListAccessKeysCommand, ListUserPoliciesCommand } from '@aws-sdk/client-iam';
import { createContainmentGateway } from '../../src/aws/containment-gateway.js';
import { directoryReportSink } from '../../src/store/report-dir.js';
import { actionsContainmentPort } from '../../src/server/containment-port.js';
import { listReportKeys } from '../../src/server/report-listing.js';
import { useMoto } from '../helpers/moto.js';
import { call } from './helpers/http.js';
import { serverPortsForTest, type TestPorts } from './helpers/ports-for-test.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const moto = useMoto();
const reportDir = mkdtempSync(join(tmpdir(), 'cordon-server-reports-'));
let t: TestServer;
let made: TestPorts;
let iam: IAMClient;

// Set up inside the test: useMoto's before hook is not guaranteed to run before this file's own.
async function setup(): Promise<void> {
  iam = new IAMClient(moto.config);
  await iam.send(new CreateUserCommand({ UserName: 'mallory' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'mallory' }));
  made = await serverPortsForTest();
  const containment = actionsContainmentPort({
    gateway: () => createContainmentGateway({ endpointUrl: moto.endpoint, region: 'us-east-1' }),
    sink: directoryReportSink(reportDir),
    listKeys: () => listReportKeys(reportDir),
  });
  t = await startTestServer({ ...made.ports, containment });
}
after(async () => {
  await t?.server.close();
  await made?.close();
  iam?.destroy();
  rmSync(reportDir, { recursive: true, force: true });
});

const keyStatuses = async () => ((await iam.send(new ListAccessKeysCommand({ UserName: 'mallory' }))).AccessKeyMetadata ?? []).map((k) => k.Status);
const inlinePolicies = async () => (await iam.send(new ListUserPoliciesCommand({ UserName: 'mallory' }))).PolicyNames ?? [];

interface Outcome {
  dryRun: boolean;
  report: { executionId: string; status: string; steps: Array<{ status: string }> };
}

test('contain: dry run changes nothing, apply contains and reports, release undoes the deny', async () => {
  await setup();
  const plan = await call(t.base, 'POST', '/containment/contain', { token: t.tokens.responder, body: { type: 'iam-user', name: 'mallory' } });
  assert.equal(plan.status, 200, JSON.stringify(plan.body));
  const planned = plan.body as Outcome;
  assert.equal(planned.dryRun, true);
  assert.ok(planned.report.steps.length > 0);
  assert.deepEqual(await keyStatuses(), ['Active']);
  assert.deepEqual(await listReportKeys(reportDir), []);

  const applied = await call(t.base, 'POST', '/containment/contain', { token: t.tokens.responder, body: { type: 'iam-user', name: 'mallory', apply: true } });
  assert.equal(applied.status, 200, JSON.stringify(applied.body));
  const done = applied.body as Outcome;
  assert.equal(done.dryRun, false);
  assert.deepEqual(await keyStatuses(), ['Inactive']);
  assert.ok((await inlinePolicies()).includes(`cordon-containment-${done.report.executionId}`));

  const reports = await call(t.base, 'GET', '/containment/reports', { token: t.tokens.viewer });
  const items = (reports.body as { items: Array<{ executionId: string; target: { name: string } }> }).items;
  assert.deepEqual(items.map((r) => [r.executionId, r.target.name]), [[done.report.executionId, 'mallory']]);

  const dry = await call(t.base, 'POST', '/containment/release', { token: t.tokens.responder, body: { report: done.report.executionId } });
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assert.equal((dry.body as { dryRun: boolean }).dryRun, true);
  assert.ok((await inlinePolicies()).includes(`cordon-containment-${done.report.executionId}`), 'dry-run release changes nothing');

  const released = await call(t.base, 'POST', '/containment/release', { token: t.tokens.responder, body: { report: done.report.executionId, apply: true } });
  assert.equal(released.status, 200, JSON.stringify(released.body));
  assert.deepEqual(await inlinePolicies(), []);
  assert.deepEqual(await keyStatuses(), ['Inactive'], 'keys stay inactive without reactivateKeys');

  const unknown = await call(t.base, 'POST', '/containment/release', { token: t.tokens.responder, body: { report: '../../etc/passwd' } });
  assert.ok([404, 409].includes(unknown.status), String(unknown.status));
});
