/**
 * The heterogeneous engine workload of the scale benchmark: `count` requests, each with its OWN
 * policy set using every policy type — identity (1–4 documents), permission boundary (70%), SCPs
 * at three levels (root, OU, account), RCPs at two levels, a resource policy (or a role trust
 * policy for `sts:AssumeRole`) and, for assumed-role sessions, a session policy — 40% of requests
 * cross-account. Unlike bench/engine-workload.ts (8 principals sharing 40 policies, the engine's
 * best case), nothing repeats across requests, so per-policy caches cannot carry the numbers.
 */
import { seeded, type Rand } from './random.js';

type Doc = Record<string, unknown>;

/** One request with its policy documents, as both engines take them. */
export interface HeteroRequest {
  principal: string;
  principalAccount: string;
  action: string;
  resource: string;
  resourceAccount: string;
  context: Record<string, string | string[]>;
  identity: Doc[];
  boundary?: Doc;
  /** Root, OU, account. */
  scps: [Doc, Doc, Doc];
  /** Customer RCPs (Deny only) at the OU and account of the resource owner. */
  rcps: [Doc[], Doc[]];
  resourcePolicy?: Doc;
  /** The resource policy is a role trust policy (`sts:AssumeRole`). */
  trust: boolean;
  sessionPolicy?: Doc;
}

const ACCOUNTS = ['111122223333', '444455556666', '777788889999', '123456789012'];
const TARGETS: { action: string[]; resource: (acct: string, r: Rand) => string }[] = [
  { action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resource: (_a, r) => `arn:aws:s3:::bucket-${r.int(0, 9)}/data/${r.int(0, 99)}.csv` },
  { action: ['kms:Decrypt', 'kms:Encrypt', 'kms:CreateGrant'], resource: (a, r) => `arn:aws:kms:us-east-1:${a}:key/k-${r.int(0, 99)}` },
  { action: ['sqs:SendMessage', 'sqs:ReceiveMessage'], resource: (a, r) => `arn:aws:sqs:us-east-1:${a}:queue-${r.int(0, 20)}` },
  { action: ['lambda:InvokeFunction', 'lambda:UpdateFunctionCode'], resource: (a, r) => `arn:aws:lambda:us-east-1:${a}:function:fn-${r.int(0, 20)}` },
  { action: ['secretsmanager:GetSecretValue'], resource: (a, r) => `arn:aws:secretsmanager:us-east-1:${a}:secret:s-${r.int(0, 20)}-AbCdEf` },
  { action: ['sts:AssumeRole'], resource: (a, r) => `arn:aws:iam::${a}:role/team-${r.int(0, 9)}-app` },
];
const CONDITIONS: Doc[] = [
  { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
  { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
  { StringEquals: { 'aws:PrincipalOrgID': 'o-hetero00001' } },
];

function stmt(r: Rand, effect: string, actions: string[], resource: string, condition = r.chance(0.3)): Doc {
  const s: Doc = { Effect: effect, Action: actions.length === 1 ? actions[0] : actions, Resource: resource };
  if (condition) s.Condition = r.pick(CONDITIONS);
  return s;
}
const doc = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const service = (action: string) => action.slice(0, action.indexOf(':'));

function grant(r: Rand, action: string, resource: string): Doc {
  // Exact, service wildcard, prefix wildcard or everything; resource exact, pattern or `*`.
  const a = r.pick([action, `${service(action)}:*`, `${action.slice(0, action.indexOf(':') + 4)}*`, '*']);
  const res = r.pick([resource, `${resource.slice(0, resource.lastIndexOf(resource.includes('/') ? '/' : ':') + 1)}*`, '*']);
  return stmt(r, 'Allow', [a], res);
}

/** Builds the workload (seeded; the same seed always gives the same requests). */
export function buildHeteroWorkload(count = 10_000, seed = 1700): HeteroRequest[] {
  const r = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const principalAccount = r.pick(ACCOUNTS);
    const cross = r.chance(0.4);
    const resourceAccount = cross ? r.pick(ACCOUNTS.filter((a) => a !== principalAccount)) : principalAccount;
    const target = r.pick(TARGETS);
    const action = r.pick(target.action);
    const resource = target.resource(resourceAccount, r);
    const session = r.chance(0.5);
    const principal = session ? `arn:aws:sts::${principalAccount}:assumed-role/role-${i}/s-${i}` : `arn:aws:iam::${principalAccount}:user/user-${i}`;
    const principalArn = session ? `arn:aws:iam::${principalAccount}:role/role-${i}` : principal;
    const identity = Array.from({ length: r.int(1, 4) }, () => doc(
      ...Array.from({ length: r.int(1, 4) }, () => (r.chance(0.6) ? grant(r, action, resource) : stmt(r, 'Allow', [r.pick(r.pick(TARGETS).action)], '*'))),
      ...(r.chance(0.15) ? [stmt(r, 'Deny', [r.chance(0.5) ? action : `${service(action)}:Delete*`], '*')] : []),
    ));
    const trust = service(action) === 'sts';
    const resourcePolicy = trust || r.chance(0.8)
      ? doc(stmt(r, 'Allow', trust ? ['sts:AssumeRole'] : [r.chance(0.5) ? action : `${service(action)}:*`], trust ? '*' : resource), ...(r.chance(0.1) ? [stmt(r, 'Deny', [action], '*', true)] : []))
      : undefined;
    if (resourcePolicy) {
      const who = r.pick([principalArn, `arn:aws:iam::${principalAccount}:root`, '*']);
      for (const s of resourcePolicy.Statement as Doc[]) s.Principal = who === '*' ? '*' : { AWS: who };
      if (trust) for (const s of resourcePolicy.Statement as Doc[]) delete s.Resource;
    }
    return {
      principal, principalAccount, action, resource, resourceAccount, trust,
      context: { 'aws:PrincipalTag/team': r.chance(0.5) ? 'red' : 'blue', 'aws:SourceIp': r.chance(0.5) ? '10.1.2.3' : '203.0.113.9', 'aws:SecureTransport': r.chance(0.8) ? 'true' : 'false', 'aws:RequestedRegion': r.pick(['us-east-1', 'eu-west-1', 'ap-south-1']), 'aws:PrincipalOrgID': 'o-hetero00001' },
      identity,
      boundary: r.chance(0.7) ? doc(stmt(r, 'Allow', [r.chance(0.7) ? `${service(action)}:*` : 'iam:*'], '*', false)) : undefined,
      scps: [
        doc({ Effect: 'Allow', Action: '*', Resource: '*' }, stmt(r, 'Deny', ['organizations:LeaveOrganization'], '*', false)),
        doc({ Effect: 'Allow', Action: '*', Resource: '*' }, ...(r.chance(0.2) ? [stmt(r, 'Deny', [action], '*', true)] : [])),
        r.chance(0.2) ? doc(stmt(r, 'Allow', [`${service(action)}:*`, 'sts:*', 'iam:*'], '*', false)) : doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
      ],
      // Customer RCPs may only Deny; RCPFullAWSAccess at every level is added by each engine's caller.
      rcps: [[], r.chance(0.3) ? [doc({ Effect: 'Deny', Principal: '*', Action: `${service(action)}:*`, Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-hetero00001' } } })] : []],
      resourcePolicy,
      sessionPolicy: session ? doc(stmt(r, 'Allow', [r.chance(0.8) ? '*' : action], '*', false)) : undefined,
    };
  });
}
