// Meta-test (issue 25): every escalation method row carries a severity, a rationale and
// references, and its inline examples hold — the method shows for a positive example and does
// not for a negative one — on a minimal account built around the row (test/analyzers/escalation/method-fixtures.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escalationEdges } from '../../../src/analyzers/escalation/index.js';
import { ESCALATION_METHODS } from '../../../src/analyzers/escalation/methods.js';
import type { EscalationMethod, MethodExample } from '../../../src/analyzers/escalation/method-types.js';
import { engineOracle } from '../../../src/analyzers/engine-oracle.js';
import { SEVERITIES } from '../../../src/model/finding.js';
import { methodFixture } from './method-fixtures.js';

const NOW = new Date('2026-06-01T00:00:00Z');

function shows(method: EscalationMethod, example: MethodExample): boolean {
  const { snapshot, actor } = methodFixture(method, undefined, example.allow);
  if (example.instanceProfile === false) for (const role of snapshot.accounts[0]!.roles) role.instanceProfileArns = [];
  return escalationEdges(snapshot, engineOracle(snapshot, { now: NOW }), [method]).some((e) => e.from === actor && e.method.id === method.id);
}

test('every method row carries a severity, a rationale and references', () => {
  for (const method of ESCALATION_METHODS) {
    assert.ok(SEVERITIES.includes(method.severity), method.id);
    assert.ok(method.rationale.length > 40 && method.rationale.endsWith('.'), method.id);
    assert.ok(method.references.length > 0 && method.references.every((r) => r.startsWith('https://')), method.id);
  }
});

test('the examples cover positives and negatives', () => {
  const examples = ESCALATION_METHODS.flatMap((m) => m.examples ?? []);
  assert.ok(examples.some((e) => e.detected) && examples.some((e) => !e.detected));
});

describe('inline method examples', () => {
  for (const method of ESCALATION_METHODS) {
    for (const example of method.examples ?? []) {
      test(`${method.id}: ${example.detected ? 'shows' : 'does not show'} — ${example.why}`, () => {
        assert.equal(shows(method, example), example.detected);
      });
    }
  }
});
