/**
 * `cordon watch --sqs-queue-url` against SQS and S3 on moto_server, delivering to a webhook served
 * here on 127.0.0.1. The process is SIGKILLed while a delivery is in flight (mid-batch: later
 * messages of the received batch are neither stored nor deleted); a restart must deliver every
 * expected alert, none twice to the sink (an acknowledged delivery is in the ledger), and leave
 * the queue empty.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { useMoto } from '../helpers/moto.js';
import { CORDON_BIN, runCordon } from '../helpers/cli.js';
import { STRATUS_DIR } from '../activity/corpora.js';
import { cloudTrailEnvelope } from '../../src/detect/eventbridge/envelope.js';
import { RuleSet } from '../../src/detect/rule-set.js';
import { alertsOfEvent } from '../../src/detect/group-matches.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';
import { ruleContext } from '../../src/detect/context.js';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import { openStore } from '../../src/store/index.js';

const moto = useMoto();
const SECRET = 'test-hmac-secret';
const TECHNIQUES = ['aws.persistence.iam-backdoor-role', 'aws.persistence.iam-backdoor-user', 'aws.persistence.iam-create-admin-user', 'aws.persistence.iam-create-backdoor-role', 'aws.privilege-escalation.iam-update-user-login-profile'];

/** A webhook that acknowledges (200) every request, except that it can hang one on purpose. */
class Hook {
  acked: string[] = [];
  received = 0;
  badSignatures = 0;
  hangAt = 0;
  onHang?: () => void;
  server: Server = createServer((req, res) => void this.handle(req, res));
  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    this.received++;
    const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    if (req.headers['x-cordon-signature'] !== expected) this.badSignatures++;
    if (this.received === this.hangAt) {
      this.onHang?.(); // never answered: the sender dies with this delivery unacknowledged
      return;
    }
    const id = (JSON.parse(body) as { id: string }).id;
    assert.equal(req.headers['x-cordon-alert-id'], id);
    this.acked.push(id);
    res.writeHead(200).end('ok');
  }
}

describe('cordon watch --sqs-queue-url (moto)', () => {
  const hook = new Hook();
  let url: string;
  let dir: string;
  let queueUrl: string;
  const expected = new Set<string>();
  let messageCount = 0;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cordon-watch-'));
    await new Promise<void>((r) => hook.server.listen(0, '127.0.0.1', r));
    const port = (hook.server.address() as { port: number }).port;
    url = `http://127.0.0.1:${port}/hook/secret-token`;
    const sqs = new SQSClient(moto.config);
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'cordon-alerts' }))).QueueUrl!;
    const rules = new RuleSet(BUILTIN_RULES, ruleContext());
    const events: CloudTrailEvent[] = [];
    for (const t of TECHNIQUES) events.push(...(JSON.parse(await readFile(join(STRATUS_DIR, `${t}.json`), 'utf8')) as CloudTrailEvent[]));
    // One EventBridge envelope per message.
    for (const e of events) {
      // One alert per event (issue 22), LOW and above: what `watch` stores by default.
      for (const a of alertsOfEvent(rules.evaluate(e))) expected.add(a.id);
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(cloudTrailEnvelope(e)) }));
      messageCount++;
    }
    // An S3 event notification of a new log file (fetched from moto S3) and a message that is neither.
    const s3 = new S3Client(moto.config);
    await s3.send(new CreateBucketCommand({ Bucket: 'trail' }));
    const stop = JSON.parse(await readFile(join(STRATUS_DIR, 'aws.defense-evasion.cloudtrail-stop.json'), 'utf8')) as CloudTrailEvent[];
    for (const e of stop) for (const a of alertsOfEvent(rules.evaluate(e))) expected.add(a.id);
    const key = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/08/01/111122223333_CloudTrail_us-east-1_20240801T1330Z_x.json.gz';
    await s3.send(new PutObjectCommand({ Bucket: 'trail', Key: key, Body: gzipSync(JSON.stringify({ Records: stop })) }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'trail' }, object: { key } } }] }) }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'not json' }));
    messageCount += 2;
  });

  after(async () => {
    hook.server.closeAllConnections();
    await new Promise((r) => hook.server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  const args = () => ['watch', '--sqs-queue-url', queueUrl, '--endpoint-url', moto.endpoint, '--webhook', url, '--webhook-secret', SECRET, '--db', join(dir, 'cordon.db'), '--once', '--visibility-timeout', '2', '--lease-seconds', '2', '--drain-timeout', '40'];

  test('killed mid-batch, restarted: every alert delivered exactly once, queue drained', async () => {
    // Enough alerts that the watcher is killed mid-batch (it hangs on the 6th delivery); one per event since issue 22.
    assert.equal(expected.size, 9, "9 events of these techniques alert at LOW or above (one alert per rule gave more than 20)");
    // Run 1: hang on the 6th delivery, then SIGKILL the watcher while it waits.
    hook.hangAt = 6;
    const child = spawn(process.execPath, [CORDON_BIN, ...args()], { stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
    let stderr1 = '';
    child.stderr.on('data', (d: Buffer) => (stderr1 += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await new Promise<void>((resolve, reject) => {
      hook.onHang = resolve;
      const t = setTimeout(() => reject(new Error(`watch never reached the 6th delivery: ${stderr1}`)), 60_000);
      child.once('exit', () => reject(new Error(`watch exited before the hang: ${stderr1}`)));
      void t;
    });
    child.kill('SIGKILL');
    await exited;
    hook.server.closeAllConnections();
    assert.equal(hook.acked.length, 5);
    const left = (await new SQSClient(moto.config).send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes ?? {};
    // Visible again or still in flight, depending on how long the machine took: either way not deleted.
    const remaining = Number(left.ApproximateNumberOfMessages) + Number(left.ApproximateNumberOfMessagesNotVisible);
    assert.ok(remaining > 0 && remaining < messageCount, `killed mid-batch: ${remaining} of ${messageCount} messages left`);

    // Run 2: same store; drains the rest.
    hook.hangAt = 0;
    const r = await runCordon(args(), { timeoutMs: 90_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /skipped sqs:\/\/cordon-alerts\/.*message is not JSON/);
    assert.ok(!r.stderr.includes('secret-token') && !stderr1.includes('secret-token'), 'webhook path masked in logs');

    assert.equal(new Set(hook.acked).size, hook.acked.length, 'no alert acknowledged twice');
    assert.deepEqual([...hook.acked].sort(), [...expected].sort());
    assert.equal(hook.badSignatures, 0);
    const attrs = (await new SQSClient(moto.config).send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes ?? {};
    assert.equal(Number(attrs.ApproximateNumberOfMessages) + Number(attrs.ApproximateNumberOfMessagesNotVisible), 0, 'every message deleted');
    const store = await openStore(join(dir, 'cordon.db'));
    try {
      const deliveries = await store.alerts.deliveries({});
      assert.equal(deliveries.length, expected.size);
      assert.ok(deliveries.every((d) => d.status === 'delivered'));
    } finally {
      await store.close();
    }
  });
});
