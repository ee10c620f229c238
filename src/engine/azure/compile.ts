/**
 * Compiles an `AzureSnapshot` once into indexes the evaluator needs: role definitions by GUID
 * (bundled built-ins fill the gaps), assignments by principal, each principal's transitive groups,
 * the management-group hierarchy, and parsed conditions. Classic subscription administrators are
 * read as Owner-equivalent assignments at their subscription (Microsoft Learn, "Azure classic
 * subscription administrators": the Service Administrator and Co-Administrators have Owner's access).
 */
import { bundledRole } from '../../catalog/azure/builtin-roles.js';
import type { AzureRoleAssignment, AzureRoleDefinition, AzureSnapshot } from '../../model/azure/snapshot.js';
import { lowerId, normScope, parseScope } from '../../model/azure/scope.js';
import { parseCondition, type CondNode } from './condition.js';

/** Role GUID used for the synthetic assignments of classic administrators. */
export const CLASSIC_ADMIN_ROLE = 'classic-administrator';

export interface CompiledAzure {
  snapshot: AzureSnapshot;
  role(guid: string): AzureRoleDefinition | undefined;
  /** Active and eligible assignments naming `principalId` directly. */
  assignmentsOf(principalId: string): readonly AzureRoleAssignment[];
  /** The principal and every group it belongs to, transitively (lowercase ids). */
  identities(principalId: string): ReadonlySet<string>;
  /** Does an assignment at `ancestor` apply at `scope`? */
  covers(ancestor: string, scope: string): boolean;
  /** Parsed condition, or 'error' when the text is not the documented syntax. */
  condition(text: string): CondNode | 'error';
}

const CLASSIC_ROLE: AzureRoleDefinition = {
  id: CLASSIC_ADMIN_ROLE, guid: CLASSIC_ADMIN_ROLE, roleName: 'Classic administrator (Owner-equivalent)', roleType: 'BuiltInRole',
  permissions: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }], assignableScopes: ['/'],
};

function classicAssignments(az: AzureSnapshot): AzureRoleAssignment[] {
  const byUpn = new Map(az.users.filter((u) => u.userPrincipalName).map((u) => [u.userPrincipalName!.toLowerCase(), u.id]));
  return az.classicAdministrators.flatMap((c) => {
    const principalId = byUpn.get(c.emailAddress.toLowerCase()) ?? byUpn.get(c.emailAddress.toLowerCase().replace('@', '_') + '#ext#');
    if (!principalId) return [];
    return [{ id: c.id, name: c.id, scope: `/subscriptions/${c.subscriptionId}`, roleDefinitionGuid: CLASSIC_ADMIN_ROLE, roleDefinitionId: CLASSIC_ADMIN_ROLE, principalId, principalType: 'User', tier: 'active' as const, origin: c.origin, description: c.role }];
  });
}

/** Builds the indexes of one Azure snapshot part. */
export function compileAzure(az: AzureSnapshot): CompiledAzure {
  const roles = new Map<string, AzureRoleDefinition>();
  for (const d of az.roleDefinitions) if (!roles.has(d.guid) || roles.get(d.guid)!.bundled) roles.set(d.guid, d);
  roles.set(CLASSIC_ADMIN_ROLE, CLASSIC_ROLE);
  const byPrincipal = new Map<string, AzureRoleAssignment[]>();
  for (const a of [...az.roleAssignments, ...classicAssignments(az)]) {
    const k = lowerId(a.principalId);
    (byPrincipal.get(k) ?? byPrincipal.set(k, []).get(k)!).push(a);
  }
  // member → groups that list it; closure computed on demand and memoised.
  const parents = new Map<string, string[]>();
  for (const g of az.groups) for (const m of g.members) (parents.get(m) ?? parents.set(m, []).get(m)!).push(lowerId(g.id));
  const idCache = new Map<string, Set<string>>();
  const identities = (principalId: string): Set<string> => {
    const start = lowerId(principalId);
    let out = idCache.get(start);
    if (out) return out;
    out = new Set([start]);
    const queue = [start];
    while (queue.length) {
      for (const g of parents.get(queue.pop()!) ?? []) {
        if (out.has(g)) continue;
        out.add(g);
        queue.push(g);
      }
    }
    idCache.set(start, out);
    return out;
  };
  // Management-group ancestry: from subscriptions' ancestor chains and management groups' parents.
  const mgParent = new Map(az.managementGroups.filter((m) => m.parent).map((m) => [m.name, m.parent!]));
  const subMgs = new Map<string, string[]>();
  for (const s of az.subscriptions) if (s.managementGroupAncestors?.length) subMgs.set(s.subscriptionId, s.managementGroupAncestors);
  const mgChain = (mg: string): string[] => {
    const chain = [mg];
    for (let p = mgParent.get(mg); p && !chain.includes(p); p = mgParent.get(p)) chain.push(p);
    return chain;
  };
  const tenant = az.tenantId?.toLowerCase();
  const covers = (ancestor: string, scope: string): boolean => {
    const a = parseScope(ancestor);
    const s = parseScope(scope);
    if (a.level === 'root' || a.norm === s.norm) return true;
    if (a.level !== 'managementGroup') return s.norm.startsWith(`${a.norm}/`);
    if (a.managementGroup === tenant) return true; // the tenant root group sits above everything
    if (s.level === 'managementGroup') return s.managementGroup !== undefined && mgChain(s.managementGroup).includes(a.managementGroup!);
    if (s.level === 'root' || !s.subscriptionId) return false;
    const chain = subMgs.get(s.subscriptionId);
    // INVARIANT (docs/decisions.md): with no hierarchy for this subscription, a management-group
    // assignment in the input is one `--include-inherited` listed for it, so it is an ancestor.
    if (!chain) return true;
    return chain.some((mg) => mgChain(mg).includes(a.managementGroup!));
  };
  const conds = new Map<string, CondNode | 'error'>();
  return {
    snapshot: az,
    role: (guid) => roles.get(guid) ?? bundledRole(guid),
    assignmentsOf: (principalId) => byPrincipal.get(lowerId(principalId)) ?? [],
    identities,
    covers,
    condition(text) {
      let c = conds.get(text);
      if (c === undefined) {
        try {
          c = parseCondition(text);
        } catch {
          c = 'error';
        }
        conds.set(text, c);
      }
      return c;
    },
  };
}

/** Normalised scope equality (ARM ids are case-insensitive). */
export function sameScope(a: string, b: string): boolean {
  return normScope(a) === normScope(b);
}
