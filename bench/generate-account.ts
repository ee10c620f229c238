/**
 * Deterministic synthetic accounts for the snapshot and scan benchmarks, written as
 * `aws iam get-account-authorization-details` JSON. Shapes follow real accounts: most roles are
 * service roles with one to three managed policies, a few trust other principals, a small share
 * of policies carry the grants escalation paths are made of, and some statements have conditions.
 */

export interface AccountShape {
  roles: number;
  policies: number;
  users: number;
  seed?: number;
  accountId?: string;
}

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

const SERVICES = ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com', 'glue.amazonaws.com', 'codebuild.amazonaws.com', 'sagemaker.amazonaws.com'];
const READ_ACTIONS = ['s3:GetObject', 's3:ListBucket', 'dynamodb:GetItem', 'dynamodb:Query', 'sqs:ReceiveMessage', 'logs:PutLogEvents', 'kms:Decrypt', 'ssm:GetParameter', 'ec2:Describe*', 'cloudwatch:PutMetricData'];
const WRITE_ACTIONS = ['s3:PutObject', 'dynamodb:PutItem', 'sqs:SendMessage', 'sns:Publish', 'lambda:InvokeFunction', 'ecr:BatchGetImage'];
const RISKY_ACTIONS = ['iam:PassRole', 'lambda:CreateFunction', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'sts:AssumeRole', 'iam:CreateAccessKey', 'glue:CreateJob', 'ec2:RunInstances'];

/** Builds the GAAD object for one synthetic account. */
export function generateAccountGaad(shape: AccountShape): Record<string, unknown> {
  const rand = prng(shape.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const acct = shape.accountId ?? '210987654321';
  const arn = (kind: string, name: string) => `arn:aws:iam::${acct}:${kind}/${name}`;
  const date = '2024-01-01T00:00:00Z';

  const policies = Array.from({ length: shape.policies }, (_, i) => {
    const statements: Record<string, unknown>[] = [];
    const n = 1 + Math.floor(rand() * 4);
    for (let s = 0; s < n; s++) {
      const risky = rand() < 0.04;
      const actions = risky ? [pick(RISKY_ACTIONS)] : Array.from({ length: 1 + Math.floor(rand() * 4) }, () => (rand() < 0.7 ? pick(READ_ACTIONS) : pick(WRITE_ACTIONS)));
      const resource = risky ? (rand() < 0.5 ? '*' : arn('role', `app-${Math.floor(rand() * shape.roles)}`)) : `arn:aws:s3:::bucket-${Math.floor(rand() * 500)}/*`;
      const statement: Record<string, unknown> = { Sid: `S${s}`, Effect: rand() < 0.05 ? 'Deny' : 'Allow', Action: [...new Set(actions)], Resource: resource };
      if (rand() < 0.15) statement.Condition = { StringEquals: { 'aws:RequestedRegion': pick(['us-east-1', 'eu-west-1']) } };
      statements.push(statement);
    }
    return {
      PolicyName: `policy-${i}`, PolicyId: `ANPA${String(i).padStart(17, '0')}`, Arn: arn('policy', `policy-${i}`), Path: '/', DefaultVersionId: 'v1',
      AttachmentCount: 1, PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: date, UpdateDate: date,
      PolicyVersionList: [{ Document: { Version: '2012-10-17', Statement: statements }, VersionId: 'v1', IsDefaultVersion: true, CreateDate: date }],
    };
  });
  const attachments = () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
    const p = policies[Math.floor(rand() * policies.length)]!;
    return { PolicyName: p.PolicyName, PolicyArn: p.Arn };
  });
  const users = Array.from({ length: shape.users }, (_, i) => ({
    Path: '/', UserName: `user-${i}`, UserId: `AIDA${String(i).padStart(17, '0')}`, Arn: arn('user', `user-${i}`), CreateDate: date,
    UserPolicyList: [], GroupList: [], AttachedManagedPolicies: attachments(), Tags: [],
  }));
  const roles = Array.from({ length: shape.roles }, (_, i) => {
    const trustsUser = rand() < 0.1 && users.length > 0;
    const principal = trustsUser ? { AWS: arn('user', `user-${Math.floor(rand() * users.length)}`) } : { Service: pick(SERVICES) };
    return {
      Path: '/', RoleName: `app-${i}`, RoleId: `AROA${String(i).padStart(17, '0')}`, Arn: arn('role', `app-${i}`), CreateDate: date,
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] },
      InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: attachments(), Tags: [], RoleLastUsed: rand() < 0.7 ? { LastUsedDate: '2024-06-01T00:00:00Z', Region: 'us-east-1' } : {},
    };
  });
  return { UserDetailList: users, GroupDetailList: [], RoleDetailList: roles, Policies: policies };
}
