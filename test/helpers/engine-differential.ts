/**
 * Differential testing of Cordon's engine against `@cloud-copilot/iam-simulate` (AGPL: used only by
 * tests and benchmarks, never by `src/`). fast-check generates scenarios — identity policies with
 * Allow/Deny, Action/NotAction, Resource/NotResource wildcards and conditions, plus optional
 * permission boundaries, resource policies, SCP and RCP levels — and a batch of requests per
 * scenario (same-account user, assumed-role session, or cross-account user). Both engines decide
 * every request; a disagreement is either explained by a documented difference class
 * (`DIFFERENCE_CLASSES`, see docs/engine-differences.md) or reported as unexplained.
 */
import fc from 'fast-check';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { evaluateRequest, type AuthorizationRequest, type Decision, type EvaluationInput } from '../../src/engine/index.js';
import { parsePolicy, type Policy, type PolicyType } from '../../src/model/policy/index.js';
import { explainDisagreement } from './engine-differences.js';
import { simulateFast } from './engine-iam-simulate.js';

type Doc = { Version: string; Statement: Record<string, unknown>[] };

/** The resource owner's account; the cross-account caller lives in OTHER. */
export const OWNER = '111111111111';
export const OTHER = '222222222222';
const ALICE = `arn:aws:iam::${OWNER}:user/alice`;
const ROLE = `arn:aws:iam::${OWNER}:role/app`;
const SESSION = `arn:aws:sts::${OWNER}:assumed-role/app/s1`;
const BOB = `arn:aws:iam::${OTHER}:user/bob`;

