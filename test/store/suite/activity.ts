/** Activity aggregates and the ingested-files ledger through the store. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivityRow, CordonStore } from '../../../src/store/index.js';
import type { TestBackend } from './backends.js';

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const ROLE = 'arn:aws:iam::111122223333:role/app';

function row(principalArn: string, action: string, day: string, extra: Partial<ActivityRow> = {}): ActivityRow {
  return { accountId: '111122223333', principalArn, action, resourceArn: '*', day, successCount: 1, deniedCount: 0, firstSeen: `${day}T10:00:00Z`, lastSeen: `${day}T10:00:00Z`, ...extra };
}

export function activitySuite(backend: TestBackend): void {
  describe(`activity (${backend.name})`, () => {
    let store: CordonStore;
    let dispose: () => Promise<void>;
    before(async () => ({ store, dispose } = await backend.open()));
    after(() => dispose());

    test('upserts sum counts and widen first/last seen, even with repeated keys in one batch', async () => {
      await store.activity.upsert([
        row(ALICE, 's3:GetObject', '2026-01-01', { resourceArn: 'arn:aws:s3:::b/k', firstSeen: '2026-01-01T09:00:00Z' }),
        row(ALICE, 's3:GetObject', '2026-01-01', { resourceArn: 'arn:aws:s3:::b/k', lastSeen: '2026-01-01T23:00:00Z', deniedCount: 2, successCount: 0 }),
        row(ALICE, 'iam:ListUsers', '2026-01-02'),
        row(ROLE, 'sqs:SendMessage', '2026-01-03'),
      ]);
      await store.activity.upsert([row(ALICE, 's3:GetObject', '2026-01-05', { resourceArn: 'arn:aws:s3:::b/k', successCount: 4, lastSeen: '2026-01-05T08:00:00Z', firstSeen: '2026-01-05T07:00:00Z' })]);
      const all = await store.activity.byPrincipal(ALICE);
      assert.deepEqual(all, [
        { accountId: '111122223333', principalArn: ALICE, action: 'iam:ListUsers', resourceArn: '*', successCount: 1, deniedCount: 0, firstSeen: '2026-01-02T10:00:00Z', lastSeen: '2026-01-02T10:00:00Z', days: 1 },
        { accountId: '111122223333', principalArn: ALICE, action: 's3:GetObject', resourceArn: 'arn:aws:s3:::b/k', successCount: 5, deniedCount: 2, firstSeen: '2026-01-01T09:00:00Z', lastSeen: '2026-01-05T08:00:00Z', days: 2 },
      ]);
      const window = await store.activity.byPrincipal(ALICE, { start: '2026-01-02', end: '2026-01-04' });
      assert.deepEqual(window.map((r) => r.action), ['iam:ListUsers']);
      assert.deepEqual(await store.activity.principals(), [ROLE, ALICE]);
      assert.deepEqual(await store.activity.principals({ start: '2026-01-03' }), [ROLE, ALICE]);
      assert.deepEqual(await store.activity.principals({ end: '2026-01-02' }), [ALICE]);
    });

    test('the ledger lets a trail be ingested once; a changed etag is new again', async () => {
      const files = [{ key: 'AWSLogs/1/CloudTrail/us-east-1/2026/01/01/a.json.gz', etag: 'e1', size: 10 }, { key: 'b.json.gz', etag: 'e2', size: 20 }];
      assert.equal((await store.activity.newFiles(files)).length, 2);
      await store.activity.ingest([row(ROLE, 'sqs:SendMessage', '2026-01-03')], [files[0]!], '2026-01-10T00:00:00Z');
      assert.deepEqual((await store.activity.newFiles(files)).map((f) => f.key), ['b.json.gz']);
      assert.equal((await store.activity.byPrincipal(ROLE))[0]!.successCount, 2);
      await store.activity.markIngested([files[1]!], '2026-01-10T00:00:00Z');
      assert.deepEqual(await store.activity.newFiles(files), []);
      assert.deepEqual((await store.activity.newFiles([{ ...files[1]!, etag: 'e3' }])).map((f) => f.etag), ['e3']);
    });
  });
}
