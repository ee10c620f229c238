/**
 * Statement matching: does one compiled statement apply to a prepared request? Action, resource
 * and conditions give a three-valued answer; the principal element (resource, trust and RCP
 * policies) says how the caller is named, which decides the same-account shortcuts.
 */
import { ArnPattern } from './arn-pattern.js';
import { evaluateClauses } from './conditions/clause.js';
import { actionMatches, type CompiledPrincipal, type CompiledStatement } from './compile.js';
import type { Caller, PreparedRequest } from './request.js';
import { not3 } from './tri.js';
import type { Tri } from './types.js';
import { resolveTemplate, UNKNOWN } from './variables.js';

/**
 * How a resource-policy statement names the caller: `direct` (its own ARN, `*`, the root user by
 * account, a service), `role` (the role ARN while the caller is one of its sessions), `account`
 * (the caller's account: the account's identity policies must also allow).
 */
export type Grant = 'direct' | 'role' | 'account';

function resourceMatches(cs: CompiledStatement, req: PreparedRequest): Tri {
  const list = cs.resources;
  if (!list) return true;
  // A plain loop, not any3 with a closure: this runs for every candidate statement of every request.
  let r: Tri = false;
  for (const res of list) {
    let m: Tri;
    if (res.kind === 'pattern') m = res.pattern.testSplit(req.resourceParts, req.resource);
    else {
      const tokens = resolveTemplate(res.template, req.lookup);
      // A NotResource pattern whose variable has no value: ARNs are matched segment by segment and a
      // variable can only be in the resource part (IAM User Guide, "IAM JSON policy elements:
      // Resource" and "Variables and tags"). When partition, service, region and account match, the
      // resource part must be matched with the variable, which "fails and causes the statement to be
      // invalid" (same guide, principal key values): the statement does not apply. Otherwise the
      // pattern simply does not match. In `Resource` such a pattern matches nothing.
      if (tokens === null && cs.notResource && (res.head === null || res.head.testSplit(req.resourceParts, req.resource))) return false;
      m = tokens === null ? false : tokens === UNKNOWN ? 'unknown' : new ArnPattern(tokens).testSplit(req.resourceParts, req.resource);
    }
    if (m === true) {
      r = true;
      break;
    }
    if (m === 'unknown') r = 'unknown';
  }
  return cs.notResource ? not3(r) : r;
}

/** Action, resource and conditions of a statement against the request (principal not included). */
export function statementMatches(cs: CompiledStatement, req: PreparedRequest): Tri {
  if (!actionMatches(cs, req.actionLower)) return false;
  return resourceAndConditionsMatch(cs, req);
}

/** Resource and conditions only: for statements already selected by action (`forAction`). */
export function resourceAndConditionsMatch(cs: CompiledStatement, req: PreparedRequest): Tri {
  const r = resourceMatches(cs, req);
  if (r === false) return false;
  if (cs.conditions.length === 0) return r;
  const c = evaluateClauses(cs.conditions, req.lookup);
  if (c === false) return false;
  return r === true && c === true ? true : 'unknown';
}

function rootOf(c: Caller): string {
  return `arn:${c.partition}:iam::${c.account}:root`;
}

/** `arn:aws:iam::1:role/path/name` → `arn:aws:iam::1:role/name` (policies may name a role without its path). */
function pathless(roleArn: string): string {
  const at = roleArn.indexOf(':role/');
  if (at < 0) return roleArn;
  return roleArn.slice(0, at + 6) + roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

function positiveGrant(p: CompiledPrincipal, c: Caller): Grant | false {
  if (p.anyone) return 'direct';
  if (c.isService) return p.others.has(c.arn) ? 'direct' : false;
  // A grant naming the role ARN is limited by the boundary and session policies even when the
  // caller is given as the role itself: only a user or a session ARN is "named directly" (IAM User
  // Guide, "Evaluating effective permissions with boundaries").
  if (p.arns.has(c.arn)) return c.isRole ? 'role' : 'direct';
  if (c.sessionIssuer && p.arns.has(c.sessionIssuer)) return 'role';
  if (c.account && p.accounts.has(c.account)) return c.isRoot ? 'direct' : 'account';
  if (p.others.has(c.arn)) return 'direct';
  return false;
}

/**
 * How the statement's Principal/NotPrincipal names the caller, or false when it does not apply.
 * `NotPrincipal` excludes the caller only when every entity of its chain is listed: its own ARN,
 * for a role session also the role's ARN, and its account (IAM User Guide, "AWS JSON policy
 * elements: NotPrincipal").
 */
export function principalGrant(p: CompiledPrincipal | undefined, c: Caller): Grant | false {
  if (!p) return 'direct';
  if (!p.negated) return positiveGrant(p, c);
  if (p.anyone) return false;
  // A role session is checked as the session, then its role, then the account: all three must be
  // listed for the caller to be spared.
  const roleListed = !c.isSession || (c.sessionIssuer !== undefined && (p.arns.has(c.sessionIssuer) || p.arns.has(pathless(c.sessionIssuer))));
  const selfListed = (p.arns.has(c.arn) && roleListed) || (c.isService && p.others.has(c.arn));
  const accountListed = c.isService || p.accounts.has(c.account) || p.arns.has(rootOf(c));
  return selfListed && accountListed ? false : 'direct';
}
