/**
 * Deterministic snapshots for the escalation benchmark, written as
 * `aws iam get-account-authorization-details` JSON:
 * - `riskDense`: an account shaped like a risk-dense real one (role-to-role trust chains, roles
 *   trusting the account root, service roles, PowerUser-like `NotAction: iam:*` statements,
 *   `iam:PassRole` on `team-*`, groups of 5-20 users, shared managed policies, boundaries on a
 *   fifth of the principals, conditions on a tenth of the statements, a few admins);
 * - `hostile`: issue 26's snapshot (users each allowed iam:PassRole, ec2:RunInstances and
 *   iam:CreateAccessKey on `*`, one admin role).
 */

/** Small, fast, seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNT = '210987654321';
const DATE = '2024-01-01T00:00:00Z';
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const SERVICES = ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com', 'glue.amazonaws.com', 'codebuild.amazonaws.com', 'cloudformation.amazonaws.com'];
const READS = ['s3:GetObject', 's3:ListBucket', 'dynamodb:Query', 'sqs:ReceiveMessage', 'logs:PutLogEvents', 'kms:Decrypt', 'ec2:Describe*'];
const RISKY = [
  ['iam:PassRole', 'lambda:CreateFunction'],
  ['iam:PassRole', 'ec2:RunInstances'],
  ['iam:PutRolePolicy'],
  ['iam:AttachRolePolicy', 'sts:AssumeRole'],
  ['iam:CreateAccessKey'],
  ['lambda:UpdateFunctionCode'],
  ['ssm:SendCommand'],
  ['sts:AssumeRole'],
  ['iam:CreatePolicyVersion'],
];

function managedPolicy(name: string, statements: Record<string, unknown>[]) {
  return {
    PolicyName: name, PolicyId: `ANPA${name.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(17, '0').slice(0, 17)}`, Arn: arn('policy', name), Path: '/', DefaultVersionId: 'v1',
    AttachmentCount: 1, PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: DATE, UpdateDate: DATE,
    PolicyVersionList: [{ Document: { Version: '2012-10-17', Statement: statements }, VersionId: 'v1', IsDefaultVersion: true, CreateDate: DATE }],
  };
}

const trustDoc = (principal: { AWS?: string; Service?: string }) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });

/** A risk-dense account with `roles` roles and `roles / 4` users. */
export function riskDenseGaad(roles: number, seed = 7): Record<string, unknown> {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const statement = (i: number): Record<string, unknown> => {
    const r = rand();
    let s: Record<string, unknown>;
    if (r < 1 / 15) s = { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' };
    else if (r < 0.3) {
      const actions = pick(RISKY);
      const resource = actions.includes('iam:PassRole') ? arn('role', 'team-*') : rand() < 0.5 ? '*' : arn('role', `team-${Math.floor(rand() * roles)}`);
      s = { Effect: 'Allow', Action: actions, Resource: resource };
    } else s = { Effect: 'Allow', Action: [pick(READS), pick(READS)], Resource: `arn:aws:s3:::bucket-${i % 300}/*` };
    if (rand() < 0.1) s.Condition = { StringEquals: { 'aws:RequestedRegion': pick(['us-east-1', 'eu-west-1']) } };
    return { Sid: `S${i}`, ...s };
  };
  const policyCount = Math.max(20, Math.floor(roles / 10));
  const policies = Array.from({ length: policyCount }, (_, i) => managedPolicy(`shared-${i}`, Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, s) => statement(s))));
  policies.push(managedPolicy('boundary', [{ Effect: 'Allow', Action: ['s3:*', 'lambda:*', 'ec2:*', 'sts:AssumeRole', 'logs:*'], Resource: '*' }]));
  policies.push({ ...managedPolicy('AdministratorAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }]), Arn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
  const attachments = () => Array.from({ length: 1 + Math.floor(rand() * 2) }, () => {
    const p = policies[Math.floor(rand() * policyCount)]!;
    return { PolicyName: p.PolicyName, PolicyArn: p.Arn };
  });
  const boundary = () => (rand() < 0.2 ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn('policy', 'boundary') } } : {});
  const inline = (name: string) => (rand() < 0.3 ? [{ PolicyName: `${name}-inline`, PolicyDocument: { Version: '2012-10-17', Statement: [statement(0)] } }] : []);
  const userCount = Math.max(10, Math.floor(roles / 4));
  const groupCount = Math.max(2, Math.floor(userCount / 12));
  const groups = Array.from({ length: groupCount }, (_, i) => ({
    Path: '/', GroupName: `group-${i}`, GroupId: `AGPA${String(i).padStart(17, '0')}`, Arn: arn('group', `group-${i}`), CreateDate: DATE,
    GroupPolicyList: inline(`group-${i}`), AttachedManagedPolicies: i === 0 ? [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] : attachments(),
  }));
  const users = Array.from({ length: userCount }, (_, i) => ({
    Path: '/', UserName: `user-${i}`, UserId: `AIDA${String(i).padStart(17, '0')}`, Arn: arn('user', `user-${i}`), CreateDate: DATE,
    UserPolicyList: inline(`user-${i}`), GroupList: rand() < 0.8 ? [`group-${1 + Math.floor(rand() * (groupCount - 1))}`] : [], AttachedManagedPolicies: rand() < 0.5 ? attachments() : [], Tags: [], ...boundary(),
  }));
  const roleList = Array.from({ length: roles }, (_, i) => {
    const r = rand();
    // chains: team-i trusts team-(i-1) in runs of three; others trust the root, a user or a service
    const principal = i % 3 !== 0 && r < 0.3 ? { AWS: arn('role', `team-${i - 1}`) } : r < 0.45 ? { AWS: `arn:aws:iam::${ACCOUNT}:root` } : r < 0.55 ? { AWS: arn('user', `user-${Math.floor(rand() * userCount)}`) } : { Service: pick(SERVICES) };
    const admin = i % 500 === 250;
    return {
      Path: '/', RoleName: `team-${i}`, RoleId: `AROA${String(i).padStart(17, '0')}`, Arn: arn('role', `team-${i}`), CreateDate: DATE,
      AssumeRolePolicyDocument: trustDoc(principal), InstanceProfileList: [], RolePolicyList: inline(`team-${i}`),
      AttachedManagedPolicies: admin ? [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] : attachments(), Tags: [], ...(admin ? {} : boundary()),
    };
  });
  return { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roleList, Policies: policies };
}

