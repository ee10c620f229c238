import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readCloudTrail, type ReadIssue } from '../../src/activity/readers/read-events.js';
import { eventOrigin } from '../../src/activity/origin.js';
import type { S3TrailObjects } from '../../src/aws/s3-cloudtrail-objects.js';
import { INVICTUS_DIR, STRATUS_DIR } from './corpora.js';

async function collect(source: string | string[], options: Parameters<typeof readCloudTrail>[1] = {}) {
  const issues: ReadIssue[] = [];
  const events = [];
  for await (const e of readCloudTrail(source, { ...options, onIssue: (i) => issues.push(i) })) events.push(e);
  return { events, issues };
}

const rec = (id: string, time: string, name = 'GetUser') => ({ eventID: id, eventTime: time, eventSource: 'iam.amazonaws.com', eventName: name });

describe('CloudTrail readers', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cordon-readers-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  test('invictus: 55 delivery objects, 2,900 events, no issue', async () => {
    const { events, issues } = await collect(INVICTUS_DIR);
    assert.equal(events.length, 2900);
    assert.deepEqual(issues, []);
  });

  test('stratus: 35 JSON arrays, 310 fuzzed events accepted, each with its origin', async () => {
    const { events, issues } = await collect(STRATUS_DIR);
    assert.equal(events.length, 310);
    assert.deepEqual(issues, []);
    const o = eventOrigin(events[0]!);
    assert.ok(o?.file.endsWith('aws.credential-access.ec2-get-password-data.json'));
    assert.equal(o?.index, 0);
    assert.ok(!JSON.stringify(events[0]).includes('cordon'), 'origin is not serialised');
  });

  test('gzip (by magic number), JSON lines, arrays; a truncated file is reported and skipped', async () => {
    const d = join(dir, 'formats');
    await mkdir(d);
    await writeFile(join(d, 'a.json.gz'), gzipSync(JSON.stringify({ Records: [rec('a1', '2024-01-01T00:00:00Z')] })));
    await writeFile(join(d, 'b.jsonl'), `${JSON.stringify(rec('b1', '2024-01-01T00:00:00Z'))}\n${JSON.stringify(rec('b2', '2024-01-01T00:00:00Z'))}\n`);
    await writeFile(join(d, 'c.json'), '{"Records":[{"eventID":"c1","eventTime":"2024');
    await writeFile(join(d, 'd.json'), JSON.stringify([rec('d1', '2024-01-01T00:00:00Z'), 42]));
    await writeFile(join(d, 'e.json.gz'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    await writeFile(join(d, 'README.md'), 'not a trail file');
    const { events, issues } = await collect(d);
    assert.deepEqual(events.map((e) => e.eventID), ['a1', 'b1', 'b2', 'd1']);
    assert.deepEqual(issues.map((i) => i.file.slice(d.length + 1)), ['c.json', 'e.json.gz']);
    assert.match(issues[0]!.reason, /not valid JSON/);
    assert.match(issues[1]!.reason, /decompress/);
  });

  test('org-trail layout: --start/--end prune day folders and filter events; digests skipped', async () => {
    const base = join(dir, 'AWSLogs', 'o-abc123', '111122223333', 'CloudTrail', 'us-east-1', '2024');
    for (const [day, id] of [['01/01', 'jan1'], ['01/02', 'jan2'], ['01/03', 'jan3'], ['02/10', 'feb10']] as const) {
      await mkdir(join(base, day), { recursive: true });
      await writeFile(join(base, day, `f-${id}.json.gz`), gzipSync(JSON.stringify({ Records: [rec(id, `2024-${day.replace('/', '-')}T12:00:00Z`)] })));
    }
    await mkdir(join(base, '01', '05'), { recursive: true });
    await writeFile(join(base, '01', '05', 'corrupt.json.gz'), 'xx'); // would be an issue if read: proves pruning
    const digest = join(dir, 'AWSLogs', 'o-abc123', '111122223333', 'CloudTrail-Digest', 'us-east-1', '2024', '01', '02');
    await mkdir(digest, { recursive: true });
    await writeFile(join(digest, 'digest.json.gz'), 'xx');
    const { events, issues } = await collect(join(dir, 'AWSLogs'), { window: { start: '2024-01-02T00:00:00Z', end: '2024-01-03T00:00:00Z' } });
    assert.deepEqual(events.map((e) => e.eventID), ['jan2']);
    assert.deepEqual(issues, []);
    const all = await collect(join(dir, 'AWSLogs'));
    assert.deepEqual(all.events.map((e) => e.eventID), ['jan1', 'jan2', 'jan3', 'feb10']);
    assert.equal(all.issues.length, 1);
  });

  test('s3:// URIs walk the bucket through the adapter, one folder at a time', async () => {
    const objects = new Map<string, Buffer>([
      ['AWSLogs/111122223333/CloudTrail/eu-west-1/2024/03/01/x.json.gz', gzipSync(JSON.stringify({ Records: [rec('s1', '2024-03-01T01:00:00Z')] }))],
      ['AWSLogs/111122223333/CloudTrail/eu-west-1/2024/03/09/y.json.gz', gzipSync(JSON.stringify({ Records: [rec('s2', '2024-03-09T01:00:00Z')] }))],
    ]);
    const listed: string[] = [];
    const s3: S3TrailObjects = {
      async listFolder(_bucket, prefix) {
        listed.push(prefix);
        const prefixes = new Set<string>();
        const objs = [];
        for (const key of objects.keys()) {
          if (!key.startsWith(prefix)) continue;
          const rest = key.slice(prefix.length);
          const slash = rest.indexOf('/');
          if (slash >= 0) prefixes.add(prefix + rest.slice(0, slash + 1));
          else objs.push({ key });
        }
        return { prefixes: [...prefixes], objects: objs };
      },
      async getObject(_b, key) {
        return objects.get(key)!;
      },
    };
    const { events } = await collect('s3://trail-bucket/AWSLogs/', { s3, window: { start: '2024-03-05T00:00:00Z' } });
    assert.deepEqual(events.map((e) => e.eventID), ['s2']);
    assert.ok(!listed.includes('AWSLogs/111122223333/CloudTrail/eu-west-1/2024/03/01/'), 'pruned day folder never listed');
    assert.equal(eventOrigin(events[0]!)?.file, 's3://trail-bucket/AWSLogs/111122223333/CloudTrail/eu-west-1/2024/03/09/y.json.gz');
  });
});
