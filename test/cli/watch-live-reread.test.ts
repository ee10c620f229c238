/**
 * `cordon watch --snapshot` re-reads live what an event leaves uncertain (issue 22): the snapshot
 * predates a customer managed policy granting `iam:*`; the CloudTrail event `AttachRolePolicy`
 * names that policy but not its document, so replay alone marks the role uncertain and finds no
 * path. With credentials (SQS mode, moto), watch re-reads just the role and the policy through
 * IAM and raises `new-escalation-path` for dave, who may assume the role; the recorded SDK calls
 * are the declared `watch-reread` ones and no account-wide read. With `--no-live-reread` the
 * state stays uncertain and says so.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { useMoto } from '../helpers/moto.js';
import { runCordon } from '../helpers/cli.js';
import { SnapshotBuilder, allow, doc, trust } from '../helpers/snapshot-builder.js';
import { cloudTrailEnvelope } from '../../src/detect/eventbridge/envelope.js';
import { ALWAYS_ALLOWED, iamActionForSdkCall } from '../../src/aws/permissions/sdk-actions.js';
import { declaredActions } from '../../src/aws/permissions/declarations.js';
import { openStore } from '../../src/store/index.js';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import type { AttackPathAlert } from '../../src/activity/path-tracker.js';

const moto = useMoto();
const ACCOUNT = '123456789012'; // moto's default account
const ACTOR = `arn:aws:iam::${ACCOUNT}:user/ci-bot`;

function attachEvent(id: string, policyArn: string): CloudTrailEvent {
  return {
    eventVersion: '1.08', eventID: id, eventTime: '2026-01-05T14:02:00Z', eventSource: 'iam.amazonaws.com', eventName: 'AttachRolePolicy', awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.9',
    userIdentity: { type: 'IAMUser', arn: ACTOR, accountId: ACCOUNT, userName: 'ci-bot' }, requestParameters: { roleName: 'ops', policyArn }, responseElements: null,
    recipientAccountId: ACCOUNT, eventType: 'AwsApiCall', managementEvent: true, readOnly: false,
  };
}

describe('cordon watch --snapshot re-reads uncertain entities live (moto)', () => {
  let dir = '';
  let policyArn = '';
  const b = new SnapshotBuilder(ACCOUNT);
  const dave = b.arn('user', 'dave');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cordon-watch-reread-'));
    b.user({ name: 'dave', inline: [doc(allow('sts:AssumeRole', b.arn('role', 'ops')))] });
    b.role({ name: 'ops', trust: trust({ AWS: dave }) });
    await writeFile(join(dir, 'snapshot.json'), JSON.stringify(b.build()));
    const iam = new IAMClient(moto.config);
    try {
      await iam.send(new CreateUserCommand({ UserName: 'dave' }));
      await iam.send(new CreateRoleCommand({ RoleName: 'ops', AssumeRolePolicyDocument: JSON.stringify(trust({ AWS: dave })) }));
      // Created after the snapshot: its document is in neither the snapshot nor the event.
      policyArn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'ci-admin', PolicyDocument: JSON.stringify(doc(allow('iam:*'))) }))).Policy!.Arn!;
      await iam.send(new AttachRolePolicyCommand({ RoleName: 'ops', PolicyArn: policyArn }));
    } finally {
      iam.destroy();
    }
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function watchOnce(queue: string, eventId: string, extra: string[]) {
    const sqs = new SQSClient(moto.config);
    try {
      const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: queue }))).QueueUrl!;
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(cloudTrailEnvelope(attachEvent(eventId, policyArn))) }));
      const db = join(dir, `${queue}.db`);
      const calls = join(dir, `${queue}.jsonl`);
      const run = await runCordon(['watch', '--sqs-queue-url', queueUrl, '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--snapshot', join(dir, 'snapshot.json'), '--db', db, '--once', '--drain-timeout', '20', '--visibility-timeout', '2', ...extra], { timeoutMs: 90_000, env: { CORDON_RECORD_AWS_CALLS: calls } });
      assert.equal(run.code, 0, run.stderr);
      const store = await openStore(db);
      try {
        const alerts = (await store.alerts.list({})).items as unknown as AttackPathAlert[];
        const recorded = existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { client: string; command: string }) : [];
        const actions = [...new Set(recorded.map((c) => iamActionForSdkCall(c.client, c.command)))].filter((a) => !ALWAYS_ALLOWED.has(a)).sort();
        return { run, alerts, actions };
      } finally {
        await store.close();
      }
    } finally {
      sqs.destroy();
    }
  }

  const pathAlertsOf = (alerts: AttackPathAlert[]) => alerts.filter((a) => JSON.stringify(a).includes('new-escalation-path'));

  test('with credentials: the role and the policy are re-read, and the path is alerted as caused by the event', async () => {
    const { run, alerts, actions } = await watchOnce('reread-on', 'bbbbbbbb-0000-4000-8000-000000000001', []);
    const path = pathAlertsOf(alerts);
    assert.equal(path.length, 1, `${run.stderr}\n${JSON.stringify(alerts.map((a) => a.ruleId))}`);
    const text = JSON.stringify(path[0]);
    assert.ok(text.includes(dave), 'the finding for dave is in the alert');
    assert.ok(text.includes('bbbbbbbb-0000-4000-8000-000000000001'), 'the causing event is named');
    assert.match(run.stderr, /re-read 2 entit/);
    const declared = new Set(declaredActions(['watch-sqs', 'watch-reread']));
    assert.deepEqual(actions.filter((a) => !declared.has(a)), [], 'every call is declared');
    assert.ok(actions.includes('iam:GetPolicyVersion') && actions.includes('iam:GetRole'), actions.join(','));
    assert.ok(!actions.includes('iam:GetAccountAuthorizationDetails'), 'no account-wide collection');
  });

  test('--no-live-reread: no path, and the uncertain state is reported', async () => {
    const { run, alerts, actions } = await watchOnce('reread-off', 'bbbbbbbb-0000-4000-8000-000000000002', ['--no-live-reread']);
    assert.equal(pathAlertsOf(alerts).length, 0, JSON.stringify(alerts.map((a) => a.ruleId)));
    assert.match(run.stderr, /uncertain/);
    assert.ok(!actions.some((a) => a.startsWith('iam:')), actions.join(','));
  });
});
