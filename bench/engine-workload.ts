/**
 * A deterministic engine workload: principals with 3–20 attached policies (with conditions and
 * denies) under one SCP level, and ≥ 10,000 requests over real action names, ARNs with wildcards
 * and condition context. Shared by the engine benchmark; seeded, so every run measures the same.
 */

/** Small seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNT = '111122223333';
const ACTIONS = [
  's3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:GetBucketPolicy', 's3:PutBucketPolicy',
  'ec2:RunInstances', 'ec2:DescribeInstances', 'ec2:TerminateInstances', 'ec2:StopInstances',
  'iam:PassRole', 'iam:CreateUser', 'iam:AttachRolePolicy', 'iam:GetRole', 'iam:ListRoles', 'iam:CreateAccessKey',
  'sts:AssumeRole', 'kms:Decrypt', 'kms:Encrypt', 'kms:CreateGrant', 'dynamodb:GetItem', 'dynamodb:PutItem',
  'dynamodb:Query', 'lambda:InvokeFunction', 'lambda:CreateFunction', 'lambda:UpdateFunctionCode', 'sqs:SendMessage', 'sqs:ReceiveMessage',
  'secretsmanager:GetSecretValue', 'logs:PutLogEvents',
];
const PATTERNS = ['s3:Get*', 's3:*', 'ec2:Describe*', 'iam:Get*', 'iam:List*', 'kms:*', 'dynamodb:*', 'lambda:*', 'sqs:*', 'iam:Pass*', 'ec2:*Instances', '*'];
const RESOURCES = [
  'arn:aws:s3:::data-bucket/reports/2024.csv', 'arn:aws:s3:::data-bucket', 'arn:aws:s3:::logs-bucket/app/x.log',
  `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`, `arn:aws:iam::${ACCOUNT}:role/app-role`, `arn:aws:iam::${ACCOUNT}:role/admin`,
  `arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234`, `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`,
  `arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker`, `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`,
  `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`, `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app:log-stream:s1`,
];
const RESOURCE_PATTERNS = ['*', 'arn:aws:s3:::data-bucket/*', 'arn:aws:s3:::*', `arn:aws:iam::${ACCOUNT}:role/app-*`, `arn:aws:ec2:*:${ACCOUNT}:instance/*`, `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/*`, `arn:aws:lambda:*:*:function:*`, `arn:aws:logs:*:*:log-group:app:*`];
const CONDITIONS: object[] = [
  { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
  { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { StringLike: { 's3:prefix': ['home/*', 'public/*'] } },
  { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env', 'owner'] } },
  { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
  { NumericLessThan: { 's3:max-keys': '100' } },
];

/** One request of the workload. */
export interface WorkRequest {
  principal: string;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
}

/** The workload: raw policy documents per principal, one SCP, requests. */
export interface Workload {
  account: string;
  principals: { arn: string; policies: { name: string; document: Record<string, unknown> }[] }[];
  scp: Record<string, unknown>;
  requests: WorkRequest[];
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function policy(r: () => number): Record<string, unknown> {
  const n = 1 + Math.floor(r() * 4);
  const Statement = Array.from({ length: n }, (_, i) => {
    const st: Record<string, unknown> = { Sid: `S${i}`, Effect: r() < 0.15 ? 'Deny' : 'Allow' };
    const actions = Array.from({ length: 1 + Math.floor(r() * 3) }, () => (r() < 0.5 ? pick(r, ACTIONS) : pick(r, PATTERNS)));
    st[r() < 0.05 ? 'NotAction' : 'Action'] = actions.length === 1 ? actions[0] : actions;
    st['Resource'] = r() < 0.5 ? pick(r, RESOURCE_PATTERNS) : [pick(r, RESOURCES), pick(r, RESOURCE_PATTERNS)];
    if (r() < 0.4) st['Condition'] = pick(r, CONDITIONS);
    return st;
  });
  return { Version: '2012-10-17', Statement };
}

/** Builds the workload from a seed. */
export function buildWorkload(seed = 20261123, principalCount = 8, requestCount = 10_000): Workload {
  const r = rng(seed);
  const pool = Array.from({ length: 40 }, (_, i) => ({ name: `policy-${i}`, document: policy(r) }));
  const principals = Array.from({ length: principalCount }, (_, i) => {
    const k = 3 + Math.floor(r() * 18);
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(Math.floor(r() * pool.length));
    return { arn: `arn:aws:iam::${ACCOUNT}:user/user-${i}`, policies: [...chosen].sort((a, b) => a - b).map((j) => pool[j]!) };
  });
  const scp = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey'], Resource: '*' }] };
  const requests: WorkRequest[] = Array.from({ length: requestCount }, () => {
    const context: Record<string, string | string[]> = {
      'aws:PrincipalTag/team': r() < 0.5 ? 'red' : 'blue',
      'aws:SourceIp': r() < 0.5 ? '10.1.2.3' : '203.0.113.9',
      'aws:SecureTransport': r() < 0.7 ? 'true' : 'false',
      'aws:CurrentTime': '2026-11-23T00:00:00Z',
    };
    if (r() < 0.3) context['s3:prefix'] = r() < 0.5 ? 'home/x' : 'private/y';
    if (r() < 0.3) context['aws:TagKeys'] = r() < 0.5 ? ['env'] : ['cost'];
    if (r() < 0.2) context['s3:max-keys'] = String(Math.floor(r() * 200));
    return { principal: pick(r, principals).arn, action: pick(r, ACTIONS), resource: pick(r, RESOURCES), context };
  });
  return { account: ACCOUNT, principals, scp, requests };
}
