/**
 * The `AccessOracle` analyzers use, answered by the authorization engine on a compiled snapshot.
 * Attacker requests carry the facts an attacker cannot choose (the time, a freshly issued
 * session, its own identity — derived by the engine) and leave every other condition key unknown,
 * so the engine's existential mode says whether SOME attacker-chosen values allow the request.
 */
import { bundledManagedPolicy } from '../catalog/aws-managed-policies.js';
import { compileSnapshot, evaluateRequest } from '../engine/index.js';
import type { AuthorizationModel, AuthorizationRequest, AuthorizationResult, EvaluationInput, MatchedStatement } from '../engine/index.js';
import { compileGlob, type Glob } from '../engine/index.js';
import type { Evidence } from '../model/finding.js';
import { parsePolicy } from '../model/policy/index.js';
import type { Policy, Statement } from '../model/policy/ast.js';
import type { Snapshot } from '../model/snapshot/types.js';
import type { AccessOracle, PermissionChange, ProbeRequest, TrustedPrincipals, Verdict } from './access-oracle.js';
import { principalAtoms } from './exposure/reach.js';

export interface EngineOracleOptions {
  /** The scan's clock: `aws:CurrentTime` and the attacker's `aws:TokenIssueTime`. */
  now: Date;
  /** The snapshot already compiled by the caller (a replay reuses the parses of the previous state). */
  model?: AuthorizationModel;
}

/** Services with resource-based policies: a grant may come from the resource side, not only identity policies. */
const RESOURCE_POLICY_SERVICES = new Set(['sts', 's3', 's3-object-lambda', 'kms', 'lambda', 'sqs', 'sns', 'secretsmanager', 'ecr', 'elasticfilesystem', 'glacier', 'logs', 'events', 'backup', 'dynamodb', 'es', 'ssm-incidents', 'codeartifact', 'apigateway']);

const NO: Verdict = { allowed: false, evidence: [] };

/** Condition keys fixed by the calling principal alone (known from the snapshot). */
const PRINCIPAL_KEY = /^aws:(principaltag\/.+|principalaccount|principalarn|principalorgid|principalorgpaths|principaltype|username|userid)$/i;

/** What an attacker who writes a principal's identity policies can give it. */
const ALLOW_ALL = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { id: 'cordon:attacker-written-policy', type: 'identity' });

/** An identity Allow statement's action and resource patterns, compiled for the prefilters. */
interface AllowPattern {
  patterns: Glob[];
  not: boolean;
  resources?: (Glob | undefined)[];
  resourceText?: (string | undefined)[];
  notResource: boolean;
}

// Compiled once per statement: principals sharing a managed policy share its statement objects,
// so 16,000 roles no longer hold 16,000 compiled copies of the same few policies (memory, GC).
const allowPatternCache = new WeakMap<Statement, AllowPattern>();
function allowPatternOf(s: Statement): AllowPattern {
  let pattern = allowPatternCache.get(s);
  if (!pattern) {
    pattern = {
      patterns: s.action.patterns.map((x) => compileGlob(x.value, true)),
      not: s.action.kind === 'NotAction',
      // Policy variables resolve per request: such a pattern is kept as "may match" (undefined).
      resources: s.resource?.patterns.map((x) => (x.value.includes('${') ? undefined : compileGlob(x.value, true))),
      resourceText: s.resource?.patterns.map((x) => (x.value.includes('${') ? undefined : x.value)),
      notResource: s.resource?.kind === 'NotResource',
    };
    allowPatternCache.set(s, pattern);
  }
  return pattern;
}

/** The service prefix of an action (`iam` of `iam:PassRole`), lower-cased. */
const serviceOf = (action: string): string => action.split(':', 1)[0]!.toLowerCase();

/**
 * Services served from one global endpoint in us-east-1: the attacker cannot choose
 * `aws:RequestedRegion` for their actions (IAM User Guide, condition keys, aws:RequestedRegion).
 */
const GLOBAL_SERVICES = new Set(['iam', 'organizations', 'account', 'route53', 'cloudfront', 'globalaccelerator', 'shield', 'waf']);

/** The attacker calls AWS directly: `aws:ViaAWSService` is false on its own requests. */
const DIRECT_CALL = { 'aws:ViaAWSService': 'false' };

