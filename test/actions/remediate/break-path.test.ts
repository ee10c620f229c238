// Fixes that break the attack, not the workload (issue 24): the remediation of the demo's ci-bot and
// dave escalation findings denies one action on one resource each, at the step with the least
// collateral, proven by the engine; the plan lists the alternatives and why. The demo's organization
// (src/sandbox/demo/scenario.ts) is turned into a GAAD page offline, as `aws iam
// get-account-authorization-details` prints it.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { planCandidates, planFor } from '../../../src/actions/remediate/plan.js';
import { chooseProvenPlan, proveRemediation } from '../../../src/actions/remediate/prove.js';
import { rankPathBreaks } from '../../../src/actions/remediate/break-path.js';
import { runAnalyzers } from '../../../src/analyzers/index.js';
import { loadSnapshotFiles } from '../../../src/collect/files/load.js';
import type { ActivitySummary } from '../../../src/model/activity.js';
import type { Finding } from '../../../src/model/finding.js';
import { defaultScenario } from '../../../src/sandbox/demo/scenario.js';

const ACCOUNT = '123456789012';
const NOW = new Date('2026-12-01T00:00:00Z');
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const policyArn = (name: string) => (name.startsWith('arn:') ? name : arn('policy', name));
const attached = (names: string[]) => names.map((n) => ({ PolicyName: n.split('/').pop(), PolicyArn: policyArn(n) }));

function demoGaad() {
  const s = defaultScenario();
  return {
    UserDetailList: s.users.map((u) => ({ UserName: u.name, UserId: `AIDA${u.name}`, Arn: arn('user', u.name), Path: '/', CreateDate: '2026-01-01T00:00:00Z', GroupList: u.groups, AttachedManagedPolicies: attached(u.managed), UserPolicyList: u.inline ? [{ PolicyName: 'inline', PolicyDocument: u.inline }] : [] })),
    GroupDetailList: s.groups.map((g) => ({ GroupName: g.name, GroupId: `AGPA${g.name}`, Arn: arn('group', g.name), Path: '/', CreateDate: '2026-01-01T00:00:00Z', AttachedManagedPolicies: attached(g.managed), GroupPolicyList: [] })),
    RoleDetailList: s.roles.map((r) => ({ RoleName: r.name, RoleId: `AROA${r.name}`, Arn: arn('role', r.name), Path: '/', CreateDate: '2026-01-01T00:00:00Z', AssumeRolePolicyDocument: r.trust, AttachedManagedPolicies: attached(r.managed), RolePolicyList: r.inline ? [{ PolicyName: 'inline', PolicyDocument: r.inline }] : [], InstanceProfileList: [] })),
    Policies: s.policies.map((p) => ({ PolicyName: p.name, PolicyId: `ANPA${p.name}`, Arn: policyArn(p.name), Path: '/', DefaultVersionId: 'v1', AttachmentCount: 1, IsAttachable: true, PolicyVersionList: [{ Document: p.document, VersionId: 'v1', IsDefaultVersion: true }] })),
  };
}

async function demoFindings() {
  const file = join(mkdtempSync(join(tmpdir(), 'cordon-break-')), 'gaad.json');
  writeFileSync(file, JSON.stringify(demoGaad()));
  const { snapshot } = await loadSnapshotFiles([file], { now: NOW });
  const findings = runAnalyzers({ snapshot, now: NOW }, ['escalation']).map((d) => ({ ...d, status: 'ACTIVE', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() }) as Finding);
  return { snapshot, findings };
}

const denyStatements = (plan: ReturnType<typeof planFor>) =>
  plan.steps.flatMap((s) => (s.kind === 'CreateDenyPolicy' ? (s.document.Statement as { Effect: string; Action: string | string[]; Resource: string | string[] }[]) : []));

for (const [user, action, scope, holder] of [
  ['ci-bot', 'iam:PutRolePolicy', { Resource: arn('role', 'release-manager') }, { kind: 'role', name: 'build-runner' }],
  // dave may create keys for any user; several lead to admin (ops-admin, ci-bot, alice, bob), so the
  // proven break is his own keys only: the scope the `OwnKeys` statement meant.
  ['dave', 'iam:CreateAccessKey', { NotResource: arn('user', 'dave') }, { kind: 'user', name: 'dave' }],
] as const) {
  test(`the demo's ${user} finding is remediated by denying ${action} on one resource, proven by the engine`, async () => {
    const { snapshot, findings } = await demoFindings();
    const finding = findings.find((f) => f.principal === arn('user', user));
    assert.ok(finding, `escalation finding for ${user}: ${findings.map((f) => f.title).join('; ')}`);
    const chosen = chooseProvenPlan(snapshot, finding, planCandidates(finding), { now: NOW });
    assert.ok(chosen.plan, 'a plan the engine proves');
    const statements = denyStatements(chosen.plan);
    assert.equal(statements.length, 1);
    const { Sid: _sid, Effect, Action, ...where } = statements[0]! as Record<string, unknown>;
    assert.deepEqual({ Effect, Action, ...where }, { Effect: 'Deny', Action: action, ...scope }, JSON.stringify(chosen.plan, null, 2));
    const attach = chosen.plan.steps.find((s) => s.kind === 'AttachPolicy');
    assert.deepEqual(attach && attach.kind === 'AttachPolicy' ? { kind: attach.principalKind, name: attach.principalName } : undefined, holder);
    assert.ok(chosen.plan.rationale);
  });
}

