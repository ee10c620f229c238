/**
 * Azure RBAC evaluation (Microsoft Learn, "How Azure RBAC determines if a user has access to a
 * resource"): collect the active assignments of the caller and its groups at the request's scope
 * and every ancestor; a role grants when some permission block's Actions (or DataActions) match
 * and its NotActions (NotDataActions) do not; an assignment's ABAC condition must hold; deny
 * assignments naming the caller (or Everyone, minus `excludePrincipals`) at the scope or, unless
 * `doNotApplyToChildScopes`, an ancestor, win over every grant. PIM-eligible assignments are
 * evaluated the same way into a separate "could activate" list and never allow.
 */
import type { AzureRoleAssignment } from '../../model/azure/snapshot.js';
import { lowerId, normScope } from '../../model/azure/scope.js';
import type { Tri } from '../types.js';
import { or3 } from '../tri.js';
import { permissionGrants } from './actions.js';
import type { CompiledAzure } from './compile.js';
import { evaluateCondition, type ConditionContext } from './condition.js';
import type { AssignmentMatch, AzureDecisionResult, AzureRequest, DenyMatch } from './model.js';

/** The all-zero object id a deny assignment uses (with type `Everyone`) for all principals. */
export const EVERYONE = '00000000-0000-0000-0000-000000000000';

function conditionContext(req: AzureRequest): ConditionContext {
  const attributes = new Map<string, readonly string[]>();
  for (const [k, v] of Object.entries(req.attributes ?? {})) attributes.set(k.toLowerCase(), typeof v === 'string' ? [v] : v);
  return { action: req.action, subOperation: req.subOperation, attributes };
}

function conditionValue(c: CompiledAzure, text: string | undefined, ctx: ConditionContext): Tri {
  if (!text) return true;
  const node = c.condition(text);
  return node === 'error' ? 'unknown' : evaluateCondition(node, ctx);
}

function matchAssignment(c: CompiledAzure, a: AzureRoleAssignment, req: AzureRequest, ctx: ConditionContext, unknownRoles: Set<string>, hypothetical: boolean): AssignmentMatch | undefined {
  if (!c.covers(a.scope, req.scope)) return undefined;
  const role = c.role(a.roleDefinitionGuid);
  if (!role) {
    unknownRoles.add(a.roleDefinitionId);
    return undefined;
  }
  for (const [i, p] of role.permissions.entries()) {
    const g = permissionGrants(p, req.action, req.kind ?? 'action');
    if (!g) continue;
    const conditionResult = conditionValue(c, a.condition, ctx);
    if (conditionResult === false) return undefined;
    return {
      assignmentId: a.id, assignmentName: a.name, roleName: role.roleName, roleDefinitionGuid: role.guid, scope: a.scope,
      inherited: normScope(a.scope) !== normScope(req.scope), tier: a.tier, via: lowerId(a.principalId), matched: g.matched, permissionIndex: i,
      condition: a.condition, conditionResult, origin: a.origin, ...(hypothetical ? { hypothetical } : {}),
    };
  }
  return undefined;
}

function denies(c: CompiledAzure, ids: ReadonlySet<string>, req: AzureRequest, ctx: ConditionContext): DenyMatch[] {
  const out: DenyMatch[] = [];
  for (const d of c.snapshot.denyAssignments) {
    if (d.doNotApplyToChildScopes ? normScope(d.scope) !== normScope(req.scope) : !c.covers(d.scope, req.scope)) continue;
    if (!d.principals.some((p) => p.id === EVERYONE || ids.has(p.id))) continue;
    if (d.excludePrincipals.some((p) => ids.has(p.id))) continue;
    for (const p of d.permissions) {
      const g = permissionGrants(p, req.action, req.kind ?? 'action');
      if (!g) continue;
      const conditionResult = conditionValue(c, d.condition, ctx);
      if (conditionResult !== false) out.push({ denyAssignmentId: d.id, name: d.name, scope: d.scope, matched: g.matched, conditionResult, origin: d.origin });
      break;
    }
  }
  return out;
}

/** Decides one request and explains it. */
export function evaluateAzure(c: CompiledAzure, req: AzureRequest): AzureDecisionResult {
  const ids = c.identities(req.principalId);
  const ctx = conditionContext(req);
  const unknownRoles = new Set<string>();
  const grants: AssignmentMatch[] = [];
  const couldActivate: AssignmentMatch[] = [];
  for (const id of ids) {
    for (const a of c.assignmentsOf(id)) {
      const m = matchAssignment(c, a, req, ctx, unknownRoles, false);
      if (m) (a.tier === 'eligible' ? couldActivate : grants).push(m);
    }
  }
  for (const a of req.extraAssignments ?? []) {
    const m = matchAssignment(c, { ...a, tier: 'active' }, req, ctx, unknownRoles, true);
    if (m) grants.push(m);
  }
  const blocked = denies(c, ids, req, ctx);
  const deny = blocked.reduce<Tri>((acc, d) => or3(acc, d.conditionResult), false);
  const allow = grants.reduce<Tri>((acc, g) => or3(acc, g.conditionResult), false);
  const order = (a: AssignmentMatch, b: AssignmentMatch) => a.scope.length - b.scope.length || a.assignmentId.localeCompare(b.assignmentId);
  const result = (decision: AzureDecisionResult['decision'], certainty: AzureDecisionResult['certainty']): AzureDecisionResult => ({
    decision, certainty, grants: grants.sort(order), denies: blocked, couldActivate: deny === true ? [] : couldActivate.sort(order), unknownRoles: [...unknownRoles].sort(),
  });
  if (deny === true) return result('Denied', 'definite');
  if (allow === false) return result('NotAllowed', 'definite');
  return result('Allowed', allow === 'unknown' || deny === 'unknown' ? 'conditional' : 'definite');
}