/**
 * Keys AWS sets only when a service makes the call (a service principal, or a service acting with
 * the caller's credentials): missing on the attacker's direct call, not attacker-chosen (IAM User
 * Guide, global condition keys: aws:PrincipalServiceName, aws:SourceArn, aws:CalledVia ...).
 * `aws:username` is present only for IAM users (the engine derives it for them). A method step
 * that runs through a service sets these in its explicit context, which wins.
 */
const SERVICE_ONLY_KEYS: readonly string[] = [
  'aws:PrincipalServiceName',
  'aws:PrincipalServiceNamesList',
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOwner',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:CalledVia',
  'aws:CalledViaFirst',
  'aws:CalledViaLast',
  'aws:username',
];

/** Builds the oracle; compiles the snapshot once. */
export function engineOracle(snapshot: Snapshot, options: EngineOracleOptions): AccessOracle {
  const model = options.model ?? compileSnapshot(snapshot);
  const now = options.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const fixedContext = { 'aws:CurrentTime': now, 'aws:EpochTime': String(Math.floor(options.now.getTime() / 1000)), 'aws:TokenIssueTime': now };
  const groups = groupPolicies(snapshot);
  // Built on first use: a replay's oracle is often asked only about the principals a change touched.
  let trustIndex: ReturnType<typeof buildTrustIndex> | undefined;
  const trusted = () => (trustIndex ??= buildTrustIndex(model, snapshot));
  const managed = new Map<string, Policy | undefined>();
  /** The policies a grant (a group the principal joins, a managed policy attached to it) adds to its identity. */
  const grantPolicies = (arn: string): Policy[] | undefined => {
    const group = groups.get(arn);
    if (group) return group;
    if (!managed.has(arn)) {
      // An AWS managed policy the snapshot does not hold (nobody has it attached): Cordon's bundled copy, if any.
      const doc = findPolicy(snapshot, arn)?.versions.find((v) => v.isDefault)?.document ?? bundledManagedPolicy(arn)?.document;
      managed.set(arn, doc ? parsePolicy(doc, { id: arn, type: 'identity' }) : undefined);
    }
    const policy = managed.get(arn);
    return policy ? [policy] : undefined;
  };
  return oracleWith(undefined);

  /**
   * The oracle itself; with `extra`, one principal answers as if it also held `extra.policies`
   * (everything else, its boundary and the organization's policies included, unchanged).
   */
  function oracleWith(extra: { principal: string; policies: Policy[] } | undefined): AccessOracle {
    const inputOf = (principal: string): EvaluationInput | undefined => {
      const input = model.inputFor(principal);
      return input && extra?.principal === principal ? { ...input, identity: [...input.identity, ...extra.policies] } : input;
    };
    const evaluate = (req: AuthorizationRequest): AuthorizationResult => {
      if (extra?.principal !== req.principal) return model.evaluate(req);
      // The resource account comes from the ARN here (the model also knows the owner of ARNs
      // without one, such as S3 buckets; no escalation requirement names one).
      const input = model.inputFor(req.principal, req.resource, req.action)!;
      return evaluateRequest({ ...input, identity: [...input.identity, ...extra.policies] }, req);
    };
    const allowPatterns = new Map<string, AllowPattern[]>();
    const boundaryPatterns = new Map<string, AllowPattern[] | null>();
    // A permissions boundary with no Allow statement for an action denies it everywhere (for identity grants).
    const boundaryMayAllow = (principal: string, action: string): boolean => {
      let list = boundaryPatterns.get(principal);
      if (list === undefined) {
        const boundary = inputOf(principal)?.boundary;
        list = boundary ? boundary.statements.filter((s) => s.effect === 'Allow').map(allowPatternOf) : null;
        boundaryPatterns.set(principal, list);
      }
      return list === null || list.some((s) => s.not !== s.patterns.some((g) => g.test(action)));
    };
    const adminCache = new Map<string, Verdict>();
    const mayDoCache = new Map<string, Map<string, boolean>>();

    const request = (r: ProbeRequest): AuthorizationRequest => {
      const region: Record<string, string> = GLOBAL_SERVICES.has(serviceOf(r.action)) ? { 'aws:RequestedRegion': 'us-east-1' } : {};
      // A service principal's own call (a trust check for `lambda.amazonaws.com`) may carry the source keys.
      const absentKeys = r.principal.startsWith('arn:') ? SERVICE_ONLY_KEYS : undefined;
      return { principal: r.principal, action: r.action, resource: r.resource, context: { ...fixedContext, ...DIRECT_CALL, ...region, ...r.context }, unknownKeys: 'all-missing', ...(absentKeys ? { absentKeys } : {}) };
    };
    const allowPatternsOf = (principal: string) => {
      let list = allowPatterns.get(principal);
      if (!list) {
        const input = inputOf(principal);
        list = (input?.identity ?? []).flatMap((p) => p.statements.filter((s) => s.effect === 'Allow' && (!input || principalConditionsMayHold(input, principal, s))).map(allowPatternOf));
        allowPatterns.set(principal, list);
      }
      return list;
    };
    // A statement whose conditions on the caller's own facts (tags, account, ARN, organization) fail
    // for this principal grants it nothing, whatever the action or resource: the prefilters skip it.
    const principalConditionsMayHold = (input: EvaluationInput, principal: string, statement: Statement): boolean => {
      const clauses = statement.conditions.filter((c) => PRINCIPAL_KEY.test(c.key));
      if (clauses.length === 0) return true;
      const probe: Policy = {
        id: 'cordon:principal-condition-probe',
        type: 'identity',
        statements: [{ ...statement, action: { kind: 'Action', patterns: [{ value: '*', pointer: '' }], pointer: '' }, resource: { kind: 'Resource', patterns: [{ value: '*', pointer: '' }], pointer: '' }, conditions: clauses }],
      };
      const result = evaluateRequest({ ...input, identity: [probe], boundary: undefined, scps: undefined }, request({ principal, action: 'cordonprobe:AnyAction', resource: `arn:aws:cordonprobe:us-east-1:${principal.split(':')[4] ?? ''}:thing/probe` }));
      return result.decision === 'Allowed';
    };
    const resourceMayMatch = (s: { resources?: (Glob | undefined)[]; notResource: boolean }, resource: string): boolean => {
      if (!s.resources) return true;
      if (s.notResource) return !s.resources.some((g) => g !== undefined && g.test(resource));
      return s.resources.some((g) => g === undefined || g.test(resource));
    };
    const adminWith = (input: EvaluationInput | undefined, principal: string): Verdict => {
      const results: AuthorizationResult[] = [];
      for (const probe of adminProbes(principal)) {
        const req = request({ principal, ...probe });
        const result = input ? evaluateRequest(input, req) : evaluate(req);
        if (result.decision !== 'Allowed') return NO;
        results.push(result);
      }
      return verdictOf(results[0]!);
    };

    return {
      decide: (r) => verdictOf(evaluate(request(r))),
      decideAssumeOwnNewRole(r) {
        const input = model.inputFor(r.principal, r.resource, r.action);
        if (!input) return NO;
        const identity = extra?.principal === r.principal ? [...input.identity, ...extra.policies] : input.identity;
        const trust = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: r.principal }, Action: 'sts:AssumeRole' }] }, { id: 'cordon:attacker-written-trust', type: 'trust' });
        return verdictOf(evaluateRequest({ ...input, identity, resourcePolicy: trust }, { ...request(r), resourceAccount: r.resource.split(':')[4] ?? '' }));
      },
      mayDoAction(principal, action) {
        // Asked for every method of every principal: memoised per principal, then action. Nested
        // maps keyed by the ARN and action strings themselves: a joined key was a new string to
        // build and hash on every call, and 800,000 of them stayed in the heap at 16k roles.
        let byAction = mayDoCache.get(principal);
        if (!byAction) mayDoCache.set(principal, (byAction = new Map()));
        let known = byAction.get(action);
        if (known === undefined) {
          // A resource policy may grant what identity policies do not: such services always may.
          known = RESOURCE_POLICY_SERVICES.has(serviceOf(action))
            || (allowPatternsOf(principal).some((s) => s.not !== s.patterns.some((g) => g.test(action))) && boundaryMayAllow(principal, action));
          byAction.set(action, known);
        }
        return known;
      },
      identityResourcePatterns(principal, action) {
        const out: string[] = [];
        for (const s of allowPatternsOf(principal)) {
          if (s.not === s.patterns.some((g) => g.test(action))) continue;
          if (!s.resourceText || s.notResource || s.resourceText.some((r) => r === undefined)) return 'any';
          out.push(...(s.resourceText as string[]));
        }
        return out;
      },
      // Identity grants are capped by the permissions boundary, so it must allow the action too.
      identityMayDo: (principal, action) => boundaryMayAllow(principal, action) && allowPatternsOf(principal).some((s) => s.not !== s.patterns.some((g) => g.test(action))),
      identityMayDoOn: (principal, action, resource) =>
        boundaryMayAllow(principal, action) && allowPatternsOf(principal).some((s) => s.not !== s.patterns.some((g) => g.test(action)) && resourceMayMatch(s, resource)),
      isAdmin(principal) {
        let verdict = adminCache.get(principal);
        if (!verdict) {
          const groupInput = groups.get(principal);
          verdict = adminWith(groupInput ? { identity: groupInput, principal: { arn: principal, account: principal.split(':')[4] ?? '' } } : undefined, principal);
          adminCache.set(principal, verdict);
        }
        return verdict;
      },
      isAdminAfter(principal, change: PermissionChange) {
        const input = inputOf(principal);
        if (!input) return NO;
        if (change.kind === 'no-boundary') return adminWith({ ...input, boundary: undefined }, principal);
        if (change.kind === 'any-identity') return adminWith({ ...input, identity: [ALLOW_ALL] }, principal);
        const policy = findPolicy(snapshot, change.policyArn);
        for (const version of policy?.versions ?? []) {
          if (version.isDefault) continue;
          const replacement = parsePolicy(version.document, { id: `${change.policyArn}#${version.versionId}`, type: 'identity' });
          const identity = input.identity.map((p) => (p.id === change.policyArn ? replacement : p));
          const verdict = adminWith({ ...input, identity }, principal);
          if (verdict.allowed) return verdict;
        }
        return NO;
      },
      trusts(roleArn, who) {
        const trust = model.resourcePolicyFor(roleArn);
        if (!trust) return NO;
        // Only the trust policy's own say: does some statement let `who` assume the role?
        const result = evaluateRequest(
          { identity: [], resourcePolicy: trust, principal: { arn: who, account: who.includes(':') ? (who.split(':')[4] ?? '') : '' } },
          { ...request({ principal: who, action: 'sts:AssumeRole', resource: roleArn }), resourceAccount: roleArn.split(':')[4] },
        );
        const allows = result.explanation.filter((m) => m.effect === 'Allow' && m.policyType !== 'identity');
        if (allows.length === 0 || result.decision === 'ExplicitlyDenied') return NO;
        return { allowed: true, evidence: allows.map(evidenceOf) };
      },
      candidateRolesAssumableBy: (actor) => trusted().rolesFor(actor),
      assumersOf: (role) => trusted().assumersOf(role),
      withGrants(principal, grants) {
        const policies: Policy[] = [];
        for (const arn of grants) {
          const added = grantPolicies(arn);
          if (!added) return undefined;
          policies.push(...added);
        }
        return oracleWith({ principal, policies: [...(extra?.principal === principal ? extra.policies : []), ...policies] });
      },
    };
  }
}

