/**
 * Instantiates the escalation methods of `methods.ts` for one attacker state ("node": a principal,
 * plus role assignments and directory roles it has already granted itself on the way) and asks
 * the Azure engine whether each required operation is allowed on each target. A method whose
 * gain is another identity is followed only when that identity holds something the node lacks.
 */
import { BUILTIN_ROLE_IDS } from '../../../catalog/azure/builtin-roles.js';
import type { AzureResource, AzureRoleAssignment } from '../../../model/azure/snapshot.js';
import { lowerId, normScope } from '../../../model/azure/scope.js';
import { evaluateAzure, GLOBAL_ADMIN, type AssignmentMatch, type CompiledAzure } from '../../../engine/azure/index.js';
import { identityPrincipals, type AzurePrincipals } from '../principals.js';
import { AZURE_ESCALATION_METHODS, type AzureEscalationMethod } from './methods.js';

/** An attacker state. */
export interface AttackerNode {
  principal: string;
  extra: AzureRoleAssignment[];
  directoryRoles: string[];
}

/** What an edge leads to: another attacker state, or a terminal goal (vault secrets, cluster-admin). */
export interface EdgeGain {
  /** Stable key of what is gained (finding identity). */
  key: string;
  label: string;
  node?: AttackerNode;
}

export interface Edge {
  method: AzureEscalationMethod;
  /** ARM id (or object id) of the target the method acts on. */
  target: string;
  targetType: string;
  actions: string[];
  /** Assignments that allowed the operations (the evidence a remediation removes). */
  grants: AssignmentMatch[];
  conditional: boolean;
  gains: EdgeGain[];
}

const UAA = BUILTIN_ROLE_IDS.userAccessAdministrator;
/** An operation only `*` covers: allowed means "already holds everything here". */
const PROBE_ALL = 'Cordon.Probe/anything/action';

function hypothetical(principal: string, role: string, scope: string): AzureRoleAssignment {
  return { id: `cordon-hypothetical:${role}@${normScope(scope)}`, name: 'hypothetical', scope, roleDefinitionGuid: role, roleDefinitionId: role, principalId: principal, tier: 'active' };
}

/** Key identifying a node (visited set). */
export function nodeKey(n: AttackerNode): string {
  return [n.principal, ...n.extra.map((e) => e.id).sort(), ...[...n.directoryRoles].sort()].join('|');
}

export class EdgeFinder {
  constructor(private readonly c: CompiledAzure, private readonly principals: AzurePrincipals) {}

  private allowed(node: AttackerNode, action: string, scope: string, attributes?: Record<string, string>): { ok: boolean; grants: AssignmentMatch[]; conditional: boolean } {
    const r = evaluateAzure(this.c, { principalId: node.principal, action, scope, attributes, extraAssignments: node.extra });
    return { ok: r.decision === 'Allowed', grants: r.grants, conditional: r.certainty === 'conditional' };
  }

  /** The first alternative of `method.requires` allowed on `scope`, with its grants. */
  private check(node: AttackerNode, method: AzureEscalationMethod, scope: string, attributes?: Record<string, string>): Omit<Edge, 'method' | 'target' | 'targetType' | 'gains'> | undefined {
    for (const set of method.requires) {
      const results = set.map((action) => this.allowed(node, action, scope, attributes));
      if (results.every((r) => r.ok)) return { actions: set, grants: results.flatMap((r) => r.grants), conditional: results.some((r) => r.conditional) };
    }
    return undefined;
  }

  /** Active assignment scopes of the node (its own, its groups', and hypothetical ones). */
  private heldScopes(node: AttackerNode): string[] {
    const scopes = new Map<string, string>();
    for (const id of this.c.identities(node.principal)) for (const a of this.c.assignmentsOf(id)) if (a.tier === 'active') scopes.set(normScope(a.scope), a.scope);
    for (const a of node.extra) scopes.set(normScope(a.scope), a.scope);
    return [...scopes.values()].sort();
  }

  /** Roles' permission blocks of a node's active assignments (its own, its groups', hypothetical). */
  private activeAssignments(n: AttackerNode): AzureRoleAssignment[] {
    return [...[...this.c.identities(n.principal)].flatMap((id) => this.c.assignmentsOf(id)), ...n.extra].filter((a) => a.tier === 'active');
  }

