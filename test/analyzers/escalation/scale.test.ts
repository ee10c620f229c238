// The backward escalation search (issue 17, issue 26): its work is bounded by operation counts
// on the hostile snapshot and grows about linearly per doubling; a caller's budget stops it with
// one clear error; and on random accounts it returns exactly the shortest paths of a BFS over the
// full principals × methods × targets graph (the algorithm it replaced).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeEscalation, escalationEdges, type SearchStats } from '../../../src/analyzers/escalation/index.js';
import { ADMIN, type EscalationEdge } from '../../../src/analyzers/escalation/edges.js';
import { engineOracle } from '../../../src/analyzers/engine-oracle.js';
import { ESCALATION_METHODS } from '../../../src/analyzers/escalation/methods.js';
import { indexPrincipals } from '../../../src/analyzers/escalation/principal-index.js';
import { searchPaths } from '../../../src/analyzers/escalation/search.js';
import type { Snapshot } from '../../../src/model/snapshot/types.js';
import { allow, doc, SnapshotBuilder, trust } from '../../helpers/snapshot-builder.js';

const now = new Date('2026-06-01T00:00:00Z');
const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** Issue 26's hostile shape: `n` users with PassRole, RunInstances and CreateAccessKey on `*`, one admin role for EC2. */
function hostile(n: number): Snapshot {
  const b = new SnapshotBuilder();
  b.account.policies.push({ arn: ADMIN_POLICY, name: 'AdministratorAccess', path: '/', defaultVersionId: 'v1', isAwsManaged: true, documentStatus: 'present', origin: {}, versions: [{ versionId: 'v1', isDefault: true, document: doc(allow('*', '*')) }] });
  for (let i = 0; i < n; i++) b.user({ name: `u${i}`, inline: [doc(allow(['iam:PassRole', 'ec2:RunInstances', 'iam:CreateAccessKey']))] });
  b.role({ name: 'admin', managed: [ADMIN_POLICY], trust: trust({ Service: 'ec2.amazonaws.com' }) });
  b.account.roles[0]!.instanceProfileArns = [b.arn('role', 'admin').replace(':role/', ':instance-profile/')];
  return b.build();
}

function run(snapshot: Snapshot) {
  const stats: SearchStats = { decisions: 0, pairs: 0, edges: 0, principals: 0 };
  const findings = analyzeEscalation(snapshot, engineOracle(snapshot, { now }), undefined, { stats });
  return { findings, stats };
}

test('hostile snapshot: every user escalates through the admin role, with work linear in users', () => {
  const small = run(hostile(150));
  const large = run(hostile(300));
  assert.equal(large.findings.length, 300);
  assert.ok(large.findings.every((f) => f.path![0]!.method === 'ec2-001'));
  // The full graph had 300 × 299 CreateAccessKey edges; the search asks per user, not per pair.
  assert.ok(large.stats.decisions <= 20 * 300, `decisions ${large.stats.decisions}`);
  assert.ok(large.stats.decisions + large.stats.pairs <= 2.2 * (small.stats.decisions + small.stats.pairs), JSON.stringify([small.stats, large.stats]));
  assert.equal(large.stats.edges, 300);
});

test('a budget that refuses more work stops the search with one line naming the analyzer and the principals', () => {
  const snapshot = hostile(200);
  const seen: number[] = [];
  const budget = (p: { analyzer: string; principals: number; work: number }) => {
    seen.push(p.work);
    if (p.work > 300) throw new Error(`${p.analyzer} analyzer stopped after ${p.work} steps over ${p.principals} principals`);
  };
  assert.throws(() => analyzeEscalation(snapshot, engineOracle(snapshot, { now }), undefined, { budget, checkEvery: 100 }), /^Error: escalation analyzer stopped after \d+ steps over 201 principals$/);
  assert.ok(seen.length >= 3 && seen.every((w, i) => i === 0 || w > seen[i - 1]!), JSON.stringify(seen));
});

/** The replaced algorithm: BFS backwards over the full edge list (actors sorted, methods in table order). */
function referencePaths(edges: EscalationEdge[], admins: string[]): Map<string, string[]> {
  const incoming = new Map<string, EscalationEdge[]>();
  for (const e of edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e]);
  const next = new Map<string, EscalationEdge | null>();
  let frontier = [ADMIN, ...admins.sort()];
  for (const n of frontier) next.set(n, null);
  while (frontier.length) {
    const following: string[] = [];
    for (const node of frontier) {
      for (const e of incoming.get(node) ?? []) {
        if (next.has(e.from)) continue;
        next.set(e.from, e);
        following.push(e.from);
      }
    }
    frontier = following;
  }
  const out = new Map<string, string[]>();
  for (const [start, first] of next) {
    if (!first) continue;
    const steps: string[] = [];
    for (let e: EscalationEdge | null | undefined = first; e; e = next.get(e.to)) steps.push(`${e.method.id}:${e.targetArn}:${e.to}`);
    out.set(start, steps);
  }
  return out;
}

