/** The pure lifecycle merge (src/findings/lifecycle.ts): rules of docs/store.md, case by case. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArchiveFilter } from '../../src/findings/archive-filter.js';
import { contentHash } from '../../src/findings/content-hash.js';
import type { StoredFindingState } from '../../src/findings/lifecycle.js';
import { findingOf, mergeScan } from '../../src/findings/lifecycle.js';
import type { FindingDraft } from '../../src/model/finding.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';

function draft(id: string, extra: Partial<FindingDraft> = {}): FindingDraft {
  return { id, type: 'ExternalAccess', severity: 'HIGH', title: id, accountId: '1', resource: `r-${id}`, resourceType: 'AWS::IAM::Role', evidence: [], ...extra };
}

function state(d: FindingDraft, status: StoredFindingState['status'], scope = 's'): StoredFindingState {
  return { id: d.id, scope, status, contentHash: contentHash(d), createdAt: T0, updatedAt: T0 };
}

const run = (drafts: FindingDraft[], existing: StoredFindingState[], rules: { name: string; filter: object }[] = []) =>
  mergeScan({ scope: 's', scanId: 'scan', now: T1, drafts, existing: new Map(existing.map((e) => [e.id, e])), rules: rules.map((r) => ({ name: r.name, filter: parseArchiveFilter(r.filter) })) });

describe('mergeScan', () => {
  test('new → ACTIVE; absent → RESOLVED; unchanged → not rewritten', () => {
    const a = draft('A');
    const b = draft('B');
    const r = run([b, draft('C')], [state(a, 'ACTIVE'), state(b, 'ACTIVE')]);
    assert.deepEqual(r.createdIds, ['C']);
    assert.deepEqual(r.resolved, ['A']);
    assert.deepEqual(r.writes.map((w) => w.draft.id), ['C']);
    assert.deepEqual(r.counts, { total: 2, created: 1, updated: 0, unchanged: 1, resolved: 1, reopened: 0, archivedOnArrival: 0, duplicates: 0 });
  });

  test('content change keeps createdAt and status, moves updatedAt', () => {
    const b = draft('B');
    const r = run([draft('B', { severity: 'LOW' })], [state(b, 'ARCHIVED')]);
    assert.equal(r.writes.length, 1);
    assert.deepEqual([r.writes[0]!.status, r.writes[0]!.createdAt, r.writes[0]!.updatedAt], ['ARCHIVED', T0, T1]);
    assert.equal(r.counts.updated, 1);
  });

  test('ARCHIVED found again stays ARCHIVED; RESOLVED found again is reopened', () => {
    const b = draft('B');
    const a = draft('A');
    const r = run([a, b], [state(a, 'RESOLVED'), state(b, 'ARCHIVED')]);
    assert.deepEqual(r.reopenedIds, ['A']);
    const byId = new Map(r.writes.map((w) => [w.draft.id, findingOf(w)]));
    assert.equal(byId.get('A')!.status, 'ACTIVE');
    assert.equal(byId.get('A')!.createdAt, T0);
    assert.equal(byId.has('B'), false);
  });

  test('archive rules apply to new, reopened and changed ACTIVE findings, not to unchanged ones', () => {
    const rule = { name: 'high', filter: { severity: { eq: ['HIGH'] } } };
    const unchanged = draft('U');
    const changed = draft('V');
    const resolved = draft('W');
    const r = run([draft('N'), unchanged, draft('V', { title: 'new title' }), resolved], [state(unchanged, 'ACTIVE'), state(changed, 'ACTIVE'), state(resolved, 'RESOLVED')], [rule]);
    const status = Object.fromEntries(r.writes.map((w) => [w.draft.id, w.status]));
    assert.deepEqual(status, { N: 'ARCHIVED', V: 'ARCHIVED', W: 'ARCHIVED' });
    assert.equal(r.counts.archivedOnArrival, 3);
    assert.ok(r.events.some((e) => e.findingId === 'N' && e.by === 'rule' && e.ruleName === 'high'));
  });

  test('findings of other scopes are never resolved; a finding seen from another scope moves', () => {
    const x = draft('X');
    const r = run([x], [state(x, 'ACTIVE', 'other'), state(draft('Y'), 'ACTIVE', 'other')]);
    assert.deepEqual(r.resolved, []);
    assert.deepEqual(r.writes.map((w) => [w.draft.id, w.scope, w.updatedAt]), [['X', 's', T0]]);
  });

  test('lifecycle fields on an input draft are ignored', () => {
    const b = draft('B');
    const withFields = { ...b, status: 'ARCHIVED', createdAt: 'x', updatedAt: 'y' } as FindingDraft;
    const r = run([withFields], [state(b, 'ACTIVE')]);
    assert.equal(r.counts.unchanged, 1);
  });
});
