/**
 * `cordon watch --snapshot` on moto: the test makes IAM changes through the SDK (a role a user may
 * assume gets `iam:*` by PutRolePolicy, later undone by DeleteRolePolicy) and sends the matching
 * CloudTrail events to SQS in EventBridge envelopes. One `--once` poll raises `new-escalation-path`
 * (CRITICAL) for the PutRolePolicy, carrying the finding, its path and the event, and stores the
 * finding ACTIVE; the next poll with the undo resolves it.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, CreateUserCommand, DeleteRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMoto } from '../helpers/moto.js';
import { runCordon } from '../helpers/cli.js';
import { SnapshotBuilder, allow, doc, trust } from '../helpers/snapshot-builder.js';
import { cloudTrailEnvelope } from '../../src/detect/eventbridge/envelope.js';
import { openStore } from '../../src/store/index.js';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import type { AttackPathAlert } from '../../src/activity/path-tracker.js';
import { alertRules } from '../../src/model/alert.js';

const moto = useMoto();
const ACCOUNT = '123456789012'; // moto's default account
const ACTOR = `arn:aws:iam::${ACCOUNT}:user/ci-bot`;

function event(id: string, time: string, eventName: string, requestParameters: Record<string, unknown>): CloudTrailEvent {
  return {
    eventVersion: '1.08', eventID: id, eventTime: time, eventSource: 'iam.amazonaws.com', eventName, awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.9',
    userIdentity: { type: 'IAMUser', arn: ACTOR, accountId: ACCOUNT, userName: 'ci-bot' }, requestParameters, responseElements: null, recipientAccountId: ACCOUNT, eventType: 'AwsApiCall', managementEvent: true, readOnly: false,
  };
}

describe('cordon watch --snapshot (moto SQS)', () => {
  let dir = '';
  let queueUrl = '';
  const b = new SnapshotBuilder(ACCOUNT);
  const dave = b.arn('user', 'dave');
  const args = () => ['watch', '--sqs-queue-url', queueUrl, '--endpoint-url', moto.endpoint, '--snapshot', join(dir, 'snapshot.json'), '--db', join(dir, 'cordon.db'), '--once', '--drain-timeout', '20', '--visibility-timeout', '2'];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cordon-watch-paths-'));
    const assumeOps = doc(allow('sts:AssumeRole', b.arn('role', 'ops')));
    b.user({ name: 'dave', inline: [assumeOps] });
    b.role({ name: 'ops', trust: trust({ AWS: dave }) });
    await writeFile(join(dir, 'snapshot.json'), JSON.stringify(b.build()));
    const iam = new IAMClient(moto.config);
    await iam.send(new CreateUserCommand({ UserName: 'dave' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'ops', AssumeRolePolicyDocument: JSON.stringify(trust({ AWS: dave })) }));
    queueUrl = (await new SQSClient(moto.config).send(new CreateQueueCommand({ QueueName: 'cordon-paths' }))).QueueUrl!;
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const send = (e: CloudTrailEvent) => new SQSClient(moto.config).send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(cloudTrailEnvelope(e)) }));

  test('a new path alert within one poll, resolved after the change is undone', async () => {
    const grant = JSON.stringify(doc(allow('iam:*')));
    await new IAMClient(moto.config).send(new PutRolePolicyCommand({ RoleName: 'ops', PolicyName: 'ci-admin', PolicyDocument: grant }));
    await send(event('aaaaaaaa-0000-4000-8000-000000000001', '2026-01-05T14:02:00Z', 'PutRolePolicy', { roleName: 'ops', policyName: 'ci-admin', policyDocument: encodeURIComponent(grant) }));
    const first = await runCordon(args(), { timeoutMs: 90_000 });
    assert.equal(first.code, 0, first.stderr);

    let store = await openStore(join(dir, 'cordon.db'));
    let findingId = '';
    try {
      const alerts = (await store.alerts.list({})).items as AttackPathAlert[];
      const path = alerts.filter((a) => a.ruleId === 'new-escalation-path');
      assert.equal(path.length, 1, JSON.stringify(alerts.map((a) => a.ruleId)));
      const alert = path[0]!;
      assert.equal(alert.severity, 'CRITICAL');
      assert.equal(alert.eventId, 'aaaaaaaa-0000-4000-8000-000000000001');
      assert.equal(alert.actor, ACTOR);
      assert.equal(alert.cause.sourceIp, '203.0.113.9');
      // Issue 22: the event's one alert lists the attack-path rule first, then the pattern rules it matched.
      assert.equal(alerts.filter((a) => a.eventId === alert.eventId).length, 1);
      const rules = alertRules(alert);
      assert.equal(rules[0]!.id, 'new-escalation-path');
      assert.ok(rules.some((r) => r.id === 'iam-change'), JSON.stringify(rules));
      assert.deepEqual((await store.alerts.list({ ruleId: 'iam-change' })).items.map((a) => a.id), [alert.id]);
      assert.ok(alert.findings.every((f) => (f as { ruleId?: string }).ruleId === 'new-escalation-path'));
      const forDave = alert.findings.find((f) => f.principal === dave);
      assert.ok(forDave, JSON.stringify(alert.findings));
      assert.ok((forDave.path?.length ?? 0) >= 2);
      findingId = forDave.id;
      const stored = await store.findings.get(findingId);
      assert.equal(stored?.status, 'ACTIVE');
    } finally {
      await store.close();
    }

    await new IAMClient(moto.config).send(new DeleteRolePolicyCommand({ RoleName: 'ops', PolicyName: 'ci-admin' }));
    // The watcher's snapshot file is the state before the first change: replay both, as a restart would from the trail.
    await send(event('aaaaaaaa-0000-4000-8000-000000000001', '2026-01-05T14:02:00Z', 'PutRolePolicy', { roleName: 'ops', policyName: 'ci-admin', policyDocument: encodeURIComponent(grant) }));
    await send(event('aaaaaaaa-0000-4000-8000-000000000002', '2026-01-05T15:00:00Z', 'DeleteRolePolicy', { roleName: 'ops', policyName: 'ci-admin' }));
    const second = await runCordon(args(), { timeoutMs: 90_000 });
    assert.equal(second.code, 0, second.stderr);
    store = await openStore(join(dir, 'cordon.db'));
    try {
      assert.equal((await store.findings.get(findingId))?.status, 'RESOLVED');
    } finally {
      await store.close();
    }
  });
});