const ACTIONS = ['sts:AssumeRole', 'iam:PutRolePolicy', 'iam:CreateAccessKey', 'iam:AddUserToGroup', 'iam:PassRole', 'lambda:CreateFunction', 'lambda:UpdateFunctionCode', 'iam:UpdateAssumeRolePolicy', 's3:GetObject', 'lambda:InvokeFunction'];

const account = fc.record({
  users: fc.array(fc.record({ actions: fc.subarray(ACTIONS), target: fc.nat(5), admin: fc.boolean(), group: fc.nat(3) }), { minLength: 1, maxLength: 5 }),
  roles: fc.array(fc.record({ actions: fc.subarray(ACTIONS), target: fc.nat(5), admin: fc.boolean(), trust: fc.constantFrom('root', 'lambda', 'user0', 'role0', 'user1') }), { minLength: 1, maxLength: 6 }),
  adminGroup: fc.boolean(),
});

type Spec = typeof account extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec): Snapshot {
  const b = new SnapshotBuilder();
  b.account.policies.push({ arn: ADMIN_POLICY, name: 'AdministratorAccess', path: '/', defaultVersionId: 'v1', isAwsManaged: true, documentStatus: 'present', origin: {}, versions: [{ versionId: 'v1', isDefault: true, document: doc(allow('*', '*')) }] });
  const resource = (t: number) => (t === 0 ? '*' : t % 2 ? b.arn('role', `r${t % spec.roles.length}`) : b.arn('user', `u${t % spec.users.length}`));
  b.group({ name: 'g0', managed: spec.adminGroup ? [ADMIN_POLICY] : [] }).group({ name: 'g1', inline: [doc(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']))] });
  spec.users.forEach((u, i) => b.user({ name: `u${i}`, groups: u.group < 2 ? [`g${u.group}`] : [], managed: u.admin && i > 0 ? [ADMIN_POLICY] : [], inline: u.actions.length ? [doc(allow(u.actions, resource(u.target)))] : [] }));
  spec.roles.forEach((r, i) => {
    const principal: Record<string, string> = r.trust === 'root' ? { AWS: `arn:aws:iam::${b.account.accountId}:root` } : r.trust === 'lambda' ? { Service: 'lambda.amazonaws.com' } : { AWS: r.trust === 'role0' ? b.arn('role', 'r0') : b.arn('user', r.trust.slice(4) === '0' ? 'u0' : `u${1 % spec.users.length}`) };
    b.role({ name: `r${i}`, trust: trust(principal), managed: r.admin ? [ADMIN_POLICY] : [], inline: r.actions.length ? [doc(allow(r.actions, resource(r.target)))] : [] });
  });
  return b.build();
}

test('on random accounts the search returns exactly the full-graph BFS shortest paths, plus paths through capability gains only', () => {
  let transitive = 0;
  let gained = 0;
  fc.assert(
    fc.property(account, (spec) => {
      const snapshot = build(spec);
      const oracle = engineOracle(snapshot, { now });
      const index = indexPrincipals(snapshot);
      const admins = [...snapshot.accounts[0]!.users, ...snapshot.accounts[0]!.roles, ...snapshot.accounts[0]!.groups].map((p) => p.arn).filter((a) => oracle.isAdmin(a).allowed);
      const expected = referencePaths(escalationEdges(snapshot, oracle), admins);
      const paths = searchPaths(index, oracle, ESCALATION_METHODS);
      // A path through a gain (gains.ts) acts as a group or policy, or uses a row derived for a named policy.
      const throughGain = (p: (typeof paths)[number]) => p.edges.some((e) => !index.actorByArn.has(e.from) || !ESCALATION_METHODS.includes(e.method));
      const actual = new Map(paths.filter((p) => expected.has(p.start)).map((p) => [p.start, p.edges.map((e) => `${e.method.id}:${e.targetArn}:${e.to}`)]));
      assert.deepEqual(actual, expected);
      const extra = paths.filter((p) => !expected.has(p.start) && !p.latent);
      for (const p of extra) assert.ok(throughGain(p), `${p.start}: ${p.edges.map((e) => `${e.method.id}:${e.from}->${e.to}`).join(' ')}`);
      gained += extra.length;
      if ([...expected.values()].some((steps) => steps.length > 1)) transitive++;
      assert.equal(analyzeEscalation(snapshot, oracle).filter((f) => f.details?.latent !== true).length, expected.size + extra.length);
    }),
    { numRuns: 60, seed: 17 },
  );
  // The generator is not vacuous: some accounts have transitive paths, and some reach admin only through a gain.
  assert.ok(transitive >= 5, `only ${transitive} accounts with transitive paths`);
  assert.ok(gained >= 1, `only ${gained} paths through gains`);
});
