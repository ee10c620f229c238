// Remediation wired into the rest of the product, against the sandbox: the seed-compatible
// `POST /api/v1/permission/alert/remediation` of a real server returns the CLI script per id, and
// the SQS auto-remediation worker applies a queued finding, skips what it cannot remediate (with a
// log line, message deleted) and keeps the message of a failed apply for a retry.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CreateRoleCommand, DeleteRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Finding } from '../../../src/model/finding.js';
import { issueToken } from '../../../src/server/auth.js';
import { startServer } from '../../../src/server/http-server.js';
import { storePorts } from '../../../src/server/store-ports.js';
import { productionPorts } from '../../../src/server/wiring.js';
import { openStore } from '../../../src/store/index.js';
import { runCordon } from '../../helpers/cli.js';
import { useMoto } from '../../helpers/moto.js';

const moto = useMoto();
const dir = mkdtempSync(join(tmpdir(), 'cordon-remediate-int-'));
const db = join(dir, 'cordon.db');
const trust = (who: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: who }, Action: 'sts:AssumeRole' }] });

async function externalFindings(): Promise<Finding[]> {
  const file = join(dir, `s-${Date.now()}.json`);
  assert.equal((await runCordon(['collect', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--out', file])).code, 0);
  const s = await runCordon(['scan', '--snapshot', file, '--analyzers', 'exposure', '--db', db, '--output', 'json']);
  return (JSON.parse(s.stdout) as Finding[]).filter((f) => f.type === 'ExternalAccess');
}

test('seed endpoint: POST /api/v1/permission/alert/remediation → {alertIdVsCliScript, cliDescription}', async () => {
  const iam = new IAMClient(moto.config);
  await iam.send(new CreateRoleCommand({ RoleName: 'Audit_CrossAccountRole', AssumeRolePolicyDocument: trust('arn:aws:iam::999988887777:user/Alice') }));
  iam.destroy();
  const [finding] = await externalFindings();
  const store = await openStore(db);
  const server = await startServer({ ports: productionPorts(store, { aws: { endpointUrl: moto.endpoint, region: 'us-east-1' } }), port: 0 });
  try {
    const { token } = await issueToken(storePorts(store).tokens, 'seed', 'viewer');
    const res = await fetch(`${server.url}/api/v1/permission/alert/remediation`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ alerts: [finding!.id, 'ffffffffffffffffffffffffffffffff'] }) });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { alertIdVsCliScript: Record<string, string>; cliDescription: string };
    assert.match(body.alertIdVsCliScript[finding!.id]!, /aws iam update-assume-role-policy --role-name Audit_CrossAccountRole --policy-document '/);
    assert.match(body.alertIdVsCliScript[finding!.id]!, /--endpoint-url/);
    assert.match(body.alertIdVsCliScript.ffffffffffffffffffffffffffffffff!, /^# not remediable automatically/);
    assert.ok(body.cliDescription.length > 0);
    assert.equal((await fetch(`${server.url}/api/v1/permission/alert/remediation`, { method: 'POST', body: '{"alerts":["x"]}' })).status, 401);
  } finally {
    await server.close();
    await store.close();
  }
});

test('SQS worker: applies, skips the unremediable (deleted), keeps the failed one for retry', async () => {
  const iam = new IAMClient(moto.config);
  const sqs = new SQSClient(moto.config);
  try {
    await iam.send(new CreateRoleCommand({ RoleName: 'PartnerRole', AssumeRolePolicyDocument: trust('arn:aws:iam::444455556666:root') }));
    await iam.send(new CreateRoleCommand({ RoleName: 'DoomedRole', AssumeRolePolicyDocument: trust('arn:aws:iam::777788889999:root') }));
    const findings = await externalFindings();
    const partner = findings.find((f) => f.resource.endsWith(':role/PartnerRole'))!;
    const doomed = findings.find((f) => f.resource.endsWith(':role/DoomedRole'))!;
    // The role disappears after the scan: its apply fails (NoSuchEntity) and must be retried later.
    await iam.send(new DeleteRoleCommand({ RoleName: 'DoomedRole' }));
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'cordon-findings' }))).QueueUrl!;
    for (const body of [JSON.stringify({ findingId: partner.id }), JSON.stringify({ findingId: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' }), 'not json', JSON.stringify({ alerts: [doomed.id] })]) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    }
    const r = await runCordon(['remediate', '--from-sqs', queueUrl, '--apply', '--until-empty', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--db', db], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`applied ${partner.id}`));
    assert.match(r.stderr, /skipped eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee: finding/);
    assert.match(r.stderr, /skipped: message is not JSON/);
    assert.match(r.stderr, new RegExp(`failed ${doomed.id}: .*kept for retry`));
    const doc = JSON.parse(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: 'PartnerRole' }))).Role!.AssumeRolePolicyDocument!)) as { Statement: { Sid?: string }[] };
    assert.ok(doc.Statement.some((s) => s.Sid === partner.id));
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes!;
    assert.equal(Number(attrs.ApproximateNumberOfMessages) + Number(attrs.ApproximateNumberOfMessagesNotVisible), 1, 'only the failed message remains');
    assert.ok(readFileSync(db).length > 0);
  } finally {
    iam.destroy();
    sqs.destroy();
  }
});
