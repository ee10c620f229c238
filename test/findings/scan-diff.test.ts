/** Scan-to-scan diff and the scope helper. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffScans, scanScope } from '../../src/findings/scan-diff.js';
import type { FindingDraft } from '../../src/model/finding.js';

const d = (id: string, title = id) => ({ id, type: 'RiskyPermission', severity: 'LOW', title, accountId: '1', resource: 'r', resourceType: 't', evidence: [] }) as FindingDraft;

test('diffScans sorts ids into added, removed, changed, unchanged', () => {
  assert.deepEqual(diffScans([d('A'), d('B'), d('C')], [d('D'), d('C', 'new'), d('B')]), { added: ['D'], removed: ['A'], changed: ['C'], unchanged: ['B'] });
});

test('lifecycle fields do not count as a change', () => {
  const after = { ...d('A'), status: 'ARCHIVED', updatedAt: 'later' } as FindingDraft;
  assert.deepEqual(diffScans([d('A')], [after]).unchanged, ['A']);
});

test('scanScope is order-independent', () => {
  assert.equal(scanScope(['2', '1', '2']), 'accounts:1,2');
  assert.equal(scanScope(['1'], ['risky', 'escalation']), 'accounts:1/analyzers:escalation,risky');
});

test('canonicalJson sorts keys at every level and keeps toJSON values', async () => {
  const { canonicalJson } = await import('../../src/findings/content-hash.js');
  assert.equal(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined }, t: new Date(0) }), '{"a":{"d":[{"y":2,"z":1}]},"b":1,"t":"1970-01-01T00:00:00.000Z"}');
  assert.equal(canonicalJson({ a: 1, b: 'x' }), '{"a":1,"b":"x"}');
});
