/**
 * Risk-dense synthetic accounts for `npm run bench -- scale` and the escalation benchmarks,
 * written as `aws iam get-account-authorization-details` JSON (what `cordon scan --snapshot`
 * reads). Unlike `bench/generate-account.ts` (sparse: ~4% risky statements, no groups), this is
 * shaped like the accounts that broke Cordon in issue 17: trust chains, root/external/SAML trust,
 * boundaries, PassRole on name patterns, large groups, widely shared managed policies, conditions,
 * and PowerUser-like grants. The exact mix is documented in bench/README.md.
 */
import { seeded, skewedIndex, type Rand } from './random.js';
import { condition, ordinary, powerUser, risky, type Statement, type StatementContext } from './statements.js';

/** Size and identity of one generated account. */
export interface RiskDenseShape {
  roles: number;
  seed?: number;
  accountId?: string;
  /** Other accounts of the same organization: ~5% of roles trust a role or the root there. */
  peerAccounts?: readonly string[];
}

/** Account outside the organization that vendors assume from (always with `sts:ExternalId`). */
export const EXTERNAL_ACCOUNT = '999988887777';
const DATE = '2024-01-01T00:00:00Z';
const SERVICES = ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com', 'glue.amazonaws.com', 'codebuild.amazonaws.com', 'cloudformation.amazonaws.com'];

/** Statements of one policy: 1 in 15 PowerUser-like, ~1 in 4 risky, 1 in 10 conditioned, 1 in 20 Deny. */
function statements(c: StatementContext, r: Rand, count: number): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < count; i++) {
    const roll = r();
    const s = roll < 1 / 15 ? powerUser() : roll < 0.32 ? risky(c, r) : ordinary(r);
    if (!s.Condition && r.chance(0.1)) s.Condition = condition(c, r);
    if (!s.NotAction && r.chance(0.05)) s.Effect = 'Deny';
    out.push({ Sid: `S${i}`, ...s });
  }
  return out;
}

const doc = (Statement: Statement[]) => ({ Version: '2012-10-17', Statement });

