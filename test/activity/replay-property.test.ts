/**
 * Property: for random sequences of IAM- and policy-changing events (some failed, some naming
 * entities that do not exist) applied to random snapshots, the incremental re-evaluation gives, at
 * every event, the same findings as a full escalation+exposure scan of the resulting snapshot; and
 * replay never mutates its input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildTimeline, evaluateState } from '../../src/activity/timeline.js';
import { replayEvents } from '../../src/activity/replay/index.js';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import { ACCOUNT, SnapshotBuilder, allow, deny, doc, trust } from '../helpers/snapshot-builder.js';
import { iamEvent, urlEncoded } from './replay-events.js';

const USERS = ['u0', 'u1', 'u2'];
const ROLES = ['r0', 'r1', 'r2'];
const GROUPS = ['g0', 'g1'];
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const DOCS = [
  doc(allow('sts:AssumeRole')),
  doc(allow('iam:*')),
  doc(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'])),
  doc(allow('iam:AttachUserPolicy', arn('user', 'u1'))),
  doc(allow('iam:PutRolePolicy')),
  doc(allow('s3:GetObject')),
  doc(deny('iam:*')),
  // Reads the clock (events are a minute apart): re-evaluation must not carry answers across times.
  doc(allow('iam:*', '*', { Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-01-02T10:03:30Z' } } })),
];
const TRUSTS = [trust({ AWS: arn('user', 'u0') }), trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), trust({ AWS: 'arn:aws:iam::999988887777:root' }), trust({ Service: 'ec2.amazonaws.com' }), trust({ AWS: '*' })];
const POLICIES = [arn('policy', 'p0'), arn('policy', 'p1'), 'arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'];
const BUCKET_POLICIES = [doc(allow('s3:GetObject', 'arn:aws:s3:::b0/*', { Principal: '*' })), doc(allow('s3:GetObject', 'arn:aws:s3:::b0/*', { Principal: { AWS: 'arn:aws:iam::999988887777:root' } }))];

const snapshotArb = fc.record({
  users: fc.array(fc.tuple(fc.nat(DOCS.length - 1), fc.subarray(GROUPS)), { minLength: 1, maxLength: 3 }),
  roles: fc.array(fc.tuple(fc.nat(TRUSTS.length - 1), fc.nat(DOCS.length - 1)), { minLength: 1, maxLength: 3 }),
  p0: fc.nat(DOCS.length - 1),
  org: fc.option(fc.tuple(fc.nat(DOCS.length - 1), fc.boolean()), { nil: undefined }),
}).map(({ users, roles, p0, org }) => {
  const b = new SnapshotBuilder();
  users.forEach(([d, groups], i) => b.user({ name: USERS[i]!, inline: [DOCS[d]!], groups }));
  GROUPS.forEach((g) => b.group({ name: g }));
  roles.forEach(([t, d], i) => b.role({ name: ROLES[i]!, trust: TRUSTS[t]!, inline: [DOCS[d]!] }));
  b.policy('p0', DOCS[p0]!);
  const snapshot = b.build();
  if (!org) return snapshot;
  // An organization whose second SCP (one of DOCS, attached or not) the events edit, attach and detach.
  const scp = (id: string, document: unknown, targets: string[]) => ({ id, arn: `arn:aws:organizations::${ACCOUNT}:policy/o-x/service_control_policy/${id}`, name: id, type: 'SERVICE_CONTROL_POLICY' as const, document: document as Record<string, unknown>, targets, origin: {} });
  const policies = [scp('p-full', doc(allow('*')), ['r-root', ACCOUNT]), scp('p-scp', DOCS[org[0]]!, org[1] ? [ACCOUNT] : [])];
  return { ...snapshot, organization: { id: 'o-x', managementAccountId: '999999999999', rootId: 'r-root', units: [], accounts: [{ id: ACCOUNT, parentId: 'r-root' }], policies, origin: {} } };
});

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const kinds = ['User', 'Role', 'Group'] as const;
const holderParam = (kind: (typeof kinds)[number], i: number) => (kind === 'User' ? { userName: USERS[i] } : kind === 'Role' ? { roleName: ROLES[i] } : { groupName: GROUPS[i % 2] });

// Rows are [eventName, requestParameters, eventSource?]; fast-check infers arrays, hence the cast below.
const eventArb = fc.oneof(
  fc.tuple(pick(kinds), fc.nat(2), fc.nat(DOCS.length - 1), fc.nat(1)).map(([k, i, d, n]) => [`Put${k}Policy`, { ...holderParam(k, i), policyName: `n${n}`, policyDocument: urlEncoded(DOCS[d]) }]),
  fc.tuple(pick(kinds), fc.nat(2), fc.nat(1)).map(([k, i, n]) => [`Delete${k}Policy`, { ...holderParam(k, i), policyName: n === 0 ? 'inline0' : 'n1' }]),
  fc.tuple(pick(kinds), fc.nat(2), pick(POLICIES), fc.boolean()).map(([k, i, p, attach]) => [`${attach ? 'Attach' : 'Detach'}${k}Policy`, { ...holderParam(k, i), policyArn: p }]),
  fc.tuple(fc.nat(2), fc.nat(TRUSTS.length - 1)).map(([i, t]) => ['UpdateAssumeRolePolicy', { roleName: ROLES[i], policyDocument: urlEncoded(TRUSTS[t]) }]),
  fc.tuple(fc.nat(DOCS.length - 1), fc.boolean()).map(([d, setAsDefault]) => ['CreatePolicyVersion', { policyArn: arn('policy', 'p0'), policyDocument: urlEncoded(DOCS[d]), setAsDefault }]),
  pick(['v1', 'v2', 'v3']).map((v) => ['SetDefaultPolicyVersion', { policyArn: arn('policy', 'p0'), versionId: v }]),
  fc.nat(DOCS.length - 1).map((d) => ['CreatePolicy', { policyName: 'p1', policyDocument: urlEncoded(DOCS[d]) }]),
  fc.tuple(fc.nat(2), fc.nat(TRUSTS.length - 1)).map(([i, t]) => ['CreateRole', { roleName: ROLES[i], assumeRolePolicyDocument: urlEncoded(TRUSTS[t]) }]),
  fc.nat(2).map((i) => ['DeleteRole', { roleName: ROLES[i] }]),
  fc.nat(2).map((i) => ['CreateUser', { userName: USERS[i] }]),
  fc.nat(2).map((i) => ['DeleteUser', { userName: USERS[i] }]),
  fc.tuple(fc.nat(2), fc.nat(1), fc.boolean()).map(([i, g, add]) => [add ? 'AddUserToGroup' : 'RemoveUserFromGroup', { userName: USERS[i], groupName: GROUPS[g] }]),
  fc.tuple(fc.nat(1), pick(POLICIES)).map(([i, p]) => ['PutRolePermissionsBoundary', { roleName: ROLES[i], permissionsBoundary: p }]),
  fc.nat(1).map((i) => ['DeleteUserPermissionsBoundary', { userName: USERS[i] }]),
  fc.nat(2).map((i) => ['CreateAccessKey', { userName: USERS[i] }]),
  fc.nat(2).map((i) => ['UpdateLoginProfile', { userName: USERS[i] }]),
  fc.nat(DOCS.length - 1).map((d) => ['UpdatePolicy', { policyId: 'p-scp', content: JSON.stringify(DOCS[d]) }, 'organizations.amazonaws.com']),
  fc.boolean().map((attach) => [attach ? 'AttachPolicy' : 'DetachPolicy', { policyId: 'p-scp', targetId: ACCOUNT }, 'organizations.amazonaws.com']),
  fc.nat(BUCKET_POLICIES.length).map((p) => (p === BUCKET_POLICIES.length ? ['DeleteBucketPolicy', { bucketName: 'b0' }, 's3.amazonaws.com'] : ['PutBucketPolicy', { bucketName: 'b0', bucketPolicy: BUCKET_POLICIES[p] }, 's3.amazonaws.com'])),
) as unknown as fc.Arbitrary<[string, Record<string, unknown>, string?]>;

const eventsArb = fc.array(fc.tuple(eventArb, fc.nat(9)), { minLength: 1, maxLength: 8 }).map((list) =>
  list.map(([[name, params, source], roll], i): CloudTrailEvent =>
    iamEvent(`ev${i}`, `2026-01-02T10:${String(i).padStart(2, '0')}:00Z`, name, params, { ...(source ? { eventSource: source } : {}), ...(roll === 0 ? { errorCode: 'AccessDenied' } : {}) })),
);

const ids = (t: ReturnType<typeof buildTimeline>) => t.entries.map((e) => `${e.change} ${e.event.id} ${e.finding.id}`);

test('incremental re-evaluation equals a full escalation+exposure scan after every event', () => {
  let changed = 0;
  let carried = 0;
  let unchangedEscalation = 0;
  fc.assert(
    fc.property(snapshotArb, eventsArb, (snapshot, events) => {
      const frozen = structuredClone(snapshot);
      const incremental = buildTimeline(snapshot, events);
      const full = buildTimeline(snapshot, events, { evaluate: (s, now) => evaluateState(s, now) });
      assert.deepEqual(ids(incremental), ids(full));
      assert.deepEqual(incremental.final, full.final);
      const last = [...replayEvents(snapshot, events)].at(-1)!.snapshot;
      assert.deepEqual(incremental.final, evaluateState(last, new Date(events.at(-1)!.eventTime)));
      assert.deepEqual(snapshot, frozen, 'replay never mutates its input');
      changed += incremental.entries.length;
      carried += incremental.incremental!.incremental;
      unchangedEscalation += incremental.incremental!.unchangedEscalation;
    }),
    { numRuns: 40, seed: 2206 },
  );
  assert.ok(changed > 10, `the generated changes must create and resolve findings (got ${changed} entries)`);
  // The caching paths must be exercised, not only the fresh evaluations of creations and deletions.
  assert.ok(carried > 40, `steps carried over from the previous state: ${carried}`);
  assert.ok(unchangedEscalation > 5, `steps whose escalation answers were all unchanged: ${unchangedEscalation}`);
});
