// One fixture per escalation method (pathfinding.cloud catalogue + Cordon additions), decided by
// the real engine: a principal with exactly the required permissions is flagged with that
// method; the same principal missing any one required permission is not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escalationEdges } from '../../../src/analyzers/escalation/index.js';
import { ESCALATION_METHODS } from '../../../src/analyzers/escalation/methods.js';
import { engineOracle } from '../../../src/analyzers/engine-oracle.js';
import { methodFixture } from './method-fixtures.js';

const NOW = new Date('2026-06-01T00:00:00Z');

function methodsFlagged(snapshotAndActor: ReturnType<typeof methodFixture>, methodId: string): boolean {
  const { snapshot, actor } = snapshotAndActor;
  const only = ESCALATION_METHODS.filter((m) => m.id === methodId);
  return escalationEdges(snapshot, engineOracle(snapshot, { now: NOW }), only).some((e) => e.from === actor && e.method.id === methodId);
}

describe('every escalation method is detected with exactly its permissions', () => {
  for (const method of ESCALATION_METHODS) {
    test(`${method.id}: ${method.title}`, () => {
      assert.ok(methodsFlagged(methodFixture(method), method.id), `${method.id} not detected`);
      for (const req of method.requires) {
        assert.ok(!methodsFlagged(methodFixture(method, req.action), method.id), `${method.id} still detected without ${req.action}`);
      }
    });
  }
});
