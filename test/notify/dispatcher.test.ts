/** Dispatcher over the real store (SQLite in memory): retries with backoff, never re-sends a delivered alert, never drops one. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { openStore } from '../../src/store/index.js';
import { backoffMs, deliverDue } from '../../src/notify/dispatcher.js';
import { SinkError, type AlertSink } from '../../src/notify/sink.js';
import { maskUrl } from '../../src/notify/mask.js';
import { signBody, webhookSink } from '../../src/notify/webhook-sink.js';
import { parseSinksConfig } from '../../src/notify/sinks-config.js';
import { slackMessage } from '../../src/notify/slack-sink.js';
import { buildAlert } from '../../src/detect/rule-set.js';
import { groupMatches } from '../../src/detect/group-matches.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';
import type { Alert } from '../../src/model/alert.js';

const rule = BUILTIN_RULES.find((r) => r.id === 'mfa-deactivated')!;
const alert = (n: number): Alert => groupMatches([buildAlert(rule, { eventID: `e${n}`, eventTime: `2024-01-01T00:00:0${n}Z`, eventSource: 'iam.amazonaws.com', eventName: 'DeactivateMFADevice', recipientAccountId: '111122223333' })])!;

/** A sink failing its first `failures` sends. */
function flaky(failures: number, retryable = true): AlertSink & { sent: string[]; calls: number } {
  const s = {
    id: 'test:flaky', label: 'flaky', sent: [] as string[], calls: 0,
    async send(a: Alert) {
      s.calls++;
      if (s.calls <= failures) throw new SinkError('HTTP 503', retryable);
      s.sent.push(a.id);
    },
  };
  return s;
}

describe('dispatcher', () => {
  test('a failing sink is retried with exponential backoff until it succeeds; delivered alerts are not re-sent', async () => {
    const store = await openStore(':memory:');
    let now = Date.parse('2024-01-01T00:00:00Z');
    const clock = () => new Date(now);
    const sink = flaky(2);
    await store.alerts.insert([alert(1)], { sinks: [sink.id], now: clock().toISOString() });
    assert.deepEqual(await deliverDue(store.alerts, [sink], { clock }), { delivered: 0, retried: 1, failed: 0 });
    assert.equal((await deliverDue(store.alerts, [sink], { clock })).retried, 0, 'not due before its backoff');
    now += backoffMs(0);
    assert.equal((await deliverDue(store.alerts, [sink], { clock })).retried, 1);
    now += backoffMs(1);
    assert.equal((await deliverDue(store.alerts, [sink], { clock })).delivered, 1);
    now += 3_600_000;
    assert.equal((await deliverDue(store.alerts, [sink], { clock })).delivered, 0);
    assert.deepEqual(sink.sent, [alert(1).id]);
    const [d] = await store.alerts.deliveries({ alertId: alert(1).id });
    assert.equal(d!.status, 'delivered');
    assert.equal(d!.attempts, 3);
    // Re-inserting the same alert (same event read again) neither duplicates it nor re-queues it.
    const again = await store.alerts.insert([alert(1)], { sinks: [sink.id], now: clock().toISOString() });
    assert.deepEqual(again.duplicates, [alert(1).id]);
    assert.equal((await deliverDue(store.alerts, [sink], { clock })).delivered, 0);
    await store.close();
  });

  test('a non-retryable failure is kept as failed (never lost) and can be re-queued', async () => {
    const store = await openStore(':memory:');
    const clock = () => new Date('2024-01-01T00:00:00Z');
    const sink = flaky(1, false);
    await store.alerts.insert([alert(2)], { sinks: [sink.id], now: clock().toISOString() });
    assert.equal((await deliverDue(store.alerts, [sink], { clock })).failed, 1);
    assert.equal((await store.alerts.deliveries({ status: 'failed' })).length, 1);
    assert.equal(await store.alerts.requeue({ now: clock().toISOString() }), 1);
    assert.equal((await deliverDue(store.alerts, [sink], { clock })).delivered, 1);
    await store.close();
  });

  test('backoff doubles and is capped', () => {
    assert.deepEqual([0, 1, 2, 3].map((n) => backoffMs(n)), [1000, 2000, 4000, 8000]);
    assert.equal(backoffMs(40), 300_000);
  });
});

describe('sinks', () => {
  test('webhook: JSON body, alert-id header, HMAC-SHA256 signature of the raw body', async () => {
    const seen: { headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.writeHead(seen.length === 1 ? 200 : 404).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/T000/XYZ`;
    const sink = webhookSink({ url, secret: 's3cret' });
    await sink.send(alert(3));
    assert.equal(seen[0]!.headers['x-cordon-signature'], signBody('s3cret', seen[0]!.body));
    assert.equal(seen[0]!.headers['x-cordon-alert-id'], alert(3).id);
    assert.deepEqual(JSON.parse(seen[0]!.body).ruleId, 'mfa-deactivated');
    await assert.rejects(sink.send(alert(3)), (err: unknown) => err instanceof SinkError && !err.retryable && !err.message.includes('XYZ'));
    assert.ok(!sink.label.includes('XYZ') && !sink.id.includes('XYZ'));
    server.close();
  });

  test('masking keeps scheme and host only', () => {
    assert.equal(maskUrl('https://hooks.slack.com/services/T0/B0/SECRET'), 'https://hooks.slack.com/***');
    assert.equal(maskUrl('smtps://user:pass@mail.example.com:465'), 'smtps://mail.example.com:465');
    assert.equal(maskUrl('not a url'), '***');
  });

  test('sinks file: env-provided secrets, validation errors point at the entry', () => {
    const specs = parseSinksConfig({ sinks: [{ type: 'webhook', urlEnv: 'HOOK', secretEnv: 'HOOK_SECRET' }, { type: 'smtp', url: 'smtp://localhost:2525', to: 'a@x, b@x' }] }, 'sinks.json', { HOOK: 'https://h.example/x', HOOK_SECRET: 'k' });
    assert.deepEqual(specs[0], { type: 'webhook', url: 'https://h.example/x', secret: 'k', headers: undefined, name: undefined, timeoutMs: undefined });
    assert.deepEqual((specs[1] as { to: string[] }).to, ['a@x', 'b@x']);
    assert.throws(() => parseSinksConfig({ sinks: [{ type: 'pager' }] }, 'f.json'), (e: unknown) => (e as { location: { pointer: string } }).location.pointer === '/sinks/0/type');
    assert.throws(() => parseSinksConfig([{ type: 'slack', urlEnv: 'NOPE' }], 'f.json', {}), /NOPE/);
  });

  test('slack message carries severity, rule and summary', () => {
    const m = slackMessage(alert(4)) as { text: string };
    assert.match(m.text, /^\[HIGH\] MFA device deactivated/);
  });
});