  /**
   * True when `other` may do something at one of its assignment scopes that `node` may not. The
   * operations tried are `other`'s own patterns and `node`'s NotActions (with `*` replaced by a
   * fresh name): whatever `node` lacks is outside its Actions or inside its NotActions.
   */
  holdsMore(other: AttackerNode, node: AttackerNode): boolean {
    const caps = this.principals.capabilities(other.principal, other.directoryRoles);
    const mine = this.principals.capabilities(node.principal, node.directoryRoles);
    if ([...caps].some((cap) => !mine.has(cap))) return true;
    const probes = { action: new Set<string>(), dataAction: new Set<string>() };
    const add = (kind: 'action' | 'dataAction', patterns: readonly string[]) => patterns.forEach((x) => probes[kind].add(x.split('*').join('cordonprobe')));
    const theirs = this.activeAssignments(other);
    for (const a of theirs) {
      for (const p of this.c.role(a.roleDefinitionGuid)?.permissions ?? []) {
        add('action', p.actions);
        add('dataAction', p.dataActions);
      }
    }
    for (const a of this.activeAssignments(node)) {
      for (const p of this.c.role(a.roleDefinitionGuid)?.permissions ?? []) {
        add('action', p.notActions);
        add('dataAction', p.notDataActions);
      }
    }
    const scopes = [...new Set(theirs.map((a) => a.scope))];
    for (const kind of ['action', 'dataAction'] as const) {
      for (const action of probes[kind]) {
        for (const scope of scopes) {
          if (evaluateAzure(this.c, { principalId: other.principal, action, kind, scope, extraAssignments: other.extra }).decision !== 'Allowed') continue;
          if (evaluateAzure(this.c, { principalId: node.principal, action, kind, scope, extraAssignments: node.extra }).decision !== 'Allowed') return true;
        }
      }
    }
    return false;
  }

  private identityGains(node: AttackerNode, principalIds: readonly string[]): EdgeGain[] {
    return principalIds
      .filter((p) => p !== node.principal)
      .map((p) => ({ key: `identity:${p}`, label: `${this.principals.get(p).kind} ${this.principals.get(p).name}`, node: { principal: p, extra: [], directoryRoles: [] } }))
      .filter((g) => this.holdsMore(g.node, node));
  }

  private resources(types: readonly string[]): AzureResource[] {
    return this.c.snapshot.resources.filter((r) => types.includes(r.type.toLowerCase()));
  }

