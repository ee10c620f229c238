/** Lifecycle scenario of issue 7, through the store. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CordonStore } from '../../../src/store/index.js';
import type { TestBackend } from './backends.js';
import { day, draft } from './drafts.js';

export function lifecycleSuite(backend: TestBackend): void {
  describe(`lifecycle (${backend.name})`, () => {
    let store: CordonStore;
    let dispose: () => Promise<void>;
    before(async () => ({ store, dispose } = await backend.open()));
    after(() => dispose());

    test('scan 1 A,B; scan 2 B,C; archive B; scan 3 B; A reappears', async () => {
      const s1 = await store.scans.record({ scope: 'acct', findings: [draft('A'), draft('B')], now: day(1), id: 'scan1' });
      assert.equal(s1.created, 2);
      const b1 = (await store.findings.get('B'))!;
      const s2 = await store.scans.record({ scope: 'acct', findings: [draft('B'), draft('C')], now: day(2), id: 'scan2' });
      assert.deepEqual([s2.created, s2.unchanged, s2.resolved], [1, 1, 1]);
      const a = (await store.findings.get('A'))!;
      assert.equal(a.status, 'RESOLVED');
      assert.equal(a.createdAt, day(1));
      assert.equal(a.updatedAt, day(2));
      const b2 = (await store.findings.get('B'))!;
      assert.equal(b2.status, 'ACTIVE');
      assert.equal(b2.id, b1.id);
      assert.equal(b2.createdAt, day(1));
      assert.equal(b2.updatedAt, day(1), 'unchanged content keeps updatedAt');
      assert.equal((await store.findings.get('C'))!.status, 'ACTIVE');

      await store.findings.archive('B', { actor: 'alice', reason: 'accepted' }, day(3));
      const s3 = await store.scans.record({ scope: 'acct', findings: [draft('B'), draft('C')], now: day(4), id: 'scan3' });
      assert.equal(s3.unchanged, 2);
      assert.equal((await store.findings.get('B'))!.status, 'ARCHIVED');

      const s4 = await store.scans.record({ scope: 'acct', findings: [draft('A'), draft('B'), draft('C')], now: day(5), id: 'scan4' });
      assert.equal(s4.reopened, 1);
      const a2 = (await store.findings.get('A'))!;
      assert.equal(a2.status, 'ACTIVE');
      assert.equal(a2.createdAt, day(1));
      const history = await store.findings.history('A');
      assert.deepEqual(history.map((e) => [e.change, e.from, e.to, e.scanId]), [
        ['created', null, 'ACTIVE', 'scan1'],
        ['resolved', 'ACTIVE', 'RESOLVED', 'scan2'],
        ['reopened', 'RESOLVED', 'ACTIVE', 'scan4'],
      ]);
      const bHistory = await store.findings.history('B');
      assert.deepEqual(bHistory.at(-1), { findingId: 'B', at: day(3), change: 'archived', from: 'ACTIVE', to: 'ARCHIVED', by: 'user', actor: 'alice', reason: 'accepted' });
      assert.deepEqual((await store.scans.changes('scan2')).map((e) => [e.findingId, e.change]), [['A', 'resolved'], ['C', 'created']]);
    });

    test('updatedAt moves only when content changes; other scopes are untouched', async () => {
      await store.scans.record({ scope: 'other', findings: [draft('X1')], now: day(6) });
      await store.scans.record({ scope: 'other', findings: [draft('X1', { severity: 'LOW' })], now: day(7) });
      const x = (await store.findings.get('X1'))!;
      assert.deepEqual([x.severity, x.createdAt, x.updatedAt], ['LOW', day(6), day(7)]);
      // Key order of the draft does not count as a change.
      const reordered = Object.fromEntries(Object.entries(draft('X1', { severity: 'LOW' })).reverse()) as ReturnType<typeof draft>;
      const r = await store.scans.record({ scope: 'other', findings: [reordered], now: day(8) });
      assert.equal(r.unchanged, 1);
      assert.equal((await store.findings.get('X1'))!.updatedAt, day(7));
      // Scope `acct` was not scanned, so its findings keep their status.
      assert.equal((await store.findings.get('C'))!.status, 'ACTIVE');
    });

    test('an ARCHIVED finding absent from a scan becomes RESOLVED; unarchive rules', async () => {
      await store.scans.record({ scope: 's3', findings: [draft('Y1'), draft('Y2')], now: day(9) });
      await store.findings.archive('Y1', { actor: 'bob' }, day(9));
      await store.scans.record({ scope: 's3', findings: [draft('Y2')], now: day(10) });
      assert.equal((await store.findings.get('Y1'))!.status, 'RESOLVED');
      await assert.rejects(store.findings.archive('Y1', { actor: 'bob' }), { code: 'invalid_transition' });
      await assert.rejects(store.findings.unarchive('Y1', { actor: 'bob' }), { code: 'invalid_transition' });
      await assert.rejects(store.findings.archive('nope', { actor: 'bob' }), { code: 'not_found' });
      const y2 = await store.findings.archive('Y2', { actor: 'bob' }, day(11));
      assert.equal(y2.status, 'ARCHIVED');
      assert.equal((await store.findings.archive('Y2', { actor: 'bob' }, day(12))).updatedAt, day(11), 'archiving twice is a no-op');
      assert.equal((await store.findings.unarchive('Y2', { actor: 'bob' }, day(13))).status, 'ACTIVE');
    });

    test('list filters, paging with cursor and offset, count', async () => {
      const drafts = Array.from({ length: 25 }, (_, i) => draft(`P${String(i).padStart(2, '0')}`, { severity: i % 2 ? 'LOW' : 'MEDIUM', type: i < 5 ? 'RiskyPermission' : 'ExternalAccess' }));
      await store.scans.record({ scope: 'paging', findings: drafts, now: day(14) });
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.findings.list({ scope: 'paging', limit: 7, cursor });
        ids.push(...page.items.map((f) => f.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(ids, drafts.map((d) => d.id));
      const offsetPage = await store.findings.list({ scope: 'paging', limit: 5, offset: 10 });
      assert.deepEqual(offsetPage.items.map((f) => f.id), ids.slice(10, 15));
      assert.equal((await store.findings.list({ scope: 'paging', severity: 'LOW', type: 'RiskyPermission' })).items.length, 2);
      assert.equal(await store.findings.count({ scope: 'paging', status: 'ACTIVE' }), 25);
      assert.deepEqual((await store.findings.list({ ids: ['P03', 'P01', 'zz'] })).items.map((f) => f.id), ['P01', 'P03']);
      // More ids than one IN list holds: chunked, still ordered and paged.
      const many = [...Array.from({ length: 1500 }, (_, i) => `none${i}`), ...ids.slice(0, 12)];
      const first = await store.findings.list({ ids: many, limit: 10 });
      assert.deepEqual(first.items.map((f) => f.id), ids.slice(0, 10));
      assert.deepEqual((await store.findings.list({ ids: many, limit: 10, cursor: first.nextCursor })).items.map((f) => f.id), ids.slice(10, 12));
      assert.equal((await store.findings.list({ resource: 'arn:aws:iam::111122223333:role/P07' })).items[0]!.id, 'P07');
      assert.equal((await store.findings.list({ accountId: '000000000000' })).items.length, 0);
      await assert.rejects(store.findings.list({ cursor: 'garbage!' }), { code: 'usage' });
    });

    test('scans are listed newest first with their counts', async () => {
      const page = await store.scans.list({ scope: 'acct', limit: 2 });
      assert.deepEqual(page.items.map((s) => s.id), ['scan4', 'scan3']);
      const rest = await store.scans.list({ scope: 'acct', cursor: page.nextCursor });
      assert.deepEqual(rest.items.map((s) => s.id), ['scan2', 'scan1']);
      const s1 = (await store.scans.get('scan1'))!;
      assert.equal(s1.counts.created, 2);
      assert.equal(s1.startedAt, day(1));
    });

    test('duplicate ids in one scan are counted, first kept', async () => {
      const r = await store.scans.record({ scope: 'dup', findings: [draft('D1', { title: 'first' }), draft('D1', { title: 'second' })], now: day(15) });
      assert.deepEqual([r.created, r.duplicates], [1, 1]);
      assert.equal((await store.findings.get('D1'))!.title, 'first');
    });

    test('a failing scan write leaves the previous state (transaction)', async () => {
      await store.scans.record({ scope: 'tx', findings: [draft('T1')], now: day(16), id: 'txscan' });
      // Re-using a scan id fails on the last insert, after the findings were written in the same transaction.
      await assert.rejects(store.scans.record({ scope: 'tx', findings: [draft('T2')], now: day(17), id: 'txscan' }));
      assert.equal((await store.findings.get('T1'))!.status, 'ACTIVE');
      assert.equal(await store.findings.get('T2'), undefined);
    });
  });
}