/** Actions with resources of their own type (so both engines see valid requests). */
const ACTIONS: { action: string; resources: string[] }[] = [
  { action: 's3:GetObject', resources: ['arn:aws:s3:::bucket-a/x/report.txt', 'arn:aws:s3:::bucket-b/data.csv', 'arn:aws:s3:::bucket-a/readme', 'arn:aws:s3:::bucket-a/alice/notes', 'arn:aws:s3:::bucket-a/blue/plan.txt', 'arn:aws:s3:::bucket-a/shared/x'] },
  { action: 's3:PutObject', resources: ['arn:aws:s3:::bucket-a/x/report.txt', 'arn:aws:s3:::bucket-b/data.csv'] },
  { action: 's3:DeleteObject', resources: ['arn:aws:s3:::bucket-b/data.csv'] },
  { action: 's3:ListBucket', resources: ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-b'] },
  { action: 'sqs:SendMessage', resources: [`arn:aws:sqs:us-east-1:${OWNER}:queue-a`, `arn:aws:sqs:eu-west-1:${OWNER}:queue-b`] },
  { action: 'sqs:ReceiveMessage', resources: [`arn:aws:sqs:us-east-1:${OWNER}:queue-a`] },
  { action: 'dynamodb:GetItem', resources: [`arn:aws:dynamodb:us-east-1:${OWNER}:table/orders`, `arn:aws:dynamodb:us-east-1:${OWNER}:table/users`] },
  { action: 'dynamodb:PutItem', resources: [`arn:aws:dynamodb:us-east-1:${OWNER}:table/orders`] },
];

const ACTION_PATTERNS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:*', 's3:Get*', 's3:*Object', 's3:?etObject', 'sqs:*', 'sqs:SendMessage', 'dynamodb:Get*', 'dynamodb:*Item', '*', 'ec2:*', 'S3:getobject'];
const RESOURCE_PATTERNS = [
  '*', 'arn:aws:s3:::bucket-a/*', 'arn:aws:s3:::bucket-?/*', 'arn:aws:s3:::*', 'arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-b/data.csv', 'arn:aws:s3:::*/x/*',
  `arn:aws:sqs:*:${OWNER}:queue-*`, `arn:aws:sqs:us-east-1:${OWNER}:queue-a`, `arn:aws:dynamodb:us-east-1:*:table/orders`, 'arn:aws:dynamodb:*:*:table/*',
  // Policy variables, resolved from the request context (including the keys AWS derives from the caller).
  'arn:aws:s3:::bucket-a/${aws:username}/*', 'arn:aws:s3:::bucket-a/${aws:PrincipalTag/team}/*', "arn:aws:s3:::bucket-a/${aws:username, 'shared'}/*",
  'arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:queue-a',
];

/** Condition clauses over keys the request context may carry. */
const CONDITIONS: Record<string, Record<string, string | string[]>>[] = [
  { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
  { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  { StringLike: { 'aws:RequestedRegion': 'eu-*' } },
  { StringNotLike: { 'aws:RequestedRegion': 'us-*' } },
  { StringEqualsIgnoreCase: { 'aws:RequestedRegion': 'US-EAST-1' } },
  { StringEqualsIfExists: { 'aws:RequestedRegion': 'us-east-1' } },
  { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
  { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { BoolIfExists: { 'aws:SecureTransport': 'false' } },
  { DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } },
  { DateGreaterThanEquals: { 'aws:CurrentTime': '2024-06-01T00:00:00Z' } },
  { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
  { NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '600' } },
  { Null: { 'aws:MultiFactorAuthAge': 'true' } },
  { Null: { 'aws:SourceIp': 'false' } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } },
  { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['secret'] } },
  { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['te*'] } },
  { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
  { ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${OWNER}:topic-*` } },
  { ArnNotEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${OWNER}:topic-a` } },
  { StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:SecureTransport': 'true' } },
  { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${OWNER}:*` } },
  { StringEquals: { 'aws:PrincipalAccount': OWNER } },
  { StringLike: { 'aws:SourceArn': 'arn:aws:sns:*:${aws:PrincipalAccount}:*' } },
  { DateGreaterThan: { 'aws:CurrentTime': '1717200000' } },
  { StringEqualsIfExists: { 'aws:username': 'alice' } },
];

/** Context values the requests draw from (absent keys are simply not generated). */
const CONTEXT_VALUES: Record<string, (string | string[])[]> = {
  'aws:RequestedRegion': ['us-east-1', 'eu-west-1', 'ap-south-1'],
  'aws:SourceIp': ['203.0.113.9', '198.51.100.4', '2001:db8::1'],
  'aws:SecureTransport': ['true', 'false'],
  'aws:CurrentTime': ['2024-03-01T12:00:00Z', '2024-09-01T12:00:00Z', '2025-06-01T00:00:00Z'],
  'aws:MultiFactorAuthAge': ['30', '1200', '7200'],
  'aws:TagKeys': [['env'], ['env', 'team'], ['secret', 'env'], ['team'], []],
  'aws:PrincipalTag/team': ['blue', 'red'],
  'aws:SourceArn': [`arn:aws:sns:us-east-1:${OWNER}:topic-a`, `arn:aws:sns:us-east-1:${OTHER}:topic-a`, `arn:aws:sns:eu-west-1:${OWNER}:topic-b`],
};

const one = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
/** `arb` with probability `percent`/100, else undefined. */
const maybe = <T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 100 - percent }, { arbitrary: arb, weight: percent });
const some = <T>(xs: readonly T[], max: number) => fc.uniqueArray(one(xs), { minLength: 1, maxLength: max }).map((a) => (a.length === 1 ? a[0]! : a));

const statementArb = fc
  .record({
    effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
    notAction: fc.boolean(),
    actions: some(ACTION_PATTERNS, 3),
    notResource: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    resources: some(RESOURCE_PATTERNS, 3),
    condition: maybe(one(CONDITIONS), 30),
  })
  .map(({ effect, notAction, actions, notResource, resources, condition }) => {
    const st: Record<string, unknown> = { Effect: effect };
    st[notAction ? 'NotAction' : 'Action'] = actions;
    st[notResource ? 'NotResource' : 'Resource'] = resources;
    if (condition) st['Condition'] = condition;
    return st;
  });

// notAction should be rarer than Action; fast-check draws booleans 50/50, so thin them out.
const thinned = fc.tuple(statementArb, fc.integer({ min: 0, max: 3 })).map(([st, n]) => {
  if ('NotAction' in st && n !== 0) {
    st['Action'] = st['NotAction'];
    delete st['NotAction'];
  }
  return st;
});

/** Identity-style policy documents (1–4 statements). */
export const docArb = fc.array(thinned, { minLength: 1, maxLength: 4 }).map((Statement): Doc => ({ Version: '2012-10-17', Statement }));

const PRINCIPAL_VALUES: (string | Record<string, string>)[] = [
  { AWS: ALICE }, { AWS: OWNER }, { AWS: `arn:aws:iam::${OWNER}:root` }, { AWS: BOB }, { AWS: OTHER }, '*', { AWS: ROLE }, { AWS: SESSION },
];

/** Resource-policy statements (with a Principal). */
export const resourceStatementArb = fc.tuple(thinned, one(PRINCIPAL_VALUES), fc.integer({ min: 0, max: 3 })).map(([st, principal, n]) => {
  // A quarter of the Deny statements use NotPrincipal (never with "*", which AWS rejects).
  const negate = st['Effect'] === 'Deny' && n === 0 && principal !== '*';
  const out: Record<string, unknown> = { ...st, [negate ? 'NotPrincipal' : 'Principal']: principal };
  if ('NotAction' in out) {
    out['Action'] = out['NotAction'];
    delete out['NotAction'];
  }
  return out;
});

/** A generated scenario: one caller's policies and a batch of requests. */
export interface Scenario {
  caller: 'user' | 'session' | 'cross-account';
  identity: Doc[];
  boundary?: Doc;
  resourcePolicy?: Doc;
  scps?: Doc[][];
  rcps?: Doc[][];
  /** Session policy of the assumed-role session (session callers only). */
  session?: Doc;
  requests: { action: string; resource: string; context: Record<string, string | string[]> }[];
}

const contextArb = fc
  .subarray(Object.keys(CONTEXT_VALUES))
  .chain((keys) => fc.tuple(...keys.map((k) => one(CONTEXT_VALUES[k]!).map((v) => [k, v] as const))))
  .map((pairs) => Object.fromEntries(pairs) as Record<string, string | string[]>);

const requestArb = fc.tuple(one(ACTIONS), fc.nat(), contextArb).map(([a, i, context]) => ({ action: a.action, resource: a.resources[i % a.resources.length]!, context }));

// RCPs may only Deny and may not name Action "*" (iam-simulate validates both, as AWS does).
const rcpDenyArb = fc.record({ action: one(['s3:*', 'sqs:*', 's3:GetObject', 'dynamodb:*', 's3:Put*']), condition: maybe(one(CONDITIONS), 60) }).map(({ action, condition }) => {
  const st: Record<string, unknown> = { Effect: 'Deny', Principal: '*', Action: action, Resource: '*' };
  if (condition) st['Condition'] = condition;
  return st;
});

const FULL: Doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const BROAD: Doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'sqs:*', 'dynamodb:*'], Resource: '*' }] };
const RCP_FULL: Doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

/** Scenarios with `requestsPerScenario` requests each. */
export function scenarioArb(requestsPerScenario: number): fc.Arbitrary<Scenario> {
  return fc
    .record({
      caller: fc.constantFrom('user', 'user', 'session', 'cross-account'),
      identity: fc.array(docArb, { minLength: 0, maxLength: 3 }),
      broadIdentity: fc.boolean(),
      boundary: maybe(docArb, 25),
      broadBoundary: fc.boolean(),
      resourcePolicy: maybe(fc.array(resourceStatementArb, { minLength: 1, maxLength: 3 }), 40),
      scp: maybe(docArb, 25),
      broadScp: fc.integer({ min: 0, max: 4 }).map((n) => n > 1),
      rcpDeny: maybe(rcpDenyArb, 15),
      session: maybe(docArb, 35),
      broadSession: fc.boolean(),
      requests: fc.array(requestArb, { minLength: requestsPerScenario, maxLength: requestsPerScenario }),
    })
    .map((r) => {
      // Broad allows (added to half the scenarios) keep Allowed frequent enough to be compared.
      const identity = r.broadIdentity ? [...r.identity, BROAD] : r.identity;
      const s: Scenario = { caller: r.caller as Scenario['caller'], identity, requests: r.requests };
      if (r.boundary) s.boundary = r.broadBoundary ? { ...r.boundary, Statement: [...r.boundary.Statement, ...BROAD.Statement] } : r.boundary;
      if (r.resourcePolicy) s.resourcePolicy = { Version: '2012-10-17', Statement: r.resourcePolicy };
      if (r.scp) s.scps = [[FULL], [r.broadScp ? { ...r.scp, Statement: [...r.scp.Statement, ...FULL.Statement] } : r.scp]];
      if (r.rcpDeny) s.rcps = [[{ Version: '2012-10-17', Statement: [r.rcpDeny] }]];
      if (r.session && s.caller === 'session') s.session = r.broadSession ? { ...r.session, Statement: [...r.session.Statement, ...BROAD.Statement] } : r.session;
      return s;
    });
}

/**
 * The request context of one request: the generated keys plus those AWS derives from the caller
 * (aws:PrincipalArn — the role ARN for a role session —, aws:PrincipalAccount, and aws:username for
 * IAM users). Both engines get the same context.
 */
export function requestContext(s: Scenario, r: Scenario['requests'][number]): Record<string, string | string[]> {
  const derived: Record<string, string> =
    s.caller === 'user'
      ? { 'aws:PrincipalArn': ALICE, 'aws:PrincipalAccount': OWNER, 'aws:username': 'alice' }
      : s.caller === 'session'
        ? { 'aws:PrincipalArn': ROLE, 'aws:PrincipalAccount': OWNER }
        : { 'aws:PrincipalArn': BOB, 'aws:PrincipalAccount': OTHER, 'aws:username': 'bob' };
  return { ...r.context, ...derived };
}

/** The calling principal's ARN for a scenario. */
export function callerArn(s: Scenario): string {
  return s.caller === 'user' ? ALICE : s.caller === 'session' ? SESSION : BOB;
}

function parse(doc: Doc, id: string, type: PolicyType): Policy {
  return parsePolicy(doc, { id, type });
}

/** Cordon's input for a scenario (parsed once per scenario). */
export function cordonInput(s: Scenario): EvaluationInput {
  const arn = callerArn(s);
  const input: EvaluationInput = { identity: s.identity.map((d, i) => parse(d, `identity/${i}`, 'identity')), principal: { arn, account: arn.split(':')[4]! } };
  if (s.boundary) input.boundary = parse(s.boundary, 'boundary', 'boundary');
  if (s.session) input.sessionPolicies = [parse(s.session, 'session', 'session')];
  if (s.resourcePolicy) input.resourcePolicy = parse(s.resourcePolicy, 'resource', 'resource');
  if (s.scps) input.scps = s.scps.map((l, i) => l.map((d, j) => parse(d, `scp/${i}/${j}`, 'scp')));
  // RCPFullAWSAccess is attached everywhere and cannot be detached; iam-simulate adds it implicitly.
  if (s.rcps) input.rcps = s.rcps.map((l, i) => [parse(RCP_FULL, `rcp/${i}/full`, 'rcp'), ...l.map((d, j) => parse(d, `rcp/${i}/${j}`, 'rcp'))]);
  return input;
}

/** Cordon's decision for one request of a scenario. */
export function cordonDecision(s: Scenario, input: EvaluationInput, r: Scenario['requests'][number]): Decision {
  const req: AuthorizationRequest = { principal: callerArn(s), action: r.action, resource: r.resource, resourceAccount: OWNER, context: requestContext(s, r) };
  return evaluateRequest(input, req).decision;
}

/** The iam-simulate `Simulation` for one request of a scenario. */
export function simulationFor(s: Scenario, r: Scenario['requests'][number]): Simulation {
  const sim: Simulation = {
    request: { principal: callerArn(s), action: r.action, resource: { resource: r.resource, accountId: OWNER }, contextVariables: requestContext(s, r) },
    identityPolicies: s.identity.map((policy, i) => ({ name: `identity/${i}`, policy })),
    serviceControlPolicies: (s.scps ?? []).map((level, i) => ({ orgIdentifier: `level-${i}`, policies: level.map((policy, j) => ({ name: `scp/${i}/${j}`, policy })) })),
    resourceControlPolicies: (s.rcps ?? []).map((level, i) => ({ orgIdentifier: `level-${i}`, policies: level.map((policy, j) => ({ name: `rcp/${i}/${j}`, policy })) })),
  };
  if (s.resourcePolicy) sim.resourcePolicy = s.resourcePolicy;
  if (s.boundary) sim.permissionBoundaryPolicies = [{ name: 'boundary', policy: s.boundary }];
  if (s.session) sim.sessionPolicy = s.session;
  return sim;
}

/** iam-simulate's decision (fast path without input validation). */
export function simulateDecision(s: Scenario, r: Scenario['requests'][number]): Decision {
  const sim = simulationFor(s, r);
  // runSimulation adds RCPFullAWSAccess to every level itself; the core entry point does not.
  for (const level of sim.resourceControlPolicies) level.policies.unshift({ name: 'RCPFullAWSAccess', policy: RCP_FULL });
  return simulateFast(sim);
}

/** iam-simulate's decision through its validated public `runSimulation` (slow; for cross-checks). */
export async function simulateValidated(s: Scenario, r: Scenario['requests'][number]): Promise<Decision> {
  const out = await runSimulation(simulationFor(s, r), {});
  if (out.resultType === 'error') throw new Error(`iam-simulate rejected a generated scenario: ${JSON.stringify(out.errors)}`);
  return out.overallResult as Decision;
}

/** One disagreement. */
export interface Disagreement {
  scenario: Scenario;
  request: Scenario['requests'][number];
  /** The caller and the full request context both engines saw. */
  callerArn: string;
  context: Record<string, string | string[]>;
  cordon: Decision;
  simulate: Decision;
  /** The documented difference class(es) that explain it (`a+b` when two act together), if any. */
  explainedBy?: string;
}

/** Compares both engines on every request of a scenario. */
export function compareScenario(s: Scenario): { agree: number; disagreements: Disagreement[] } {
  const input = cordonInput(s);
  let agree = 0;
  const disagreements: Disagreement[] = [];
  for (const r of s.requests) {
    const cordon = cordonDecision(s, input, r);
    const simulate = simulateDecision(s, r);
    if (cordon === simulate) agree++;
    else {
      const d: Disagreement = { scenario: s, request: r, callerArn: callerArn(s), context: requestContext(s, r), cordon, simulate };
      const cls = explainDisagreement(d);
      if (cls) d.explainedBy = cls;
      disagreements.push(d);
    }
  }
  return { agree, disagreements };
}
