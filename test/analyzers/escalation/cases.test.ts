// The escalation case corpus (test/cases/escalation/*.json, schema and checks in cases.ts), each
// case analysed in process on its own one-account snapshot.
import { describe, test } from 'node:test';
import { analyzeEscalation } from '../../../src/analyzers/escalation/index.js';
import { engineOracle } from '../../../src/analyzers/engine-oracle.js';
import { buildCase, checkCase, loadEscalationCases } from './cases.js';

const now = new Date('2026-06-01T00:00:00Z');
const cases = loadEscalationCases();

for (const file of [...new Set(cases.map((c) => c.file))]) {
  describe(`escalation cases: ${file}`, () => {
    for (const c of cases.filter((x) => x.file === file)) {
      test(`${c.name} (${c.why})`, () => {
        const snapshot = buildCase(c);
        checkCase(c, analyzeEscalation(snapshot, engineOracle(snapshot, { now })));
      });
    }
  });
}
