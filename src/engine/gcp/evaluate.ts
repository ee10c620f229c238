/**
 * GCP's authorization flow, in Policy Troubleshooter's order: Principal Access Boundary policies,
 * then deny policies on the resource and its ancestors, then allow bindings inherited
 * organization → folders → project → resource. Three-valued: a condition whose attributes are
 * unknown makes the answer CONDITIONAL, never a guess. The result carries every binding and rule
 * that took part, so analyzers, proofs and `cordon simulate --cloud gcp` explain alike.
 * https://cloud.google.com/iam/docs/troubleshooting-access, https://cloud.google.com/iam/docs/deny-overview#policy-eval
 */
import type { GcpOrigin } from '../../model/gcp/snapshot.js';
import { assetTypeFromName, relativeName, serviceOf } from '../../model/gcp/names.js';
import type { Tri } from '../types.js';
import { evaluateCel } from './cel/evaluate.js';
import { ancestorsOf, type GcpModel } from './compile.js';
import { memberIncludes, resolvePrincipal, type GcpPrincipal } from './principals.js';
import { denyPermissionMatches } from './permissions.js';
import { pabEligibility, type PabResult } from './pab.js';

/** One question: may `principal` use `permission` on `resource` (a full resource name)? */
export interface GcpRequest {
  principal: string;
  permission: string;
  resource: string;
  /** `request.time`; unknown (conditions on it CONDITIONAL) when absent. */
  time?: Date;
}

export type GcpAccess = 'GRANTED' | 'DENIED' | 'NOT_GRANTED' | 'CONDITIONAL';

/** A binding whose role holds the permission and whose members include the principal. */
export interface GcpAllowMatch {
  resource: string;
  role: string;
  member: string;
  bindingIndex: number;
  condition?: string;
  result: Tri;
  unknowns: string[];
  error?: string;
  origin: GcpOrigin;
}

/** A deny rule that names the principal and the permission. */
export interface GcpDenyMatch {
  policy: string;
  attachmentPoint: string;
  ruleIndex: number;
  result: Tri;
  unknowns: string[];
  origin: GcpOrigin;
}

export interface GcpDecision {
  access: GcpAccess;
  request: GcpRequest;
  /** Canonical resource and its ancestors, nearest first. */
  resource: string;
  ancestors: string[];
  pab: PabResult;
  denies: GcpDenyMatch[];
  allows: GcpAllowMatch[];
  /** Roles the principal is bound to here whose permissions the exports do not give. */
  unknownRoles: string[];
}

function conditionTri(model: GcpModel, expression: string, attrs: Parameters<typeof evaluateCel>[1]): { result: Tri; unknowns: string[]; error?: string } {
  const c = model.condition(expression);
  if (!c.ok) return { result: false, unknowns: [], error: c.error };
  const r = evaluateCel(c.node, attrs);
  return { result: r.value, unknowns: r.unknowns, error: r.error };
}

/** Tags of a resource including those inherited from its ancestors (nearest wins). */
function effectiveTags(model: GcpModel, chain: readonly string[]): Record<string, string> | undefined {
  let tags: Record<string, string> | undefined;
  for (const name of [...chain].reverse()) {
    const t = model.nodes.get(name)?.tags;
    if (t) tags = { ...(tags ?? {}), ...t };
  }
  return tags;
}

/** Evaluates one request against a compiled snapshot. */
export function evaluateGcp(model: GcpModel, request: GcpRequest, resolved?: GcpPrincipal): GcpDecision {
  const principal = resolved ?? resolvePrincipal(model, request.principal);
  const resource = model.canon(request.resource);
  const ancestors = ancestorsOf(model, resource);
  const chain = [resource, ...ancestors];
  const node = model.nodes.get(resource);
  const attrs = {
    resource: { name: relativeName(resource), service: serviceOf(resource), type: node?.assetType ?? assetTypeFromName(resource), tags: effectiveTags(model, chain) },
    request: { time: request.time },
  };

  const pab = pabEligibility(model, principal, chain);

  const denies: GcpDenyMatch[] = [];
  for (const point of chain) {
    for (const policy of model.denies.get(point) ?? []) {
      policy.rules.forEach((rule, ruleIndex) => {
        if (!rule.deniedPrincipals.some((p) => memberIncludes(model, p, principal))) return;
        if (rule.exceptionPrincipals.some((p) => memberIncludes(model, p, principal))) return;
        if (!rule.deniedPermissions.some((p) => denyPermissionMatches(p, request.permission))) return;
        if (rule.exceptionPermissions.some((p) => denyPermissionMatches(p, request.permission))) return;
        const cond = rule.denialCondition ? conditionTri(model, rule.denialCondition.expression, attrs) : { result: true as Tri, unknowns: [] };
        // A deny condition that cannot be evaluated does not deny (IAM skips erroring deny rules).
        denies.push({ policy: policy.name, attachmentPoint: point, ruleIndex, result: cond.result, unknowns: cond.unknowns, origin: policy.origin });
      });
    }
  }

  const allows: GcpAllowMatch[] = [];
  const unknownRoles = new Set<string>();
  for (const point of chain) {
    for (const policy of model.policies.get(point) ?? []) {
      policy.bindings.forEach((b, bindingIndex) => {
        const member = b.members.find((m) => memberIncludes(model, m, principal));
        if (!member) return;
        const role = model.canon(b.role);
        if (!model.roles.has(role) || model.roles.get(role) === undefined) {
          unknownRoles.add(b.role);
          return;
        }
        if (!model.roles.get(role)!.has(request.permission)) return;
        const cond = b.condition ? conditionTri(model, b.condition.expression, attrs) : { result: true as Tri, unknowns: [] };
        allows.push({ resource: point, role: b.role, member, bindingIndex, condition: b.condition?.expression, result: cond.result, unknowns: cond.unknowns, error: cond.error, origin: policy.origin });
      });
    }
  }

  let access: GcpAccess;
  const denied: Tri = denies.some((d) => d.result === true) ? true : denies.some((d) => d.result === 'unknown') ? 'unknown' : false;
  const allowed: Tri = allows.some((a) => a.result === true) ? true : allows.some((a) => a.result === 'unknown') ? 'unknown' : false;
  if (pab.eligible === false || denied === true) access = 'DENIED';
  else if (allowed === false) access = 'NOT_GRANTED';
  else if (pab.eligible === true && denied === false && allowed === true) access = 'GRANTED';
  else access = 'CONDITIONAL';
  return { access, request, resource, ancestors, pab, denies, allows, unknownRoles: [...unknownRoles].sort() };
}
