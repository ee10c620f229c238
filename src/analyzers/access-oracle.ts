/**
 * What the analyzers ask about access (escalation, risky permissions). Analyzers never match
 * policy strings themselves: an adapter over the authorization engine answers every question,
 * so Denies, boundaries, SCPs/RCPs, NotAction/NotResource and conditions are all honoured.
 */
import type { Evidence } from '../model/finding.js';

/** One request the attacker would make. */
export interface ProbeRequest {
  principal: string;
  action: string;
  resource: string;
  /** Context the attacker's call carries; every other condition key is attacker-chosen. */
  context?: Record<string, string>;
}

/** The engine's answer: may it be allowed (for some attacker-chosen values of unknown keys)? */
export interface Verdict {
  allowed: boolean;
  /** The statements that allow it (empty when not allowed). */
  evidence: Evidence[];
}

/** A hypothetical change to a principal's permissions, for gains that are not a principal. */
export type PermissionChange =
  | { kind: 'default-version'; policyArn: string }
  | { kind: 'no-boundary' }
  /** Identity policies rewritten to allow everything; boundary and organization policies still apply. */
  | { kind: 'any-identity' };

export interface AccessOracle {
  decide(request: ProbeRequest): Verdict;
  /**
   * `decide` for `sts:AssumeRole` on a role that does not exist yet, whose trust policy the caller
   * writes in CreateRole naming itself: that trust grants it; the caller's Denies, boundary and the
   * organization's policies still apply. Optional (without it such a role is never assumed).
   */
  decideAssumeOwnNewRole?(request: ProbeRequest): Verdict;
  /**
   * Cheap necessary condition: false only when no resource exists on which `principal` may do
   * `action`. Lets the analyzer skip methods before iterating their targets.
   */
  mayDoAction(principal: string, action: string): boolean;
  /** Admin-equivalent: it may do anything on anything (the engine decides, not a string test). */
  isAdmin(principal: string): Verdict;
  /** Would `principal` be admin-equivalent after `change` (another policy version default, no boundary)? */
  isAdminAfter(principal: string, change: PermissionChange): Verdict;
  /** May `who` (an IAM principal ARN or a service principal such as `lambda.amazonaws.com`) assume `roleArn`? */
  trusts(roleArn: string, who: string): Verdict;
  /**
   * Roles whose trust policy may let `actor` assume them (an over-approximation that the
   * analyzer then confirms with `trusts` and `decide`). Keeps AssumeRole edges sub-quadratic.
   */
  candidateRolesAssumableBy(actor: string): readonly string[];
  /**
   * The inverse of `candidateRolesAssumableBy`: whom a role's trust policy names (ARNs, whole
   * accounts, or anyone). Optional; without it the analyzer considers every principal.
   */
  assumersOf?(roleArn: string): TrustedPrincipals;
  /**
   * Cheap necessary condition on the principal's own policies: false only when no identity
   * statement may allow `action`, or its permissions boundary allows no such action (resource
   * policies are not consulted). Optional.
   */
  identityMayDo?(principal: string, action: string): boolean;
  /**
   * Like `identityMayDo` for one resource: false only when no identity Allow statement may match
   * both (conditions ignored). Decides nothing alone: callers use it where the engine would need
   * an identity grant anyway (IAM actions, which have no resource policies). Optional.
   */
  identityMayDoOn?(principal: string, action: string, resource: string): boolean;
  /**
   * The resource patterns of the identity Allow statements that may match `action`, as written,
   * or `any` when one of them may match every resource (NotResource, policy variables). Lets the
   * analyzer index principals by the targets they name. Optional.
   */
  identityResourcePatterns?(principal: string, action: string): string[] | 'any';
  /**
   * The oracle as it would answer once `principal` also holds the identity policies of `grants`
   * (groups it joins, managed policies attached to it); its boundary, the organization's policies
   * and every other principal unchanged. Undefined when a grant's policies are not in the
   * snapshot. Optional; without it, gains are judged only by whether they are admin.
   */
  withGrants?(principal: string, grants: readonly string[]): AccessOracle | undefined;
}

/** Principals a trust policy names, read from its Principal elements only. */
export interface TrustedPrincipals {
  anyone: boolean;
  accounts: string[];
  arns: string[];
}
