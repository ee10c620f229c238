/**
 * The AWS evaluation flow (IAM User Guide: "Policy evaluation logic", "Determining whether a
 * request is allowed or denied within an account", "Cross-account policy evaluation logic"):
 *
 * 1. An explicit Deny in any applicable policy (RCP, SCP, resource, identity, boundary, session)
 *    decides: ExplicitlyDenied.
 * 2. RCPs of the resource owner and SCPs of the caller's account: every level of the OU path, from
 *    the root to the account, must allow. The management account is exempt from both; service-
 *    linked roles are exempt from SCPs (and, in Cordon, from RCPs); service principals are not
 *    subject to SCPs. RCPs act through their Deny statements only: AWS attaches `RCPFullAWSAccess`
 *    to every root, OU and account and it cannot be detached, so every level always allows. An SCP
 *    level without an allowing policy denies (its `FullAWSAccess` was detached).
 * 3. Same account: an Allow in the resource policy that names the caller directly (its ARN, its
 *    session ARN, `*`) is enough on its own; one that names the role of a role session is limited
 *    by the session's boundary and session policies; one that names the account needs the
 *    identity side too. Otherwise the identity side must allow: identity policies AND the
 *    permission boundary (when set) AND the session policies (when any).
 * 4. Cross-account (caller account ≠ resource account): the identity side AND the resource policy
 *    must both allow.
 * 5. Role trust policies (type `trust`) apply to `sts:*` actions on the role only and must always
 *    allow (identity policies alone never let anyone assume a role); a trust policy that names the
 *    account delegates to the account's identity policies.
 * 6. The account root user has every identity permission (it has no identity policies) but is
 *    still bound by SCPs and explicit denies.
 * 7. AWS service rules (`service-rules.ts`) override the policies: protected resources refuse
 *    changes (ExplicitlyDenied, nothing can allow them) and `sts:GetCallerIdentity` is always
 *    allowed. The policy layers are still evaluated so the explanation shows what they said.
 */
import type { Policy } from '../model/policy/ast.js';
import type { CompiledStatement } from './compile.js';
import { candidates, evaluateStatements, layerOutcome, type LayerOutcome } from './layer.js';
import { prepareRequest, type PreparedRequest } from './request.js';
import { serviceRuleFor } from './service-rules.js';
import { and3, not3, or3 } from './tri.js';
import type { AuthorizationRequest, AuthorizationResult, Decision, EvaluationInput, LayerName, LayerResult, MatchedStatement, Tri } from './types.js';

function layerDecision(o: LayerOutcome): Decision {
  if (o.deny === true) return 'ExplicitlyDenied';
  return o.allow === false ? 'ImplicitlyDenied' : 'Allowed';
}

/** Every possible layer result, built once and frozen: a decision lists up to seven of them. */
const LAYER_RESULTS = Object.fromEntries(
  (['rcp', 'scp', 'resource', 'identity', 'boundary', 'session', 'trust', 'service'] as const).map((layer) => [
    layer,
    {
      Allowed: Object.freeze({ layer, decision: 'Allowed', applies: true }),
      ExplicitlyDenied: Object.freeze({ layer, decision: 'ExplicitlyDenied', applies: true }),
      ImplicitlyDenied: Object.freeze({ layer, decision: 'ImplicitlyDenied', applies: true }),
    },
  ]),
) as Record<LayerName, Record<Decision, LayerResult>>;

function layerResult(layer: LayerName, o: LayerOutcome): LayerResult {
  return LAYER_RESULTS[layer][layerDecision(o)];
}

type Statements = readonly CompiledStatement[];

/**
 * The candidate statements of every layer of an input for one action, remembered on the input:
 * warm evaluation (the same input asked again, as analyzers and the heterogeneous benchmark do)
 * then reads one list per layer instead of looking up each policy's compiled form and cache.
 * The policy references it was built from are kept and compared on every use, so an input whose
 * layers are reassigned gets a new plan. INVARIANT (as for the per-array caches in layer.ts):
 * policy arrays are not mutated in place once evaluated.
 */
interface Plan {
  action: string;
  identityIn: readonly Policy[];
  boundaryIn: Policy | undefined;
  scpsIn: readonly (readonly Policy[])[] | undefined;
  rcpsIn: readonly (readonly Policy[])[] | undefined;
  resourceIn: Policy | undefined;
  sessionIn: readonly Policy[] | undefined;
  identity: Statements;
  boundary: Statements;
  scps: Statements[];
  rcps: Statements[];
  resource: Statements;
  session: Statements;
}

const PLAN: unique symbol = Symbol('cordon.plan');
const NO_STATEMENTS: Statements = [];

function planOf(input: EvaluationInput, req: PreparedRequest): Plan {
  const holder = input as EvaluationInput & { [PLAN]?: Plan };
  const p = holder[PLAN];
  if (p && p.action === req.actionLower && p.identityIn === input.identity && p.boundaryIn === input.boundary && p.scpsIn === input.scps && p.rcpsIn === input.rcps && p.resourceIn === input.resourcePolicy && p.sessionIn === input.sessionPolicies) return p;
  const plan: Plan = {
    action: req.actionLower,
    identityIn: input.identity,
    boundaryIn: input.boundary,
    scpsIn: input.scps,
    rcpsIn: input.rcps,
    resourceIn: input.resourcePolicy,
    sessionIn: input.sessionPolicies,
    identity: candidates(input.identity, req),
    boundary: input.boundary ? candidates([input.boundary], req) : NO_STATEMENTS,
    scps: (input.scps ?? []).map((level) => candidates(level, req)),
    rcps: (input.rcps ?? []).map((level) => candidates(level, req)),
    resource: input.resourcePolicy ? candidates([input.resourcePolicy], req) : NO_STATEMENTS,
    session: input.sessionPolicies ? candidates(input.sessionPolicies, req) : NO_STATEMENTS,
  };
  if (Object.isExtensible(input)) Object.defineProperty(input, PLAN, { value: plan, enumerable: false, writable: true });
  return plan;
}

