// Graph logic of the escalation analyzer with a scripted oracle (the engine-backed oracle has
// its own fixture tests): transitive paths, shortest choice, stable ids, admin end nodes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeEscalation } from '../../../src/analyzers/escalation/index.js';
import type { AccessOracle, ProbeRequest, Verdict } from '../../../src/analyzers/access-oracle.js';
import { SnapshotBuilder, trust } from '../../helpers/snapshot-builder.js';

const yes: Verdict = { allowed: true, evidence: [{ policy: 'scripted' }] };
const no: Verdict = { allowed: false, evidence: [] };

/** An oracle answering from explicit lists: `grants` are `principal|action|resource` strings. */
function scriptedOracle(grants: string[], admins: string[], trusts: string[]): AccessOracle {
  const granted = new Set(grants);
  return {
    decide: (r: ProbeRequest) => (granted.has(`${r.principal}|${r.action}|${r.resource}`) ? yes : no),
    mayDoAction: (p, a) => grants.some((g) => g.startsWith(`${p}|${a}|`)),
    isAdmin: (p) => (admins.includes(p) ? yes : no),
    isAdminAfter: () => no,
    trusts: (role, who) => (trusts.includes(`${role}|${who}`) ? yes : no),
    candidateRolesAssumableBy: (actor) => trusts.filter((t) => t.endsWith(`|${actor}`)).map((t) => t.split('|')[0]!),
  };
}

const b = new SnapshotBuilder();
const alice = b.arn('user', 'alice');
const roleA = b.arn('role', 'A');
const roleB = b.arn('role', 'B');
const admin = b.arn('role', 'Admin');
b.user({ name: 'alice' })
  .role({ name: 'A', trust: trust({ AWS: alice }) })
  .role({ name: 'B', trust: trust({ AWS: roleA }) })
  .role({ name: 'Admin', trust: trust({ AWS: roleB }) });
const snapshot = b.build();

test('user → assume A → A can PutRolePolicy on and assume B → admin: one finding, ordered steps', () => {
  const oracle = scriptedOracle(
    [`${alice}|sts:AssumeRole|${roleA}`, `${roleA}|iam:PutRolePolicy|${roleB}`, `${roleA}|sts:AssumeRole|${roleB}`],
    [],
    [`${roleA}|${alice}`, `${roleB}|${roleA}`],
  );
  const findings = analyzeEscalation(snapshot, oracle);
  const aliceFinding = findings.find((f) => f.principal === alice);
  assert.ok(aliceFinding);
  assert.deepEqual(aliceFinding.path!.map((s) => [s.from, s.method, s.to, s.actions.join()]), [
    [alice, 'sts-001', roleA, 'sts:AssumeRole'],
    [roleA, 'iam-017', roleB, 'iam:PutRolePolicy'],
    [roleA, 'iam-017', 'admin', 'sts:AssumeRole'],
  ]);
  // role A escalates too, in one method (two steps: modify B, then assume it)
  assert.deepEqual(findings.find((f) => f.principal === roleA)!.path!.map((s) => s.method), ['iam-017', 'iam-017']);
  assert.equal(findings.length, 2);
});

test('a path ending at an admin-equivalent role gets a final admin step with its evidence', () => {
  const oracle = scriptedOracle(
    [`${alice}|sts:AssumeRole|${roleA}`, `${roleA}|sts:AssumeRole|${roleB}`, `${roleB}|sts:AssumeRole|${admin}`],
    [admin],
    [`${roleA}|${alice}`, `${roleB}|${roleA}`, `${admin}|${roleB}`],
  );
  const finding = analyzeEscalation(snapshot, oracle).find((f) => f.principal === alice)!;
  assert.deepEqual(finding.path!.map((s) => s.to), [roleA, roleB, admin, 'admin']);
  assert.equal(finding.path!.at(-1)!.method, 'admin-equivalent');
});

test('the shortest path wins and ids are stable across runs', () => {
  const grants = [`${alice}|sts:AssumeRole|${roleA}`, `${roleA}|sts:AssumeRole|${admin}`, `${alice}|iam:PutUserPolicy|${alice}`];
  const oracle = scriptedOracle(grants, [admin], [`${roleA}|${alice}`, `${admin}|${roleA}`]);
  const first = analyzeEscalation(snapshot, oracle);
  const second = analyzeEscalation(snapshot, oracle);
  const aliceFinding = first.find((f) => f.principal === alice)!;
  assert.deepEqual(aliceFinding.path!.map((s) => s.method), ['iam-007']);
  assert.equal(aliceFinding.severity, 'CRITICAL');
  assert.match(aliceFinding.id, /^[0-9a-f]{32}$/);
  assert.deepEqual(first.map((f) => f.id), second.map((f) => f.id));
});

test('no grant, no finding; admins themselves are not findings', () => {
  assert.deepEqual(analyzeEscalation(snapshot, scriptedOracle([], [admin], [])), []);
});

test('a trust policy that does not name the actor blocks AssumeRole-based methods', () => {
  const oracle = scriptedOracle([`${alice}|sts:AssumeRole|${admin}`], [admin], []);
  assert.deepEqual(analyzeEscalation(snapshot, oracle), []);
});