test("ci-bot's first-ranked break is proven at once; dave's single-target break (ops-admin) is not", async () => {
  const { snapshot, findings } = await demoFindings();
  const ciBot = findings.find((f) => f.principal === arn('user', 'ci-bot'))!;
  assert.equal(chooseProvenPlan(snapshot, ciBot, planCandidates(ciBot), { now: NOW }).tried, 1);
  assert.match(planFor(ciBot).rationale ?? '', /least collateral/);
  const dave = findings.find((f) => f.principal === arn('user', 'dave'))!;
  const first = planFor(dave);
  assert.deepEqual(denyStatements(first).map((s) => s.Resource), [arn('user', 'ops-admin')]);
  assert.equal(proveRemediation(snapshot, dave, first, { now: NOW }).findingResolved, false, 'dave still reaches admin through other users');
});

test('the last candidate is the wide deny of the path\'s actions, and it resolves too', async () => {
  const { snapshot, findings } = await demoFindings();
  const dave = findings.find((f) => f.principal === arn('user', 'dave'))!;
  const wide = planCandidates(dave).at(-1)!;
  assert.deepEqual(denyStatements(wide).map((s) => s.Resource), ['*']);
  assert.equal(proveRemediation(snapshot, dave, wide, { now: NOW }).findingResolved, true);
});

test("ci-bot's plan lists the role assumptions as alternatives with their reasons", async () => {
  const { findings } = await demoFindings();
  const finding = findings.find((f) => f.principal === arn('user', 'ci-bot'))!;
  const plan = planFor(finding);
  assert.ok((plan.alternatives ?? []).length >= 1);
  const assumptions = plan.alternatives!.filter((a) => /sts:AssumeRole/.test(a.summary));
  assert.equal(assumptions.length, 2, JSON.stringify(plan.alternatives));
  assert.ok(assumptions.every((a) => /role assumption/.test(a.reason)));
  assert.ok(plan.alternatives!.some((a) => /every resource but build-runner itself/.test(a.summary)));
  assert.match(plan.alternatives!.at(-1)!.reason, /widest/);
});

test('a step whose denial would block an observed call ranks after one that blocks none', async () => {
  const { findings } = await demoFindings();
  const finding = findings.find((f) => f.principal === arn('user', 'ci-bot'))!;
  const used: ActivitySummary = { accountId: ACCOUNT, principalArn: arn('role', 'build-runner'), action: 'iam:PutRolePolicy', resourceArn: arn('role', 'release-manager'), successCount: 3, deniedCount: 0, firstSeen: '2026-11-01T00:00:00Z', lastSeen: '2026-11-20T00:00:00Z', days: 3 };
  const ranked = rankPathBreaks(finding, [used]);
  assert.notEqual(ranked[0]!.actions.join(), 'iam:PutRolePolicy', 'the observed PutRolePolicy is not the first choice');
  assert.equal(ranked.at(-1)!.blocksObservedUse, 1);
  assert.equal(planCandidates(finding, 'deny', [used]).length, ranked.length + 1, 'the breaks, then the wide deny');
});

test('findings without targets in their path keep the one-policy deny of their actions', () => {
  const finding = { id: 'f1', type: 'PrivilegeEscalation', severity: 'HIGH', status: 'ACTIVE', accountId: ACCOUNT, resource: arn('user', 'x'), resourceType: 'AWS::IAM::User', principal: arn('user', 'x'), actions: ['iam:AttachUserPolicy'], title: 't', createdAt: '', updatedAt: '', path: [{ from: arn('user', 'x'), to: 'admin', method: 'm', description: 'd', actions: ['iam:AttachUserPolicy'], evidence: [] }] } as unknown as Finding;
  const plan = planFor(finding);
  assert.deepEqual(denyStatements(plan).map((s) => s.Resource), ['*']);
  assert.equal(planCandidates(finding).length, 1);
});
