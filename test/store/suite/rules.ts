/** Archive rules through the store: CRUD, archive on arrival, retroactive apply. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CordonStore } from '../../../src/store/index.js';
import type { TestBackend } from './backends.js';
import { day, draft } from './drafts.js';

export function rulesSuite(backend: TestBackend): void {
  describe(`archive rules (${backend.name})`, () => {
    let store: CordonStore;
    let dispose: () => Promise<void>;
    before(async () => ({ store, dispose } = await backend.open()));
    after(() => dispose());
    const by = { actor: 'tester' };

    test('create, get, list, update, delete; bad filters and names are typed errors', async () => {
      const rule = await store.archiveRules.create({ name: 'trusted', filter: '{"principal.AWS":{"eq":["111122223333"]},"isPublic":{"eq":["false"]}}' }, by, day(1));
      assert.deepEqual(rule.filter, { isPublic: { eq: ['false'] }, 'principal.AWS': { eq: ['111122223333'] } });
      assert.equal(rule.id, 'trusted');
      await assert.rejects(store.archiveRules.create({ name: 'trusted', filter: { id: { eq: ['x'] } } }, by), { code: 'conflict' });
      await assert.rejects(store.archiveRules.create({ name: 'bad', filter: { principalAWS: { eq: ['1'] } } }, by), (e: Error & { code: string; details: { pointer?: string }[] }) => {
        assert.equal(e.code, 'invalid_filter');
        assert.match(e.message, /principalAWS/);
        assert.equal(e.details[0]!.pointer, '/principalAWS');
        return true;
      });
      await assert.rejects(store.archiveRules.create({ name: '1bad name', filter: { id: { eq: ['x'] } } }, by), { code: 'invalid_filter' });
      await store.archiveRules.create({ name: 'tmp', filter: { id: { eq: ['x'] } }, description: 'temporary' }, by, day(1));
      const updated = await store.archiveRules.update('tmp', { filter: { id: { eq: ['y'] } } }, by, day(2));
      assert.deepEqual([updated.filter, updated.createdAt, updated.updatedAt], [{ id: { eq: ['y'] } }, day(1), day(2)]);
      assert.deepEqual((await store.archiveRules.list()).map((r) => r.name), ['tmp', 'trusted']);
      await store.archiveRules.delete('tmp', by);
      assert.equal(await store.archiveRules.get('tmp'), undefined);
      await assert.rejects(store.archiveRules.delete('tmp', by), { code: 'not_found' });
      await store.archiveRules.delete('trusted', by);
    });

    test('new findings matching a rule are ARCHIVED on arrival; others stay ACTIVE', async () => {
      await store.archiveRules.create({ name: 'alice', filter: { 'principal.AWS': { eq: ['arn:aws:iam::999988887777:user/Alice'] } } }, by, day(3));
      const r = await store.scans.record({ scope: 'arrival', findings: [draft('N1'), draft('N2', { principal: { AWS: '444455556666' } })], now: day(4) });
      assert.equal(r.archivedOnArrival, 1);
      assert.equal((await store.findings.get('N1'))!.status, 'ARCHIVED');
      assert.equal((await store.findings.get('N2'))!.status, 'ACTIVE');
      const h = await store.findings.history('N1');
      assert.deepEqual(h.map((e) => [e.change, e.by, e.ruleName ?? null]), [['created', 'scan', null], ['archived', 'rule', 'alice']]);
      await store.archiveRules.delete('alice', by);
    });

    test('apply archives existing ACTIVE findings retroactively, with each operator', async () => {
      await store.scans.record({
        scope: 'apply',
        findings: [
          draft('R1', { principal: { AWS: 'arn:aws:iam::222233334444:root' }, condition: { 'aws:SourceIp': ['10.0.0.0/8'] } }),
          draft('R2', { principal: { Federated: 'cognito-identity.amazonaws.com' }, isPublic: true }),
          draft('R3', { resource: 'arn:aws:s3:::logs-bucket', resourceType: 'AWS::S3::Bucket', severity: 'LOW' }),
          draft('R4', { type: 'RiskyPermission', principal: 'arn:aws:iam::111122223333:role/dev' }),
        ],
        now: day(5),
      });
      const cases: [string, object, string[]][] = [
        ['eq-account-matches-root-arn', { 'principal.AWS': { eq: ['222233334444'] } }, ['R1']],
        ['contains-resource', { resource: { contains: ['logs-'] } }, ['R3']],
        ['exists-condition', { 'condition.aws:SourceIp': { exists: true } }, []],
        ['public', { isPublic: { eq: ['true'] } }, ['R2']],
        ['not-external', { type: { neq: ['ExternalAccess'] } }, ['R4']],
      ];
      for (const [name, filter, expected] of cases) {
        await store.archiveRules.create({ name, filter }, by, day(6));
        const result = await store.archiveRules.apply(name, by, day(6));
        assert.deepEqual(result.archived, expected, name);
      }
      // R1 was archived by the first rule already, so `exists` found nothing ACTIVE left to archive.
      assert.equal((await store.findings.get('R1'))!.status, 'ARCHIVED');
      assert.deepEqual((await store.findings.history('R3')).at(-1), { findingId: 'R3', at: day(6), change: 'archived', from: 'ACTIVE', to: 'ARCHIVED', by: 'rule', actor: 'tester', ruleName: 'contains-resource' });
      await assert.rejects(store.archiveRules.apply('missing', by), { code: 'not_found' });
    });
  });
}
