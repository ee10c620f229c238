// Transitive escalation decided by the real engine (issue acceptance): user → assume role A →
// A can PutRolePolicy on role B (and assume it) → B is admin: one finding with three steps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeEscalation } from '../../../src/analyzers/escalation/index.js';
import { engineOracle } from '../../../src/analyzers/engine-oracle.js';
import { allow, doc, SnapshotBuilder, trust } from '../../helpers/snapshot-builder.js';

const now = new Date('2026-06-01T00:00:00Z');

function scenario(roleBTrustsA = true) {
  const b = new SnapshotBuilder();
  const alice = b.arn('user', 'alice');
  const roleA = b.arn('role', 'A');
  const roleB = b.arn('role', 'B');
  b.user({ name: 'alice', inline: [doc(allow('sts:AssumeRole', roleA))] });
  b.role({ name: 'A', trust: trust({ AWS: alice }), inline: [doc(allow(['iam:PutRolePolicy', 'sts:AssumeRole'], roleB))] });
  b.role({ name: 'B', trust: trust({ AWS: roleBTrustsA ? roleA : b.arn('role', 'someone-else') }), inline: [doc(allow('s3:ListAllMyBuckets'))] });
  return { snapshot: b.build(), alice, roleA, roleB };
}

test('user → A → PutRolePolicy on B → assume B: one finding for the user, three ordered steps with evidence', () => {
  const { snapshot, alice, roleA, roleB } = scenario();
  const findings = analyzeEscalation(snapshot, engineOracle(snapshot, { now }));
  const mine = findings.filter((f) => f.principal === alice);
  assert.equal(mine.length, 1);
  const steps = mine[0]!.path!;
  assert.deepEqual(steps.map((s) => [s.from, s.to, s.actions.join()]), [
    [alice, roleA, 'sts:AssumeRole'],
    [roleA, roleB, 'iam:PutRolePolicy'],
    [roleA, 'admin', 'sts:AssumeRole'],
  ]);
  // Every step names the statement that enables it.
  assert.ok(steps[0]!.evidence.some((e) => e.policy === `${alice}#inline/inline0`));
  assert.ok(steps[0]!.evidence.some((e) => e.policy.startsWith(roleA) && e.policyType === 'trust'));
  assert.ok(steps[1]!.evidence.some((e) => e.policy === `${roleA}#inline/inline0` && e.pointer === '/Statement/0'));
  assert.ok(steps[2]!.evidence.some((e) => e.policy.startsWith(roleB) && e.policyType === 'trust'));
  assert.equal(mine[0]!.type, 'PrivilegeEscalation');
  assert.equal(mine[0]!.resourceType, 'AWS::IAM::User');
});

test('when B does not trust A, nobody escalates', () => {
  const { snapshot } = scenario(false);
  assert.deepEqual(analyzeEscalation(snapshot, engineOracle(snapshot, { now })), []);
});
