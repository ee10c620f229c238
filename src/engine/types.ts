/**
 * Public types of the authorization engine: what a caller passes in (policies by role, principal
 * facts, the request) and what it gets back (a decision with the statements that decided it).
 */
import type { Policy, PolicyType } from '../model/policy/ast.js';

/** The three outcomes of an AWS authorization decision. */
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** Three-valued truth used by symbolic (unknown-key) evaluation. */
export type Tri = true | false | 'unknown';

/** One statement that matched the request, cited as evidence. */
export interface MatchedStatement {
  policyId: string;
  policyType: PolicyType;
  statementIndex: number;
  sid?: string;
  /** JSON pointer of the statement inside its policy document. */
  pointer: string;
  effect: 'Allow' | 'Deny';
  /** true when the statement matches only for some values of unknown context keys. */
  conditional?: boolean;
}

/** Per-layer outcome, useful to explain why a request was implicitly denied. */
export type LayerName = 'rcp' | 'scp' | 'resource' | 'identity' | 'boundary' | 'session' | 'trust' | 'service';

/** How one policy layer judged the request. */
export interface LayerResult {
  layer: LayerName;
  /** `Allowed` here means "this layer allows"; `ImplicitlyDenied` means it lacks an Allow. */
  decision: Decision;
  /** false when the layer does not apply (no boundary set, management account exempt from SCPs...). */
  applies: boolean;
}

/** The engine's answer. */
export interface AuthorizationResult {
  decision: Decision;
  /** Every matching statement (Allow and Deny) across all layers, in evaluation order. Entries are shared and frozen: copy before changing. */
  explanation: MatchedStatement[];
  /** Layer-by-layer view of the decision. Entries are shared and frozen. */
  layers: LayerResult[];
  /**
   * `certain` when no unknown context key influenced the outcome; `possible` when the decision
   * is `Allowed` only for some values of the unknown keys (existential mode).
   */
  certainty: 'certain' | 'possible';
  /**
   * Set when an AWS service rule decided regardless of policies (`src/engine/service-rules.ts`):
   * its id, e.g. `aws-managed-policy-immutable` (ExplicitlyDenied) or
   * `sts-get-caller-identity-always-allowed` (Allowed). The policy layers are still evaluated and listed.
   */
  serviceRule?: string;
}

/**
 * Context keys the caller does not know (attacker-chosen). `'all-missing'` makes every key that is
 * not in `context` and not derived from the principal unknown.
 */
export type UnknownKeys = readonly string[] | 'all-missing';

/** One request to authorize. */
export interface AuthorizationRequest {
  /** ARN of the calling principal (user, role, assumed-role session, root, or a service principal). */
  principal: string;
  action: string;
  resource: string;
  /** Account owning the resource; derived from the resource ARN (or the resource policy) when absent. */
  resourceAccount?: string;
  /** Condition context. Keys are case-insensitive. */
  context?: Record<string, string | string[]>;
  /** Keys whose values are unknown; enables three-valued, existential evaluation. */
  unknownKeys?: UnknownKeys;
  /**
   * Keys known to be missing from the request even under `unknownKeys: 'all-missing'` (e.g. the
   * keys AWS sets only when a service makes the call, on an attacker's direct call). Lower-case or
   * any case; explicit `context` and keys derived from the principal still win.
   */
  absentKeys?: readonly string[];
}

/** Facts about the calling principal that are not in the request. */
export interface PrincipalFacts {
  /** The principal ARN (as in the request). */
  arn: string;
  /** Account of the principal. */
  account: string;
  /** Service-linked roles are exempt from SCPs. */
  serviceLinked?: boolean;
  /** Principals of the organization's management account are exempt from SCPs and RCPs. */
  managementAccount?: boolean;
  /**
   * The principal's tags (`aws:PrincipalTag/...`). When given, they are the complete set: in
   * existential mode (`'all-missing'`) a tag key it lacks is missing, not attacker-chosen.
   */
  tags?: Record<string, string>;
  /** The caller can rewrite its own tags (`iam:TagUser`/`iam:TagRole` on itself): its tag keys stay unknown. Lazy. */
  tagsMutable?: () => boolean;
  /** Organization id (`aws:PrincipalOrgID`). */
  orgId?: string;
  /** Organization path (`aws:PrincipalOrgPaths`), e.g. `o-x/r-y/ou-z/`. */
  orgPath?: string;
  /** IAM unique id (`aws:userid`). */
  userId?: string;
  /** For role sessions: the role's ARN (with its path), i.e. `aws:PrincipalArn`. */
  sessionIssuer?: string;
}

/** Everything the evaluation needs besides the request: policies grouped by the role they play. */
export interface EvaluationInput {
  identity: Policy[];
  resourcePolicy?: Policy;
  /** Permission boundary; absent means no boundary is set. */
  boundary?: Policy;
  /** SCPs per organization level from the root down to the account: every level must allow. */
  scps?: Policy[][];
  /** RCPs per level of the resource owner's OU path. */
  rcps?: Policy[][];
  /** Session policies of an assumed-role or federated session (each must allow). */
  sessionPolicies?: Policy[];
  principal: PrincipalFacts;
  /**
   * The resource's tags (`aws:ResourceTag/...`, and `iam:ResourceTag/...` for IAM resources): when
   * given, the complete set, as for `PrincipalFacts.tags`.
   */
  resourceTags?: Record<string, string>;
  /** The caller can rewrite the resource's tags: its tag keys stay unknown in existential mode. Lazy. */
  resourceTagsMutable?: () => boolean;
  /** The resource owner's organization id (`aws:ResourceOrgID`). */
  resourceOrgId?: string;
  /**
   * The resource policy must allow even within one account: role trust policies (always, for
   * `sts:AssumeRole*`) and KMS key policies. Defaults to true for `trust` policies.
   */
  resourcePolicyRequired?: boolean;
  /** The resource is owned by the organization's management account (exempt from RCPs). */
  resourceInManagementAccount?: boolean;
}

/** A principal the model knows (users, roles, Identity Center roles). */
export interface PrincipalInfo {
  arn: string;
  kind: 'user' | 'role';
  accountId: string;
  name: string;
  /** Service-linked role (exempt from SCPs). */
  serviceLinked: boolean;
  /** Identity Center `AWSReservedSSO_*` role. */
  identityCenter: boolean;
}

/** A snapshot compiled once for fast repeated evaluation. */
export interface AuthorizationModel {
  /** Authorizes one request; the principal must be known to the snapshot (or a service principal / external ARN). */
  evaluate(request: AuthorizationRequest): AuthorizationResult;
  /** Users and roles of every account, sorted by ARN. */
  principals(): PrincipalInfo[];
  /** The parsed resource-based policy attached to `arn` (trust policy for roles), if any. */
  resourcePolicyFor(arn: string): Policy | undefined;
  /**
   * The evaluation input the model assembles for a principal, and for a resource when given
   * (`action` selects a role's trust policy for `sts:` actions), for callers that want to tweak it.
   */
  inputFor(principalArn: string, resourceArn?: string, action?: string): EvaluationInput | undefined;
  /** Policies that could not be parsed or found (skipped), one message each. */
  warnings(): readonly string[];
}
