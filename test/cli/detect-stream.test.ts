/**
 * `detect` streams its alerts (issue 17 / 26): the JSON array is written element by element and
 * stays byte-identical to `JSON.stringify(alerts, null, 2)`; `--output jsonl` writes one alert per
 * line; the store is fed in bounded batches; and a run whose alerts do not fit the heap all at
 * once completes under a small heap limit (a limit, not a timing).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { alertWriter, type DetectFormat } from '../../src/cli/commands/detect-output.js';
import type { Alert } from '../../src/model/alert.js';
import { AlertBatcher } from '../../src/notify/alert-batcher.js';
import type { AlertsRepository } from '../../src/store/types.js';
import { runCordon } from '../helpers/cli.js';

function alert(i: number): Alert {
  return {
    id: `a${i}`, ruleId: 'probe', severity: 'LOW', eventId: `e${i}`, eventTime: '2024-01-01T00:00:00Z', eventName: 'Probe',
    eventSource: 'x.amazonaws.com', accountId: '111122223333', region: 'us-east-1', actor: 'arn:aws:iam::111122223333:user/a', summary: `probe ${i} "quoted"\nline`,
    event: { eventID: `e${i}`, eventTime: '2024-01-01T00:00:00Z', eventSource: 'x.amazonaws.com', eventName: 'Probe', nested: { list: [1, { a: 'b' }] } },
  } as unknown as Alert;
}

async function written(format: DetectFormat, alerts: Alert[]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const w = alertWriter(format, out);
  for (const a of alerts) await w.write(a);
  await w.end();
  return Buffer.concat(chunks).toString();
}

describe('detect output writers', () => {
  test('json is byte-identical to JSON.stringify(array, null, 2) for 0, 1 and 3 alerts', async () => {
    for (const n of [0, 1, 3]) {
      const alerts = Array.from({ length: n }, (_, i) => alert(i));
      assert.equal(await written('json', alerts), `${JSON.stringify(alerts, null, 2)}\n`);
    }
  });

  test('jsonl writes one parseable alert per line', async () => {
    const alerts = [alert(0), alert(1)];
    const lines = (await written('jsonl', alerts)).split('\n');
    assert.equal(lines.pop(), '');
    assert.deepEqual(lines.map((l) => JSON.parse(l)), alerts);
    assert.equal(await written('jsonl', []), '');
  });

  test('table: header once, one line per alert, "no alerts" when empty', async () => {
    const lines = (await written('table', [alert(0), alert(1)])).trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^TIME\s+SEVERITY\s+RULE/);
    assert.equal(await written('table', []), 'no alerts\n');
  });
});

describe('alert batcher', () => {
  test('stores in batches of at most batchSize and counts every alert once', async () => {
    const batches: number[] = [];
    const repo = {
      insert: async (alerts: readonly Alert[]) => {
        batches.push(alerts.length);
        return { inserted: alerts.map((a) => a.id), duplicates: [] };
      },
      claim: async () => [],
    } as unknown as AlertsRepository;
    const b = new AlertBatcher(repo, [], { clock: () => new Date(0) }, 100);
    for (let i = 0; i < 1234; i++) await b.add(alert(i));
    await b.flush();
    assert.ok(batches.every((n) => n <= 100));
    assert.equal(batches.length, 13);
    assert.equal(b.stats.inserted, 1234);
  });
});

describe('cordon detect streams', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'cordon-detect-stream-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  test('40,000 alerts of 2 KB events complete under a 96 MB heap, as json and jsonl', { timeout: 240_000 }, async () => {
    const trail = join(dir, 'trail');
    const rules = join(dir, 'rules');
    await mkdir(trail);
    await mkdir(rules);
    await writeFile(join(rules, 'probe.json'), JSON.stringify([{ id: 'probe', title: 'Probe', severity: 'low', pattern: { metricFilter: '{ $.eventName = Probe }' } }]));
    const pad = 'x'.repeat(2000);
    for (let f = 0; f < 20; f++) {
      const Records = Array.from({ length: 2000 }, (_, i) => ({ eventVersion: '1.08', eventID: `ev-${f}-${i}`, eventTime: '2024-01-01T00:00:00Z', eventSource: 'x.amazonaws.com', eventName: 'Probe', awsRegion: 'us-east-1', recipientAccountId: '111122223333', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/a' }, requestParameters: { pad } }));
      await writeFile(join(trail, `f${String(f).padStart(2, '0')}.json`), JSON.stringify({ Records }));
    }
    // The whole result (40,000 alerts each holding its 2 KB event) is ~100 MB as a JSON string:
    // it cannot be held at once under this limit, so completing proves the output streams.
    const env = { NODE_OPTIONS: '--max-old-space-size=96' };
    const json = await runCordon(['detect', '--cloudtrail', trail, '--rules', rules, '--no-builtin-rules', '--output', 'json', '--quiet'], { env, timeoutMs: 200_000 });
    assert.equal(json.code, 1, json.stderr);
    const alerts = JSON.parse(json.stdout) as Alert[];
    assert.equal(alerts.length, 40_000);
    assert.equal(new Set(alerts.map((a) => a.id)).size, 40_000);
    const jsonl = await runCordon(['detect', '--cloudtrail', trail, '--rules', rules, '--no-builtin-rules', '--output', 'jsonl', '--quiet'], { env, timeoutMs: 200_000 });
    assert.equal(jsonl.code, 1, jsonl.stderr);
    assert.equal(jsonl.stdout.trimEnd().split('\n').length, 40_000);
  });
});