/** Builds the GAAD object for one risk-dense account of `shape.roles` roles. */
export function generateRiskDenseGaad(shape: RiskDenseShape): Record<string, unknown> {
  const r = seeded(shape.seed ?? 17);
  const acct = shape.accountId ?? '210987654321';
  const roles = shape.roles;
  const users = Math.max(10, Math.round(roles / 4));
  const teams = Math.max(4, Math.round(roles / 100));
  const c: StatementContext = { accountId: acct, teams, roles, users };
  const arn = (kind: string, name: string) => `arn:aws:iam::${acct}:${kind}/${name}`;

  const managed = (name: string, stmts: Statement[]) => ({
    PolicyName: name, PolicyId: `ANPA${name.replace(/[^a-z0-9]/gi, '').toUpperCase().padEnd(17, '0').slice(0, 17)}`, Arn: arn('policy', name), Path: '/',
    DefaultVersionId: 'v1', AttachmentCount: 1, PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: DATE, UpdateDate: DATE,
    PolicyVersionList: [{ Document: doc(stmts), VersionId: 'v1', IsDefaultVersion: true, CreateDate: DATE }],
  });
  const policies = Array.from({ length: Math.max(20, Math.round(roles / 10)) }, (_, i) => managed(`shared-${i}`, statements(c, r, r.int(2, 5))));
  // Boundaries cap teams at data-plane services plus PassRole on their own roles; one in three
  // is PowerUser-shaped so boundaries do not simply erase every escalation.
  const boundaries = Array.from({ length: Math.max(3, Math.round(teams / 2)) }, (_, i) => managed(`boundary-${i}`, i % 3 === 0
    ? [{ Sid: 'B0', ...powerUser() }, { Sid: 'B1', Effect: 'Allow', Action: ['iam:PassRole', 'iam:Get*', 'iam:List*'], Resource: '*' }]
    : [{ Sid: 'B0', Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'lambda:*', 'logs:*', 'sqs:*', 'sts:AssumeRole', 'ec2:*'], Resource: '*' },
      { Sid: 'B1', Effect: 'Allow', Action: 'iam:PassRole', Resource: arn('role', `team-${i % teams}-*`) }]));
  const attach = () => {
    const seen = new Set<number>();
    for (let k = r.int(1, 3); k > 0; k--) seen.add(skewedIndex(r, policies.length));
    const list = [...seen].map((k) => ({ PolicyName: policies[k]!.PolicyName, PolicyArn: policies[k]!.Arn }));
    if (r.chance(0.005)) list.push({ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    return list;
  };
  const boundary = () => {
    if (!r.chance(0.2)) return {};
    const b = r.pick(boundaries);
    return { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: b.Arn } };
  };
  const inline = (p: number) => (r.chance(p) ? [{ PolicyName: 'inline', PolicyDocument: doc(statements(c, r, r.int(1, 3))) }] : []);

  const userList = Array.from({ length: users }, (_, i) => ({
    Path: '/', UserName: `user-${i}`, UserId: `AIDA${String(i).padStart(17, '0')}`, Arn: arn('user', `user-${i}`), CreateDate: DATE,
    UserPolicyList: inline(0.1), GroupList: [] as string[], AttachedManagedPolicies: r.chance(0.5) ? attach() : [], Tags: [{ Key: 'team', Value: `team-${i % teams}` }], ...boundary(),
  }));
  // Groups of 5-20 members until every user had a chance to join one; users may be in several.
  const groupList: Record<string, unknown>[] = [];
  for (let covered = 0; covered < users; ) {
    const g = groupList.length;
    const size = r.int(5, 20);
    for (let k = 0; k < size; k++) userList[(covered + k) % users]!.GroupList.push(`group-${g}`);
    if (r.chance(0.3)) userList[r.int(0, users - 1)]!.GroupList.push(`group-${g}`);
    covered += size;
    groupList.push({ Path: '/', GroupName: `group-${g}`, GroupId: `AGPA${String(g).padStart(17, '0')}`, Arn: arn('group', `group-${g}`), CreateDate: DATE, GroupPolicyList: inline(0.3), AttachedManagedPolicies: attach() });
  }
  for (const u of userList) u.GroupList = [...new Set(u.GroupList)];

  // Trust: depth[i] = hops from a non-role principal; chains stop at 3 hops.
  const depth: number[] = [];
  const chainable: number[] = [];
  const names: string[] = [];
  const roleList = Array.from({ length: roles }, (_, i) => {
    const team = r.int(0, teams - 1);
    const name = r.chance(0.6) ? `team-${team}-app-${i}` : `app-${i}`;
    names.push(name);
    const roll = r();
    let principal: Record<string, unknown>;
    let action = 'sts:AssumeRole';
    let cond: Record<string, unknown> | undefined;
    depth[i] = 1;
    if (roll < 0.35) principal = { Service: r.pick(SERVICES) };
    else if (roll < 0.5 && chainable.length > 0) {
      const j = chainable[chainable.length - 1 - Math.min(chainable.length - 1, r.int(0, 40))]!;
      principal = { AWS: arn('role', names[j]!) };
      depth[i] = depth[j]! + 1;
    } else if (roll < 0.6) principal = { AWS: `arn:aws:iam::${acct}:root` };
    else if (roll < 0.7) {
      principal = { AWS: `arn:aws:iam::${EXTERNAL_ACCOUNT}:root` };
      cond = { StringEquals: { 'sts:ExternalId': `ext-${i}` } };
    } else if (roll < 0.8) {
      principal = { Federated: arn('saml-provider', 'CorpIdP') };
      action = 'sts:AssumeRoleWithSAML';
      cond = { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } };
    } else if (roll < 0.85 && shape.peerAccounts?.length) {
      const peer = r.pick(shape.peerAccounts);
      principal = { AWS: r.chance(0.5) ? `arn:aws:iam::${peer}:root` : `arn:aws:iam::${peer}:role/app-${r.int(0, roles - 1)}` };
    } else principal = { AWS: arn('user', `user-${r.int(0, users - 1)}`) };
    if (depth[i]! < 3 && principal.Service === undefined) chainable.push(i);
    const trust: Statement = { Effect: 'Allow', Principal: principal, Action: action };
    if (cond) trust.Condition = cond;
    const ec2 = principal.Service === 'ec2.amazonaws.com';
    return {
      Path: '/', RoleName: name, RoleId: `AROA${String(i).padStart(17, '0')}`, Arn: arn('role', name), CreateDate: DATE,
      AssumeRolePolicyDocument: doc([trust]),
      InstanceProfileList: ec2 ? [{ Path: '/', InstanceProfileName: name, InstanceProfileId: `AIPA${String(i).padStart(17, '0')}`, Arn: arn('instance-profile', name), CreateDate: DATE, Roles: [] }] : [],
      RolePolicyList: inline(0.3), AttachedManagedPolicies: attach(), Tags: [{ Key: 'team', Value: `team-${team}` }], ...boundary(),
      RoleLastUsed: r.chance(0.7) ? { LastUsedDate: '2024-06-01T00:00:00Z', Region: 'us-east-1' } : {},
    };
  });
  return { UserDetailList: userList, GroupDetailList: groupList, RoleDetailList: roleList, Policies: [...policies, ...boundaries] };
}
