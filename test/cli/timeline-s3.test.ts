/**
 * `cordon timeline --cloudtrail s3://...` on moto: the issue-22 scenario (PutRolePolicy grants
 * `iam:*` to a role a user may assume, DeleteRolePolicy undoes it) delivered as CloudTrail puts it
 * in an org trail bucket, one gzipped object per delivery under `AWSLogs/<account>/CloudTrail/`,
 * in two days. The finding appears and is resolved at the right events, and `--start` narrows the
 * listing to the objects of the second day.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { useMoto } from '../helpers/moto.js';
import { runCordon } from '../helpers/cli.js';
import { ACCOUNT, SnapshotBuilder, allow, doc, trust } from '../helpers/snapshot-builder.js';
import { ACTOR, iamEvent, urlEncoded } from '../activity/replay-events.js';

const moto = useMoto();
const DAVE = `arn:aws:iam::${ACCOUNT}:user/dave`;
const PUT = '22222222-aaaa-4bbb-8ccc-000000000001';
const DELETE = '22222222-aaaa-4bbb-8ccc-000000000002';
let dir = '';

describe('cordon timeline over an s3:// trail (moto)', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cordon-timeline-s3-'));
    const b = new SnapshotBuilder();
    b.user({ name: 'dave', inline: [doc(allow('sts:AssumeRole', b.arn('role', 'ops')))] });
    b.role({ name: 'ops', trust: trust({ AWS: DAVE }) });
    await writeFile(join(dir, 'snapshot.json'), JSON.stringify(b.build()));
    const s3 = new S3Client(moto.config);
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'org-trail' }));
      const put = iamEvent(PUT, '2026-01-02T14:02:00Z', 'PutRolePolicy', { roleName: 'ops', policyName: 'ci-admin', policyDocument: urlEncoded(doc(allow('iam:*'))) });
      const del = iamEvent(DELETE, '2026-01-03T09:30:00Z', 'DeleteRolePolicy', { roleName: 'ops', policyName: 'ci-admin' });
      const key = (day: string, name: string) => `AWSLogs/o-abc123/${ACCOUNT}/CloudTrail/us-east-1/2026/01/${day}/${ACCOUNT}_CloudTrail_us-east-1_202601${day}T0000Z_${name}.json.gz`;
      await s3.send(new PutObjectCommand({ Bucket: 'org-trail', Key: key('02', 'a'), Body: gzipSync(JSON.stringify({ Records: [put] })) }));
      await s3.send(new PutObjectCommand({ Bucket: 'org-trail', Key: key('03', 'b'), Body: gzipSync(JSON.stringify({ Records: [del] })) }));
    } finally {
      s3.destroy();
    }
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  interface Entry { change: string; eventId: string; actor: string; finding: { type: string; principal: string } }
  const aws = () => ['--endpoint-url', moto.endpoint, '--region', 'us-east-1'];

  test('s3:// prefix: appeared at PutRolePolicy, resolved at DeleteRolePolicy', async () => {
    const r = await runCordon(['timeline', '--snapshot', join(dir, 'snapshot.json'), '--cloudtrail', 's3://org-trail/AWSLogs/', ...aws(), '--output', 'json'], { timeoutMs: 90_000 });
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { events: number; entries: Entry[] };
    assert.equal(out.events, 2);
    const daves = out.entries.filter((e) => e.finding.type === 'PrivilegeEscalation' && e.finding.principal === DAVE);
    assert.deepEqual(daves.map((e) => [e.change, e.eventId, e.actor]), [['APPEARED', PUT, ACTOR], ['RESOLVED', DELETE, ACTOR]]);
  });

  test('--start skips the first day: nothing appears, the delete changes nothing that was found', async () => {
    const r = await runCordon(['timeline', '--snapshot', join(dir, 'snapshot.json'), '--cloudtrail', 's3://org-trail/AWSLogs/', ...aws(), '--start', '2026-01-03', '--output', 'json'], { timeoutMs: 90_000 });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { events: number; entries: Entry[] };
    assert.equal(out.events, 1);
    assert.deepEqual(out.entries, []);
  });
});
