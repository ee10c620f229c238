/**
 * ARM scopes: tenant root `/`, management group, subscription, resource group, resource. ARM ids
 * are case-insensitive, so every comparison goes through `normScope` (lowercase, no trailing `/`).
 */

export type ScopeLevel = 'root' | 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource';

export interface ParsedScope {
  /** Normalised (lowercase) scope text. */
  norm: string;
  level: ScopeLevel;
  managementGroup?: string;
  subscriptionId?: string;
  resourceGroup?: string;
}

/** Lowercase, trailing slashes removed; the tenant root stays `/`. */
export function normScope(scope: string): string {
  let s = scope.trim().toLowerCase();
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  return s === '' ? '/' : s;
}

/** Lowercase id (GUIDs, object ids). */
export function lowerId(id: string): string {
  return id.trim().toLowerCase();
}

/** The last path segment (a role definition's GUID from its ARM id). */
export function lastSegment(id: string): string {
  const s = normScope(id);
  return s.slice(s.lastIndexOf('/') + 1);
}

/** Classifies a scope; unknown shapes are read as resources under their longest known prefix. */
export function parseScope(scope: string): ParsedScope {
  const norm = normScope(scope);
  if (norm === '/') return { norm, level: 'root' };
  const parts = norm.split('/').slice(1);
  if (parts[0] === 'providers' && parts[1] === 'microsoft.management' && parts[2] === 'managementgroups' && parts[3]) {
    return { norm, level: parts.length > 4 ? 'resource' : 'managementGroup', managementGroup: parts[3] };
  }
  if (parts[0] === 'subscriptions' && parts[1]) {
    const subscriptionId = parts[1];
    if (parts.length === 2) return { norm, level: 'subscription', subscriptionId };
    if (parts[2] === 'resourcegroups' && parts[3]) {
      return { norm, level: parts.length === 4 ? 'resourceGroup' : 'resource', subscriptionId, resourceGroup: parts[3] };
    }
    return { norm, level: 'resource', subscriptionId };
  }
  return { norm, level: 'resource' };
}

/** Subscription id of a scope, when it has one. */
export function subscriptionOf(scope: string): string | undefined {
  return parseScope(scope).subscriptionId;
}

/**
 * True when `ancestor` is `scope` itself or above it in the path sense (same subscription
 * prefix, segment boundary respected). Management-group ancestry is decided by the engine, which
 * knows the hierarchy; this only compares paths.
 */
export function pathCovers(ancestor: string, scope: string): boolean {
  const a = normScope(ancestor);
  const s = normScope(scope);
  if (a === '/') return true;
  return s === a || s.startsWith(`${a}/`);
}

/**
 * The ids an Azure part covers, as findings' `accountId` names them: subscription ids,
 * management-group names (findings at management-group scope), and the tenant (directory
 * findings). A scan's scope lists them so an Azure-only scan resolves only these findings.
 */
export function azureScopeIds(az: { tenantId?: string; subscriptions?: { subscriptionId: string }[]; roleAssignments?: { scope: string }[]; resources?: { id: string }[]; classicAdministrators?: { subscriptionId: string }[] } | undefined): string[] {
  if (!az) return [];
  const ids = new Set<string>([az.tenantId?.toLowerCase() ?? 'tenant']);
  for (const s of az.subscriptions ?? []) ids.add(s.subscriptionId.toLowerCase());
  for (const c of az.classicAdministrators ?? []) ids.add(c.subscriptionId.toLowerCase());
  for (const x of [...(az.roleAssignments ?? []).map((a) => a.scope), ...(az.resources ?? []).map((r) => r.id)]) {
    const p = parseScope(x);
    if (p.subscriptionId) ids.add(p.subscriptionId);
    else if (p.managementGroup) ids.add(p.managementGroup);
  }
  return [...ids].sort();
}
