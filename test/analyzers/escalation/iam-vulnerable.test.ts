// BishopFox iam-vulnerable's tool-testing scenarios (test/fixtures/escalation/iam-vulnerable,
// provenance in test/fixtures/README.md): the fn* ("false negative" traps) must be detected,
// the fp* ("false positive" traps) must not, for both the scenario's user and its role.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeEscalation } from '../../../src/analyzers/escalation/index.js';
import { engineOracle } from '../../../src/analyzers/engine-oracle.js';
import { loadSnapshotFiles } from '../../../src/collect/index.js';

const DIR = fileURLToPath(new URL('../../fixtures/escalation/iam-vulnerable/', import.meta.url));
const now = new Date('2026-06-01T00:00:00Z');

/** Scenario file, principal name prefix, expected first method (undefined = not detected), why. */
const CASES: [string, string, string | undefined, string][] = [
  ['fn1-privesc3-multiple-policies', 'fn1-privesc3-partial', 'ec2-001', 'iam:PassRole and ec2:RunInstances sit in two different policies'],
  ['fn2-ExploitableResourceConstraint', 'fn2-exploitableResourceConstraint', 'iam-001', 'Resource arn:aws:iam::*:policy/fn2-* still covers the attached policy'],
  ['fn3-ExploitableConditionConstraint', 'fn3-exploitableConditionConstraint', 'iam-001', 'DateGreaterThan aws:TokenIssueTime 2020 holds for a fresh session'],
  ['fn4-ExploitableNotAction', 'fn4-exploitableNotAction', undefined, 'NotAction iam:Update*/Create*/Attach* still allows iam:Put*Policy'],
  ['fp1-allow-and-deny-same-policy', 'fp1-allow-and-deny', undefined, 'Deny iam:* in the same policy wins'],
  ['fp2-allow-and-deny-multiple-policies', 'fp2-allow-and-deny-multiple-policies', undefined, 'Deny * in another policy wins'],
  ['fp3-deny', 'fp3-deny-iam', undefined, 'only a Deny'],
  ['fp4-NonExploitableResourceConstraint', 'fp4-nonExploitableResourceConstraint', undefined, 'arn:aws:iam::aws:policy/fp4-* names AWS-managed policies, which nobody can version'],
  ['fp5-NonExploitableConditionConstraint', 'fp5-nonExploitableConditionConstraint', undefined, 'DateLessThan aws:TokenIssueTime 2020 cannot hold for a session issued now'],
];

for (const [file, prefix, method, why] of CASES) {
  const detected = file.startsWith('fn');
  test(`${file}: ${detected ? 'detected' : 'not detected'} (${why})`, async () => {
    const { snapshot } = await loadSnapshotFiles([join(DIR, `${file}.json`)]);
    const findings = analyzeEscalation(snapshot, engineOracle(snapshot, { now }));
    for (const kind of ['user', 'role'] as const) {
      const principal = `arn:aws:iam::123456789012:${kind}/${prefix}-${kind}`;
      const finding = findings.find((f) => f.principal === principal);
      assert.equal(Boolean(finding), detected, `${principal}: ${JSON.stringify(findings.map((f) => f.title))}`);
      if (finding && method) assert.equal(finding.path![0]!.method, method, principal);
      if (finding && file.startsWith('fn4')) assert.match(finding.path![0]!.method, kind === 'user' ? /^iam-00[78]$/ : /^iam-00[59]$/);
    }
  });
}
