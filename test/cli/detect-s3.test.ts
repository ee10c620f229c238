/** `cordon detect --cloudtrail s3://...` against S3 on moto_server: org-trail layout, --start/--end pruning. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { useMoto } from '../helpers/moto.js';
import { runCordon } from '../helpers/cli.js';
import { STRATUS_DIR } from '../activity/corpora.js';
import type { Alert } from '../../src/model/alert.js';

const moto = useMoto();

test('reads gzipped objects of the org-trail layout, pruning day prefixes outside the window', async () => {
  const s3 = new S3Client(moto.config);
  await s3.send(new CreateBucketCommand({ Bucket: 'org-trail' }));
  const base = 'AWSLogs/o-abc123def4/111122223333/CloudTrail/us-east-1/2024';
  const put = async (key: string, body: Buffer | string) => s3.send(new PutObjectCommand({ Bucket: 'org-trail', Key: `${base}/${key}`, Body: body }));
  const stop = JSON.parse(await readFile(join(STRATUS_DIR, 'aws.defense-evasion.cloudtrail-stop.json'), 'utf8')) as Record<string, unknown>[];
  const del = JSON.parse(await readFile(join(STRATUS_DIR, 'aws.defense-evasion.cloudtrail-delete.json'), 'utf8')) as Record<string, unknown>[];
  await put('08/01/a.json.gz', gzipSync(JSON.stringify({ Records: stop.map((e) => ({ ...e, eventTime: '2024-08-01T10:00:00Z' })) })));
  await put('08/05/b.json.gz', gzipSync(JSON.stringify({ Records: del.map((e) => ({ ...e, eventTime: '2024-08-05T10:00:00Z' })) })));
  await put('08/03/corrupt.json.gz', 'not gzip, not json'); // inside the pruned range: never read
  const args = ['detect', '--cloudtrail', 's3://org-trail/AWSLogs/', '--endpoint-url', moto.endpoint, '--output', 'json'];
  const all = await runCordon(args);
  assert.equal(all.code, 1, all.stderr);
  // One alert per event (StopLogging, DeleteTrail), each listing the rules it matched.
  const allAlerts = JSON.parse(all.stdout) as Alert[];
  assert.deepEqual(allAlerts.map((a) => a.eventName), ['StopLogging', 'DeleteTrail']);
  assert.deepEqual([...new Set(allAlerts.flatMap((a) => a.rules.map((r) => r.id)))].sort(), ['cis-aws-4.5', 'cloudtrail-deleted', 'cloudtrail-stopped']);
  assert.match(all.stderr, /skipped s3:\/\/org-trail\/.*corrupt\.json\.gz/);
  const late = await runCordon([...args, '--start', '2024-08-05']);
  assert.equal(late.code, 1, late.stderr);
  assert.deepEqual([...new Set((JSON.parse(late.stdout) as Alert[]).flatMap((a) => a.rules.map((r) => r.id)))].sort(), ['cis-aws-4.5', 'cloudtrail-deleted']);
  assert.ok(!late.stderr.includes('corrupt'), 'the 08/03 prefix was pruned, not read');
});

test('--sns-topic: alerts stored and published to SNS (received through an SQS subscription)', async () => {
  const sns = new SNSClient(moto.config);
  const sqs = new SQSClient(moto.config);
  const topicArn = (await sns.send(new CreateTopicCommand({ Name: 'cordon-alerts' }))).TopicArn!;
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'sns-inbox' }))).QueueUrl!;
  const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }));
  const dir = await mkdtemp(join(tmpdir(), 'cordon-sns-'));
  try {
    const r = await runCordon(['detect', '--cloudtrail', join(STRATUS_DIR, 'aws.defense-evasion.cloudtrail-stop.json'), '--sns-topic', topicArn, '--endpoint-url', moto.endpoint, '--db', join(dir, 'c.db'), '--output', 'json']);
    assert.equal(r.code, 1, r.stderr);
    // StopLogging matches two rules: one alert (one SNS message) listing both.
    assert.match(r.stderr, /delivered 1/);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }));
    const messages = (got.Messages ?? []).map((m) => JSON.parse(m.Body!) as { Subject: string; Message: string });
    assert.equal(messages.length, 1);
    const alert = JSON.parse(messages[0]!.Message) as Alert;
    assert.deepEqual(alert.rules.map((r) => r.id).sort(), ['cis-aws-4.5', 'cloudtrail-stopped']);
    assert.equal(alert.ruleId, 'cloudtrail-stopped', 'the CRITICAL rule tops the alert');
    assert.match(messages[0]!.Subject, /^\[Cordon CRITICAL\] cloudtrail-stopped,cis-aws-4\.5$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