  /** Every edge out of `node`. */
  edges(node: AttackerNode): Edge[] {
    const out: Edge[] = [];
    const caps = this.principals.capabilities(node.principal, node.directoryRoles);
    const kind = this.principals.get(node.principal).kind;
    for (const method of AZURE_ESCALATION_METHODS) {
      const push = (target: string, targetType: string, ok: Omit<Edge, 'method' | 'target' | 'targetType' | 'gains'>, gains: EdgeGain[]) => {
        if (gains.length) out.push({ method, target, targetType, ...ok, gains });
      };
      if (method.capability && !caps.has(method.capability)) continue;
      const none = { actions: [], grants: [], conditional: false };
      switch (method.target) {
        case 'scope':
          for (const scope of this.heldScopes(node)) {
            if (this.allowed(node, PROBE_ALL, scope).ok) continue; // already Owner-equivalent here
            const attrs = {
              '@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId]': BUILTIN_ROLE_IDS.owner,
              '@Request[Microsoft.Authorization/roleAssignments:PrincipalId]': node.principal,
              '@Request[Microsoft.Authorization/roleAssignments:PrincipalType]': kind === 'User' ? 'User' : kind === 'Group' ? 'Group' : 'ServicePrincipal',
            };
            const ok = this.check(node, method, scope, attrs);
            if (ok) push(scope, 'Microsoft.Authorization/roleAssignments', ok, [{ key: `owner:${normScope(scope)}`, label: `Owner at ${scope}`, node: { ...node, extra: [...node.extra, hypothetical(node.principal, BUILTIN_ROLE_IDS.owner, scope)] } }]);
          }
          break;
        case 'assigned-custom-role':
          for (const id of this.c.identities(node.principal)) {
            for (const a of this.c.assignmentsOf(id)) {
              const role = this.c.role(a.roleDefinitionGuid);
              if (a.tier !== 'active' || role?.roleType !== 'CustomRole') continue;
              const scopes = role.assignableScopes.length ? role.assignableScopes : [a.scope];
              const results = scopes.map((s) => this.check(node, method, s));
              if (!results.every((r) => r) || this.allowed(node, PROBE_ALL, a.scope).ok) continue;
              push(role.id, 'Microsoft.Authorization/roleDefinitions', { actions: method.requires[0]!, grants: results.flatMap((r) => r!.grants), conditional: results.some((r) => r!.conditional) },
                [{ key: `owner:${normScope(a.scope)}`, label: `every action at ${a.scope} (role ${role.roleName} widened to *)`, node: { ...node, extra: [...node.extra, hypothetical(node.principal, BUILTIN_ROLE_IDS.owner, a.scope)] } }]);
            }
          }
          break;
        case 'identity-resource':
          for (const r of this.resources(method.resourceTypes ?? [])) {
            const ids = identityPrincipals(r.identity);
            if (!ids.length) continue;
            const ok = this.check(node, method, r.id);
            if (ok) push(r.id, r.type, ok, this.identityGains(node, ids));
          }
          break;
        case 'key-vault':
          for (const r of this.resources(['microsoft.keyvault/vaults'])) {
            if (r.properties?.enableRbacAuthorization === true) continue; // RBAC model: vaults/write does not reach the data plane
            const ok = this.check(node, method, r.id);
            if (ok && !this.hasSecretPolicy(r, node.principal)) push(r.id, r.type, ok, [{ key: `vault:${normScope(r.id)}`, label: `every secret, key and certificate in ${r.name}` }]);
          }
          break;
        case 'aks-cluster':
          for (const r of this.resources(['microsoft.containerservice/managedclusters'])) {
            const ok = this.check(node, method, r.id);
            if (!ok) continue;
            const kubelet = (r.properties?.identityProfile as { kubeletidentity?: { objectId?: string } } | undefined)?.kubeletidentity?.objectId;
            push(r.id, r.type, ok, [{ key: `aks:${normScope(r.id)}`, label: `cluster-admin on ${r.name}` }, ...this.identityGains(node, [...identityPrincipals(r.identity), ...(kubelet ? [lowerId(kubelet)] : [])])]);
          }
          break;
        case 'owned-app':
        case 'any-app': {
          const az = this.c.snapshot;
          const mine = (owners: string[]) => method.target === 'any-app' || owners.includes(node.principal);
          const sps = new Set<string>();
          for (const sp of az.servicePrincipals) if (sp.servicePrincipalType?.toLowerCase() !== 'managedidentity' && mine(sp.owners)) sps.add(sp.id);
          for (const app of az.applications) {
            if (!mine(app.owners)) continue;
            const sp = az.servicePrincipals.find((s) => s.appId && s.appId === app.appId);
            if (sp) sps.add(sp.id);
          }
          for (const sp of [...sps].sort()) push(sp, 'Microsoft.Directory/servicePrincipals', none, this.identityGains(node, [sp]));
          break;
        }
        case 'directory':
          if (method.gains === 'global-admin' && !node.directoryRoles.includes(GLOBAL_ADMIN) && !this.principals.directoryRoles(node.principal).includes(GLOBAL_ADMIN)) {
            push('/', 'Microsoft.Directory/roleAssignments', none, [{ key: 'entra:global-admin', label: 'Global Administrator', node: { ...node, directoryRoles: [...node.directoryRoles, GLOBAL_ADMIN] } }]);
          }
          if (method.gains === 'root-uaa' && !this.allowed(node, 'Microsoft.Authorization/roleAssignments/write', '/').ok) {
            push('/', 'Microsoft.Authorization/roleAssignments', none, [{ key: 'uaa:/', label: 'User Access Administrator at the tenant root /', node: { ...node, extra: [...node.extra, hypothetical(node.principal, UAA, '/')] } }]);
          }
          break;
      }
    }
    return out;
  }

  /** The vault's access policies already give the principal secret access. */
  private hasSecretPolicy(vault: AzureResource, principal: string): boolean {
    const policies = Array.isArray(vault.properties?.accessPolicies) ? (vault.properties.accessPolicies as { objectId?: string; permissions?: { secrets?: string[] } }[]) : [];
    return policies.some((p) => lowerId(p.objectId ?? '') === principal && (p.permissions?.secrets ?? []).some((s) => ['get', 'all'].includes(s.toLowerCase())));
  }
}
