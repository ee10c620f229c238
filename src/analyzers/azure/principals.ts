/**
 * Who is who in an Azure snapshot: display names and kinds of object ids (users, groups, service
 * principals, managed identities), guests and foreign-tenant principals, and each principal's
 * Entra capabilities (directory roles held directly or through role-assignable groups, plus
 * Microsoft Graph application permissions).
 */
import type { AzureSnapshot } from '../../model/azure/snapshot.js';
import { lowerId } from '../../model/azure/scope.js';
import { ENTRA_ROLES, GRAPH_APP_ROLES, entraCapabilities, type CompiledAzure, type EntraCapability } from '../../engine/azure/index.js';

export type PrincipalKind = 'User' | 'Group' | 'ServicePrincipal' | 'ManagedIdentity' | 'Unknown';

export interface PrincipalInfo {
  id: string;
  kind: PrincipalKind;
  name: string;
  guest: boolean;
  /** Service principal of an application owned by another tenant. */
  foreign: boolean;
  lastSignIn?: string;
}

/** Indexes principals of one snapshot. */
export class AzurePrincipals {
  private readonly byId = new Map<string, PrincipalInfo>();

  constructor(private readonly az: AzureSnapshot, private readonly c: CompiledAzure) {
    const tenant = az.tenantId?.toLowerCase();
    for (const u of az.users) {
      const guest = u.userType?.toLowerCase() === 'guest' || (u.userPrincipalName ?? '').toLowerCase().includes('#ext#');
      this.byId.set(u.id, { id: u.id, kind: 'User', name: u.userPrincipalName ?? u.displayName ?? u.id, guest, foreign: false, lastSignIn: u.signIn?.lastSignIn });
    }
    for (const g of az.groups) this.byId.set(lowerId(g.id), { id: lowerId(g.id), kind: 'Group', name: g.displayName ?? g.id, guest: false, foreign: false });
    for (const sp of az.servicePrincipals) {
      const kind = sp.servicePrincipalType?.toLowerCase() === 'managedidentity' ? 'ManagedIdentity' : 'ServicePrincipal';
      const foreign = kind === 'ServicePrincipal' && !!tenant && !!sp.appOwnerOrganizationId && sp.appOwnerOrganizationId !== tenant;
      this.byId.set(sp.id, { id: sp.id, kind, name: sp.displayName ?? sp.appId ?? sp.id, guest: false, foreign, lastSignIn: sp.signIn?.lastSignIn });
    }
    // Managed identities attached to resources are service principals too.
    for (const r of az.resources) {
      for (const pid of identityPrincipals(r.identity)) {
        if (!this.byId.has(pid)) this.byId.set(pid, { id: pid, kind: 'ManagedIdentity', name: `${r.name} (managed identity)`, guest: false, foreign: false });
      }
      const kubelet = (r.properties?.identityProfile as { kubeletidentity?: { objectId?: string } } | undefined)?.kubeletidentity?.objectId;
      if (kubelet && !this.byId.has(lowerId(kubelet))) this.byId.set(lowerId(kubelet), { id: lowerId(kubelet), kind: 'ManagedIdentity', name: `${r.name} kubelet identity`, guest: false, foreign: false });
    }
    // Principals known only from role assignments (no Graph export given).
    for (const a of az.roleAssignments) {
      const id = lowerId(a.principalId);
      if (this.byId.has(id)) continue;
      const t = a.principalType?.toLowerCase();
      const kind: PrincipalKind = t === 'user' ? 'User' : t === 'group' ? 'Group' : t === 'serviceprincipal' ? 'ServicePrincipal' : 'Unknown';
      this.byId.set(id, { id, kind, name: id, guest: t === 'foreigngroup', foreign: false });
    }
  }

  get(id: string): PrincipalInfo {
    const k = lowerId(id);
    return this.byId.get(k) ?? { id: k, kind: 'Unknown', name: k, guest: false, foreign: false };
  }

  all(): PrincipalInfo[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Active tenant-wide directory roles of the principal and its groups (template ids). */
  directoryRoles(id: string, tier: 'active' | 'eligible' = 'active'): string[] {
    const ids = this.c.identities(id);
    return [...new Set(this.az.directoryRoleAssignments.filter((d) => d.tier === tier && d.directoryScopeId === '/' && ids.has(d.principalId)).map((d) => d.roleDefinitionId))].sort();
  }

  /** Entra capabilities from directory roles (plus `extraRoles`) and Graph application permissions. */
  capabilities(id: string, extraRoles: readonly string[] = []): Set<EntraCapability> {
    const out = new Set<EntraCapability>();
    for (const r of [...this.directoryRoles(id), ...extraRoles]) for (const cap of entraCapabilities(r)) out.add(cap);
    for (const a of this.az.appRoleAssignments) {
      if (a.principalId !== lowerId(id)) continue;
      for (const cap of GRAPH_APP_ROLES.find((g) => g.appRoleId === a.appRoleId)?.capabilities ?? []) out.add(cap);
    }
    return out;
  }

  /** Names of privileged directory roles and Graph permissions the principal holds. */
  privilegedGrants(id: string): string[] {
    const roles = this.directoryRoles(id).map((r) => ENTRA_ROLES.find((e) => e.templateId === r)).filter((r) => r?.privileged).map((r) => r!.name);
    const graph = this.az.appRoleAssignments.filter((a) => a.principalId === lowerId(id)).map((a) => GRAPH_APP_ROLES.find((g) => g.appRoleId === a.appRoleId)?.name).filter((x): x is string => !!x);
    return [...roles, ...graph].sort();
  }
}

/** Object ids of a resource's managed identities (system-assigned and user-assigned). */
export function identityPrincipals(identity: AzureSnapshot['resources'][number]['identity']): string[] {
  if (!identity) return [];
  return [identity.principalId, ...identity.userAssigned.map((u) => u.principalId)].filter((x): x is string => !!x).map(lowerId);
}
