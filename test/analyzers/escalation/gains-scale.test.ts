// Capability gains (gains.ts) cost what their states cost: every user that may join every group is
// a state, and a state decides only its way into nodes already reached, so the work grows linearly
// in users × groups, and a caller's budget still stops the search during the gains phase.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeEscalation, type SearchStats } from '../../../src/analyzers/escalation/index.js';
import { engineOracle } from '../../../src/analyzers/engine-oracle.js';
import type { Snapshot } from '../../../src/model/snapshot/types.js';
import { allow, doc, SnapshotBuilder, trust } from '../../helpers/snapshot-builder.js';

const now = new Date('2026-06-01T00:00:00Z');
const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** `users` users that may join any of `groups` groups; each group may pass one non-admin Lambda role; the admin role trusts nobody here. */
function joiners(users: number, groups: number, roles = 60): Snapshot {
  const b = new SnapshotBuilder();
  b.account.policies.push({ arn: ADMIN_POLICY, name: 'AdministratorAccess', path: '/', defaultVersionId: 'v1', isAwsManaged: true, documentStatus: 'present', origin: {}, versions: [{ versionId: 'v1', isDefault: true, document: doc(allow('*', '*')) }] });
  for (let g = 0; g < groups; g++) b.group({ name: `g${g}`, inline: [doc(allow('iam:PassRole', b.arn('role', `r${g}`)), allow(['lambda:CreateFunction', 'lambda:InvokeFunction', 'iam:CreateAccessKey']))] });
  for (let u = 0; u < users; u++) b.user({ name: `u${u}`, inline: [doc(allow(['iam:AddUserToGroup', 's3:GetObject']))] });
  for (let r = 0; r < roles; r++) b.role({ name: `r${r}`, trust: trust({ Service: 'lambda.amazonaws.com' }), inline: [doc(allow('s3:GetObject'))] });
  b.role({ name: 'admin', trust: trust({ AWS: b.arn('user', 'nobody') }), managed: [ADMIN_POLICY] });
  return b.build();
}

function run(snapshot: Snapshot) {
  const stats: SearchStats = { decisions: 0, pairs: 0, edges: 0, principals: 0 };
  const findings = analyzeEscalation(snapshot, engineOracle(snapshot, { now }), undefined, { stats });
  return { findings, stats };
}

test('users that may join groups holding non-admin PassRole: no finding, and work linear in users × groups', () => {
  const small = run(joiners(15, 8));
  const large = run(joiners(30, 8));
  assert.equal(large.findings.length, 0);
  // 240 states: a handful of engine questions each (not one per role or user of the account).
  assert.ok(large.stats.decisions <= 12 * 30 * 8, `decisions ${large.stats.decisions}`);
  assert.ok(large.stats.decisions <= 2.2 * small.stats.decisions, JSON.stringify([small.stats, large.stats]));
});

test('when one group can pass the admin role, every user escalates through it, each path user -> group -> role -> admin', () => {
  const snapshot = joiners(10, 4);
  snapshot.accounts[0]!.groups[3]!.inlinePolicies[0]!.document = doc(allow('iam:PassRole', `arn:aws:iam::${snapshot.accounts[0]!.accountId}:role/admin`), allow(['lambda:CreateFunction', 'lambda:InvokeFunction']));
  snapshot.accounts[0]!.roles.at(-1)!.trustPolicy = trust({ Service: 'lambda.amazonaws.com' });
  const { findings } = run(snapshot);
  assert.equal(findings.length, 10);
  for (const f of findings) {
    const hops = [...f.path!.map((s) => s.from), f.path!.at(-1)!.to].map((n) => n.slice(n.lastIndexOf(':') + 1));
    const user = String(f.principal);
    assert.deepEqual(hops.filter((n, i) => n !== hops[i - 1]), [user.slice(user.lastIndexOf(':') + 1), 'group/g3', 'role/admin', 'admin']);
    assert.equal(f.severity, 'HIGH');
  }
});

test('a budget that refuses more work stops the search during the gains phase', () => {
  const snapshot = joiners(30, 8);
  const budget = (p: { analyzer: string; work: number }) => {
    if (p.work > 400) throw new Error(`${p.analyzer} analyzer stopped after ${p.work} steps`);
  };
  assert.throws(() => analyzeEscalation(snapshot, engineOracle(snapshot, { now }), undefined, { budget, checkEvery: 50 }), /^Error: escalation analyzer stopped after \d+ steps$/);
});