/** Every level must allow (unless `denyOnly`); any Deny at any level denies. */
function evaluateLevels(levels: readonly Statements[], req: PreparedRequest, out: MatchedStatement[], denyOnly: boolean): LayerOutcome {
  let allow: Tri = true;
  let deny: Tri = false;
  for (const level of levels) {
    const o = evaluateStatements(level, req, out);
    deny = or3(deny, o.deny);
    if (!denyOnly) allow = and3(allow, o.allow);
  }
  return layerOutcome(allow, deny);
}

/** Evaluates one request against the policies of `input`. */
export function evaluateRequest(input: EvaluationInput, request: AuthorizationRequest): AuthorizationResult {
  const req = prepareRequest(input, request);
  const plan = planOf(input, req);
  const c = req.caller;
  const facts = input.principal;
  const explanation: MatchedStatement[] = [];
  const layers: LayerResult[] = [];

  const rcpApplies = (input.rcps?.length ?? 0) > 0 && !input.resourceInManagementAccount && !facts.serviceLinked;
  const rcp = rcpApplies ? evaluateLevels(plan.rcps, req, explanation, true) : null;
  if (rcp) layers.push(layerResult('rcp', rcp));

  const scpApplies = (input.scps?.length ?? 0) > 0 && !facts.managementAccount && !facts.serviceLinked && !c.isService;
  const scp = scpApplies ? evaluateLevels(plan.scps, req, explanation, false) : null;
  if (scp) layers.push(layerResult('scp', scp));

  let rp = input.resourcePolicy;
  if (rp && rp.type === 'trust' && req.service !== 'sts') rp = undefined;
  const resource = rp ? evaluateStatements(plan.resource, req, explanation) : null;
  if (resource) layers.push(layerResult(rp!.type === 'trust' ? 'trust' : 'resource', resource));

  const identity = c.isService ? null : evaluateStatements(plan.identity, req, explanation);
  if (identity) layers.push(layerResult('identity', identity));
  const boundary = input.boundary && !c.isService ? evaluateStatements(plan.boundary, req, explanation) : null;
  if (boundary) layers.push(layerResult('boundary', boundary));
  const sessions = input.sessionPolicies ?? [];
  const session = sessions.length > 0 ? evaluateStatements(plan.session, req, explanation) : null;
  if (session) layers.push(layerResult('session', session));

  let deny: Tri = false;
  if (rcp) deny = or3(deny, rcp.deny);
  if (scp) deny = or3(deny, scp.deny);
  if (resource) deny = or3(deny, resource.deny);
  if (identity) deny = or3(deny, identity.deny);
  if (boundary) deny = or3(deny, boundary.deny);
  if (session) deny = or3(deny, session.deny);

  const boundaryAllow: Tri = boundary ? boundary.allow : true;
  const sessionAllow: Tri = session ? session.allow : true;
  const identityAllow: Tri = c.isRoot ? true : identity ? identity.allow : false;
  const identitySide = and3(identityAllow, and3(boundaryAllow, sessionAllow));
  const rpDirect: Tri = resource ? or3(resource.direct, and3(resource.role, and3(boundaryAllow, sessionAllow))) : false;
  const rpAny: Tri = resource ? resource.allow : false;
  const crossAccount = !c.isService && req.resourceAccount !== '' && c.account !== '' && req.resourceAccount !== c.account;
  const assumesRole = req.actionLower.startsWith('sts:assumerole') && req.resourceParts[2] === 'iam' && (req.resourceParts[5] ?? '').startsWith('role/');
  const required = input.resourcePolicyRequired ?? (rp?.type === 'trust' || assumesRole);

  let path: Tri;
  if (c.isService) path = rpAny;
  else if (crossAccount) path = and3(rpAny, identitySide);
  else if (required) path = or3(rpDirect, and3(resource ? resource.account : false, identitySide));
  else path = or3(rpDirect, identitySide);

  const guards = and3(scp ? scp.allow : true, rcp ? rcp.allow : true);
  const final = and3(not3(deny), and3(guards, path));
  let decision: Decision;
  if (deny === true) decision = 'ExplicitlyDenied';
  else if (final === false) decision = 'ImplicitlyDenied';
  else decision = 'Allowed';
  const rule = serviceRuleFor(req);
  if (rule) {
    layers.push({ layer: 'service', decision: rule.outcome === 'allow' ? 'Allowed' : 'ExplicitlyDenied', applies: true });
    return { decision: rule.outcome === 'allow' ? 'Allowed' : 'ExplicitlyDenied', explanation, layers, certainty: 'certain', serviceRule: rule.id };
  }
  return { decision, explanation, layers, certainty: final === 'unknown' ? 'possible' : 'certain' };
}