/** Probes that only an admin-equivalent principal passes: a fresh action on a fresh resource plus key writes. */
function adminProbes(principal: string): { action: string; resource: string }[] {
  const account = principal.split(':')[4] ?? '000000000000';
  return [
    { action: 'cordonprobe:AnyAction', resource: `arn:aws:cordonprobe:us-east-1:${account}:thing/cordon-probe` },
    { action: 'iam:CreateUser', resource: `arn:aws:iam::${account}:user/cordon-probe` },
    { action: 'iam:AttachRolePolicy', resource: `arn:aws:iam::${account}:role/cordon-probe` },
    { action: 'iam:PutUserPolicy', resource: `arn:aws:iam::${account}:user/cordon-probe` },
    { action: 'iam:UpdateAssumeRolePolicy', resource: `arn:aws:iam::${account}:role/cordon-probe` },
    { action: 'organizations:ListAccounts', resource: '*' },
    { action: 's3:GetObject', resource: 'arn:aws:s3:::cordon-probe/object' },
    { action: 'ec2:RunInstances', resource: `arn:aws:ec2:us-east-1:${account}:instance/*` },
    { action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${account}:key/00000000-0000-0000-0000-00000c0rd0n0` },
  ];
}

function verdictOf(result: AuthorizationResult): Verdict {
  if (result.decision !== 'Allowed') return NO;
  return { allowed: true, evidence: result.explanation.filter((m) => m.effect === 'Allow').map(evidenceOf) };
}

function evidenceOf(m: MatchedStatement): Evidence {
  return { policy: m.policyId, policyType: m.policyType, statementIndex: m.statementIndex, sid: m.sid, pointer: m.pointer, ...(m.conditional ? { note: 'allowed only for some condition values the caller controls' } : {}) };
}

function findPolicy(snapshot: Snapshot, arn: string) {
  for (const account of snapshot.accounts) {
    const policy = account.policies.find((p) => p.arn === arn);
    if (policy) return policy;
  }
  return undefined;
}

/** Group ARN → its parsed policies, so a group can be judged admin-equivalent by itself. */
function groupPolicies(snapshot: Snapshot): Map<string, Policy[]> {
  const map = new Map<string, Policy[]>();
  for (const account of snapshot.accounts) {
    for (const group of account.groups) {
      const policies: Policy[] = group.inlinePolicies.map((p) => parsePolicy(p.document, { id: `${group.arn}#inline/${p.name}`, type: 'identity' }));
      for (const arn of group.attachedPolicyArns) {
        const doc = findPolicy(snapshot, arn)?.versions.find((v) => v.isDefault)?.document;
        if (doc) policies.push(parsePolicy(doc, { id: arn, type: 'identity' }));
      }
      map.set(group.arn, policies);
    }
  }
  return map;
}

