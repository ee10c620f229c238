/**
 * Property test of the lifecycle over random scan sequences (fixed seed): applying `mergeScan`
 * scan after scan, with random user archiving in between, keeps the invariants of docs/store.md.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { StoredFindingState } from '../../src/findings/lifecycle.js';
import { mergeScan } from '../../src/findings/lifecycle.js';
import type { FindingDraft } from '../../src/model/finding.js';

const IDS = ['A', 'B', 'C', 'D', 'E'];
const draft = (id: string, v: number): FindingDraft => ({ id, type: 'RiskyPermission', severity: 'LOW', title: `${id}${v}`, accountId: '1', resource: id, resourceType: 't', evidence: [] });

const step = fc.record({
  present: fc.subarray(IDS),
  version: fc.integer({ min: 0, max: 1 }),
  archive: fc.subarray(IDS, { maxLength: 2 }),
});

test('random scan sequences keep the lifecycle invariants', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
      const state = new Map<string, StoredFindingState>();
      const firstSeen = new Map<string, string>();
      steps.forEach((s, n) => {
        const now = `2026-01-${String(n + 1).padStart(2, '0')}T00:00:00.000Z`;
        const before = new Map(state);
        const r = mergeScan({ scope: 's', scanId: `scan${n}`, now, drafts: s.present.map((id) => draft(id, s.version)), existing: state, rules: [] });
        for (const w of r.writes) state.set(w.draft.id, { id: w.draft.id, scope: w.scope, status: w.status, contentHash: w.contentHash, createdAt: w.createdAt, updatedAt: w.updatedAt });
        for (const id of r.resolved) state.set(id, { ...state.get(id)!, status: 'RESOLVED', updatedAt: now });
        for (const id of s.present) if (!firstSeen.has(id)) firstSeen.set(id, now);
        for (const id of IDS) {
          const prior = before.get(id);
          const after = state.get(id);
          if (s.present.includes(id)) {
            // Reported: ARCHIVED stays ARCHIVED, everything else is ACTIVE; id and createdAt never change.
            assert.equal(after!.status, prior?.status === 'ARCHIVED' ? 'ARCHIVED' : 'ACTIVE');
            assert.equal(after!.createdAt, firstSeen.get(id));
            const changed = !prior || prior.contentHash !== after!.contentHash || prior.status !== after!.status;
            assert.equal(after!.updatedAt, changed ? now : prior!.updatedAt);
          } else if (prior) {
            // Not reported: resolved (once), never deleted.
            assert.equal(after!.status, 'RESOLVED');
            assert.equal(after!.updatedAt, prior.status === 'RESOLVED' ? prior.updatedAt : now);
          } else {
            assert.equal(after, undefined);
          }
        }
        // A user archives some ACTIVE findings between scans.
        for (const id of s.archive) {
          const f = state.get(id);
          if (f?.status === 'ACTIVE') state.set(id, { ...f, status: 'ARCHIVED', updatedAt: now });
        }
      });
    }),
    { seed: 20261123, numRuns: 300 },
  );
});
