/**
 * Runs every engine case of `test/cases/engine/*.json` through the engine's public API
 * (`evaluateRequest`). The case files are validated against their schema when loaded; a case
 * carrying `todo` is a known engine bug, reported as todo with its reason.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateRequest } from '../../src/engine/index.js';
import { caseToEngine, loadEngineCases } from '../helpers/engine-cases.js';

const files = loadEngineCases();

describe('engine case files', () => {
  test('at least 80 cases, names unique across files', () => {
    const names = files.flatMap((f) => f.data.cases.map((c) => c.name));
    assert.ok(names.length >= 80, `only ${names.length} cases`);
    assert.equal(new Set(names).size, names.length);
  });

  test('the loader rejects a case that breaks the schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'engine-cases-'));
    try {
      const bad = { description: 'x', cases: [{ name: 'no-expected', source: 'hand derivation: x', request: { principal: 'p', action: 'a', resource: 'r' }, policies: {} }] };
      writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
      assert.throws(() => loadEngineCases(dir), /bad\.json.*expected/);
      const noSource = { description: 'x', cases: [{ ...bad.cases[0], expected: 'Allowed', source: 'trust me' }] };
      writeFileSync(join(dir, 'bad.json'), JSON.stringify(noSource));
      assert.throws(() => loadEngineCases(dir), /bad\.json.*source/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const { file, data } of files) {
  describe(file, () => {
    for (const c of data.cases) {
      test(c.name, { todo: c.todo }, () => {
        const { input, request } = caseToEngine(c);
        const result = evaluateRequest(input, request);
        assert.equal(result.decision, c.expected, `${c.name} (${c.source})`);
        if (c.expectedCertainty) assert.equal(result.certainty, c.expectedCertainty, `${c.name}: certainty`);
        // Evidence: an Allowed or ExplicitlyDenied decision names at least one matching statement
        // (except the account root user, whose full access comes from no statement).
        // An AWS service rule decides without any statement; it must say which rule it was.
        if (result.serviceRule !== undefined) assert.ok(result.layers.some((l) => l.layer === 'service'), `${c.name}: service rule without its layer`);
        else if (c.expected !== 'ImplicitlyDenied' && !(c.expected === 'Allowed' && c.request.principal.endsWith(':root'))) {
          const effect = c.expected === 'Allowed' ? 'Allow' : 'Deny';
          assert.ok(result.explanation.some((m) => m.effect === effect), `${c.name}: explanation names no ${effect} statement`);
        }
      });
    }
  });
}
