/** Action journals and API tokens through the store. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { CordonStore } from '../../../src/store/index.js';
import type { TestBackend } from './backends.js';
import { day } from './drafts.js';

export function journalTokensSuite(backend: TestBackend): void {
  describe(`journal and tokens (${backend.name})`, () => {
    let store: CordonStore;
    let dispose: () => Promise<void>;
    before(async () => ({ store, dispose } = await backend.open()));
    after(() => dispose());

    test('an execution keeps ordered steps with status changes; start is idempotent (resume)', async () => {
      const e = await store.journal.start({ id: 'ex1', kind: 'remediation', subject: 'F1', actor: 'alice', metadata: { strategy: 'deny' }, now: day(1) });
      assert.deepEqual([e.status, e.subject, e.metadata], ['running', 'F1', { strategy: 'deny' }]);
      assert.equal(await store.journal.appendStep('ex1', { kind: 'CreateDenyPolicy', status: 'planned', payload: { name: 'cordon-restrict-F1' }, now: day(1) }), 0);
      assert.equal(await store.journal.appendStep('ex1', { kind: 'AttachPolicy', status: 'planned', payload: { role: 'r' }, now: day(1) }), 1);
      await assert.rejects(store.journal.appendStep('ex1', { kind: 'X', status: 'planned', payload: {}, index: 1, now: day(1) }), { code: 'conflict' });
      await assert.rejects(store.journal.appendStep('nope', { kind: 'X', status: 'planned', payload: {}, now: day(1) }), { code: 'not_found' });
      await store.journal.updateStep('ex1', 0, { status: 'applied', result: { arn: 'arn:aws:iam::1:policy/p' }, now: day(2) });
      await store.journal.updateStep('ex1', 1, { status: 'failed', error: 'AccessDenied', now: day(2) });
      const again = await store.journal.start({ id: 'ex1', kind: 'remediation', subject: 'F1', now: day(3) });
      assert.equal(again.createdAt, day(1), 'starting an existing execution resumes it');
      await store.journal.finish('ex1', { status: 'failed', now: day(3) });
      const got = (await store.journal.get('ex1'))!;
      assert.equal(got.execution.status, 'failed');
      assert.deepEqual(got.steps.map((s) => [s.index, s.kind, s.status, s.result ?? null, s.error ?? null]), [
        [0, 'CreateDenyPolicy', 'applied', { arn: 'arn:aws:iam::1:policy/p' }, null],
        [1, 'AttachPolicy', 'failed', null, 'AccessDenied'],
      ]);
      await assert.rejects(store.journal.updateStep('ex1', 9, { status: 'applied', now: day(3) }), { code: 'not_found' });
      assert.equal(await store.journal.get('none'), undefined);
    });

    test('executions are listed newest first, by kind and subject (rollback by finding id)', async () => {
      await store.journal.start({ id: 'ex2', kind: 'containment', subject: 'arn:aws:iam::1:user/bob', now: day(4) });
      await store.journal.start({ id: 'ex3', kind: 'remediation', subject: 'F1', now: day(5) });
      assert.deepEqual((await store.journal.list({ kind: 'remediation', subject: 'F1' })).items.map((e) => e.id), ['ex3', 'ex1']);
      const p1 = await store.journal.list({ limit: 2 });
      assert.deepEqual(p1.items.map((e) => e.id), ['ex3', 'ex2']);
      assert.deepEqual((await store.journal.list({ limit: 2, cursor: p1.nextCursor })).items.map((e) => e.id), ['ex1']);
    });

    test('tokens: stored by hash, found while live, listed without hash, revoked', async () => {
      const hash = createHash('sha256').update('secret-token').digest('hex');
      const t = await store.tokens.create({ name: 'ci', role: 'responder', hash, now: day(1) });
      assert.equal(t.role, 'responder');
      const found = (await store.tokens.findByHash(hash))!;
      assert.deepEqual([found.id, found.hash, found.name], [t.id, hash, 'ci']);
      await store.tokens.touch(t.id, day(2));
      const listed = await store.tokens.list();
      assert.deepEqual(listed, [{ id: t.id, name: 'ci', role: 'responder', createdAt: day(1), lastUsedAt: day(2) }]);
      await store.tokens.revoke(t.id, day(3));
      assert.equal(await store.tokens.findByHash(hash), undefined);
      assert.equal((await store.tokens.list())[0]!.revokedAt, day(3));
      await assert.rejects(store.tokens.revoke('tokmissing'), { code: 'not_found' });
      await assert.rejects(store.tokens.create({ name: 'x', role: 'root' as 'admin', hash }), { code: 'usage' });
      await assert.rejects(store.tokens.create({ name: 'x', role: 'admin', hash: 'plaintext' }), { code: 'usage' });
    });
  });
}