/** Issue 26's hostile snapshot: `users` users with PassRole, RunInstances and CreateAccessKey on `*`, one admin role. */
export function hostileGaad(users = 3000): Record<string, unknown> {
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances', 'iam:CreateAccessKey'], Resource: '*' }] };
  return {
    UserDetailList: Array.from({ length: users }, (_, i) => ({
      Path: '/', UserName: `u${i}`, UserId: `AIDA${String(i).padStart(17, '0')}`, Arn: arn('user', `u${i}`), CreateDate: DATE,
      UserPolicyList: [{ PolicyName: 'p', PolicyDocument: doc }], GroupList: [], AttachedManagedPolicies: [], Tags: [],
    })),
    GroupDetailList: [],
    RoleDetailList: [{
      Path: '/', RoleName: 'admin', RoleId: 'AROA00000000000000001', Arn: arn('role', 'admin'), CreateDate: DATE,
      AssumeRolePolicyDocument: trustDoc({ Service: 'ec2.amazonaws.com' }), RolePolicyList: [],
      InstanceProfileList: [{ Path: '/', InstanceProfileName: 'admin', InstanceProfileId: 'AIPA00000000000000001', Arn: arn('instance-profile', 'admin'), CreateDate: DATE, Roles: [] }],
      AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }], Tags: [],
    }],
    Policies: [{ ...managedPolicy('AdministratorAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }]), Arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
  };
}

// `node --import tsx bench/escalation-generate.ts risk|hostile N OUT` writes one file.
if (process.argv[1]?.endsWith('escalation-generate.ts')) {
  const { writeFileSync } = await import('node:fs');
  const [kind, n, out] = process.argv.slice(2);
  writeFileSync(out!, JSON.stringify(kind === 'hostile' ? hostileGaad(Number(n)) : riskDenseGaad(Number(n))));
}