/**
 * Roles whose trust policy names the actor, its account, or anyone — an over-approximation read
 * from Principal elements only (conditions are the engine's job afterwards). Keeps AssumeRole
 * candidate lists short in accounts with thousands of roles.
 */
function buildTrustIndex(model: AuthorizationModel, snapshot: Snapshot): { rolesFor(actor: string): readonly string[]; assumersOf(role: string): TrustedPrincipals } {
  const byKey = new Map<string, string[]>();
  const byRole = new Map<string, TrustedPrincipals>();
  const add = (key: string, role: string) => {
    const list = byKey.get(key);
    if (list) list.push(role);
    else byKey.set(key, [role]);
    let named = byRole.get(role);
    if (!named) byRole.set(role, (named = { anyone: false, accounts: [], arns: [] }));
    if (key === '*') named.anyone = true;
    else if (key.startsWith('account:')) named.accounts.push(key.slice('account:'.length));
    else named.arns.push(key);
  };
  for (const account of snapshot.accounts) {
    for (const role of account.roles) {
      const trust = model.resourcePolicyFor(role.arn);
      for (const statement of trust?.statements ?? []) {
        if (statement.effect !== 'Allow') continue;
        for (const atom of principalAtoms(statement.principal)) {
          if (atom.kind === 'anyone') add('*', role.arn);
          else if (atom.kind === 'aws') add(atom.arn ?? `account:${atom.account}`, role.arn);
        }
      }
    }
  }
  const none: TrustedPrincipals = { anyone: false, accounts: [], arns: [] };
  // Most actors are named by no trust policy: they share their account's list (one object, built once).
  const byAccount = new Map<string, string[]>();
  const sortedUnion = (...lists: (string[] | undefined)[]) => [...new Set(lists.flatMap((l) => l ?? []))].sort();
  return {
    rolesFor(actor) {
      const account = actor.split(':')[4] ?? '';
      let base = byAccount.get(account);
      if (!base) byAccount.set(account, (base = sortedUnion(byKey.get('*'), byKey.get(`account:${account}`))));
      const own = byKey.get(actor);
      return own ? sortedUnion(base, own) : base;
    },
    assumersOf: (role) => byRole.get(role) ?? none,
  };
}
