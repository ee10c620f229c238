/**
 * ARM-side rows: `az role assignment list`, `az role definition list`, deny assignments and PIM
 * eligibility schedules from the REST API, `az resource list`, `az account list`, and Resource
 * Graph rows of `authorizationresources`, `resources` and `resourcecontainers`. Each row is
 * recognised by its `type` (any case: Resource Graph lowercases it) or, for the CLI's flattened
 * shapes, by the fields only that shape has.
 */
import type { AzurePermission, AzureResourceIdentity, AzureSnapshot } from '../../model/azure/snapshot.js';
import { lastSegment, lowerId, parseScope } from '../../model/azure/scope.js';
import { bool, isObj, str, strs, upsert, type Obj } from './shape.js';

export type ArmKind = 'roleAssignment' | 'eligibility' | 'roleDefinition' | 'denyAssignment' | 'classicAdmin' | 'subscription' | 'managementGroup' | 'resourceGroup' | 'resource';

/** What kind of ARM row `r` is, or undefined when it is not one. */
export function armKind(r: unknown): ArmKind | undefined {
  if (!isObj(r)) return undefined;
  const t = (str(r.type) ?? '').toLowerCase();
  const p = isObj(r.properties) ? r.properties : r;
  if (t === 'microsoft.authorization/roleassignments') return 'roleAssignment';
  if (t.startsWith('microsoft.authorization/roleeligibilityschedule')) return 'eligibility';
  if (t === 'microsoft.authorization/roledefinitions') return 'roleDefinition';
  if (t === 'microsoft.authorization/denyassignments') return 'denyAssignment';
  if (t === 'microsoft.authorization/classicadministrators') return 'classicAdmin';
  if (t === 'microsoft.resources/subscriptions') return 'subscription';
  if (t === 'microsoft.management/managementgroups') return 'managementGroup';
  if (t === 'microsoft.resources/subscriptions/resourcegroups') return 'resourceGroup';
  if (t.startsWith('microsoft.authorization/')) return undefined; // locks, policies: not read
  // `az role assignment list --include-classic-administrators` lists classic admins as
  // pseudo-assignments whose ids read `NA(classic admins)`.
  if (str(r.principalId)?.toLowerCase().startsWith('na(') && str(r.roleDefinitionName) && str(r.principalName)) return 'classicAdmin';
  // `az role assignment list` before CLI 2.x printed no type; recognise the fields.
  if (!t && str(p.roleDefinitionId) && str(p.principalId) && str(p.scope)) return 'roleAssignment';
  if (!t && str(p.roleName) && Array.isArray(p.permissions)) return 'roleDefinition';
  // `az account list`: subscription GUID in `id`, plus tenantId and state.
  if (!t && str(r.id) && str(r.tenantId) && str(r.state) && 'isDefault' in r) return 'subscription';
  const id = str(r.id);
  if (id && t.includes('/') && id.toLowerCase().startsWith('/subscriptions/')) return 'resource';
  return undefined;
}

function permissions(v: unknown): AzurePermission[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObj).map((p) => ({
    actions: strs(p.actions), notActions: strs(p.notActions), dataActions: strs(p.dataActions), notDataActions: strs(p.notDataActions),
    ...(str(p.condition) ? { condition: str(p.condition) } : {}),
  }));
}

function identity(v: unknown): AzureResourceIdentity | undefined {
  if (!isObj(v)) return undefined;
  const ua = isObj(v.userAssignedIdentities) ? v.userAssignedIdentities : {};
  return {
    type: str(v.type) ?? 'None',
    principalId: str(v.principalId),
    tenantId: str(v.tenantId),
    userAssigned: Object.entries(ua).map(([resourceId, x]) => ({ resourceId, principalId: isObj(x) ? str(x.principalId) : undefined, clientId: isObj(x) ? str(x.clientId) : undefined })),
  };
}

/** Reads one row of kind `kind` into `part`; returns a problem message when the row is unusable. */
export function readArmRow(kind: ArmKind, r: Obj, part: AzureSnapshot, origin: { file: string; pointer: string }): string | undefined {
  const p = isObj(r.properties) ? r.properties : r;
  const id = str(r.id) ?? '';
  if (kind === 'roleAssignment' || kind === 'eligibility') {
    const roleDefinitionId = str(p.roleDefinitionId);
    const principalId = str(p.principalId);
    const scope = str(p.scope) ?? (id.toLowerCase().includes('/providers/microsoft.authorization/') ? id.slice(0, id.toLowerCase().indexOf('/providers/microsoft.authorization/')) || '/' : undefined);
    if (!roleDefinitionId || !principalId || !scope) return 'role assignment without roleDefinitionId, principalId or scope';
    const status = str(p.status)?.toLowerCase();
    if (kind === 'eligibility' && status && status !== 'provisioned' && status !== 'accepted') return undefined; // expired or revoked schedules grant nothing
    const tier = kind === 'eligibility' ? 'eligible' : 'active';
    const rec = {
      id: id || `${scope}/providers/Microsoft.Authorization/roleAssignments/${str(r.name) ?? ''}`,
      name: str(r.name) ?? lastSegment(id), scope, roleDefinitionId, roleDefinitionGuid: lastSegment(roleDefinitionId), principalId: lowerId(principalId),
      principalType: str(p.principalType), condition: str(p.condition), conditionVersion: str(p.conditionVersion), description: str(p.description), tier, origin,
    } as const;
    // Eligibility schedules and their instances describe the same grant: keep one per (scope, role, principal).
    if (tier === 'eligible' && part.roleAssignments.some((a) => a.tier === 'eligible' && a.principalId === rec.principalId && a.roleDefinitionGuid === rec.roleDefinitionGuid && a.scope.toLowerCase() === scope.toLowerCase())) return undefined;
    upsert(part, 'roleAssignments', rec);
    return undefined;
  }
  if (kind === 'roleDefinition') {
    const roleName = str(p.roleName);
    if (!roleName) return 'role definition without roleName';
    const roleType = (str(r.roleType) ?? str(p.roleType) ?? (str(p.type) !== str(r.type) ? str(p.type) : undefined)) === 'CustomRole' ? 'CustomRole' : 'BuiltInRole';
    upsert(part, 'roleDefinitions', { id, guid: lastSegment(str(r.name) ?? id), roleName, roleType, permissions: permissions(p.permissions), assignableScopes: strs(p.assignableScopes), origin });
    return undefined;
  }
  if (kind === 'denyAssignment') {
    const scope = str(p.scope);
    if (!scope) return 'deny assignment without scope';
    const principals = (v: unknown) => (Array.isArray(v) ? v.filter(isObj).map((x) => ({ id: lowerId(str(x.id) ?? ''), type: str(x.type) })) : []);
    upsert(part, 'denyAssignments', {
      id, name: str(p.denyAssignmentName) ?? str(r.name) ?? lastSegment(id), scope, permissions: permissions(p.permissions),
      principals: principals(p.principals), excludePrincipals: principals(p.excludePrincipals), doNotApplyToChildScopes: bool(p.doNotApplyToChildScopes) ?? false,
      isSystemProtected: bool(p.isSystemProtected), condition: str(p.condition), origin,
    });
    return undefined;
  }
  if (kind === 'classicAdmin') {
    const subscriptionId = str(r.subscriptionId) ?? parseScope(id).subscriptionId ?? parseScope(str(r.scope) ?? '').subscriptionId;
    if (!subscriptionId) return 'classic administrator without a subscription';
    const email = str(p.emailAddress) ?? str(r.principalName) ?? '';
    const role = str(p.role) ?? str(r.roleDefinitionName) ?? '';
    const key = id && !id.toLowerCase().startsWith('na(') ? id : `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/classicAdministrators/${email}`;
    upsert(part, 'classicAdministrators', { id: key, subscriptionId: subscriptionId.toLowerCase(), emailAddress: email, role, origin });
    return undefined;
  }
  if (kind === 'subscription') {
    const subscriptionId = str(r.subscriptionId) ?? (id.startsWith('/') ? parseScope(id).subscriptionId : id);
    if (!subscriptionId) return 'subscription without an id';
    const chain = Array.isArray(p.managementGroupAncestorsChain) ? p.managementGroupAncestorsChain.filter(isObj).map((m) => str(m.name)?.toLowerCase() ?? '') : undefined;
    const sub = { subscriptionId: subscriptionId.toLowerCase(), displayName: str(r.name) ?? str(r.displayName), tenantId: str(r.tenantId), managementGroupAncestors: chain };
    const at = part.subscriptions.findIndex((s) => s.subscriptionId === sub.subscriptionId);
    if (at < 0) part.subscriptions.push(sub);
    else part.subscriptions[at] = { ...part.subscriptions[at]!, ...Object.fromEntries(Object.entries(sub).filter(([, v]) => v !== undefined)) };
    part.tenantId ??= sub.tenantId?.toLowerCase();
    return undefined;
  }
  if (kind === 'managementGroup') {
    const details = isObj(p.details) ? p.details : {};
    const parent = isObj(details.parent) ? (str(details.parent.name) ?? (str(details.parent.id) ? lastSegment(str(details.parent.id)!) : undefined)) : undefined;
    const name = (str(r.name) ?? lastSegment(id)).toLowerCase();
    const at = part.managementGroups.findIndex((m) => m.name === name);
    const mg = { name, displayName: str(p.displayName) ?? str(r.displayName), parent: parent?.toLowerCase() };
    if (at < 0) part.managementGroups.push(mg);
    else part.managementGroups[at] = { ...part.managementGroups[at]!, ...(mg.parent ? { parent: mg.parent } : {}) };
    return undefined;
  }
  if (kind === 'resourceGroup') return undefined;
  upsert(part, 'resources', {
    id, name: str(r.name) ?? lastSegment(id), type: str(r.type) ?? '', subscriptionId: str(r.subscriptionId) ?? parseScope(id).subscriptionId,
    resourceGroup: str(r.resourceGroup) ?? parseScope(id).resourceGroup, location: str(r.location), kind: str(r.kind), identity: identity(r.identity),
    properties: isObj(r.properties) ? r.properties : undefined, origin,
  });
  return undefined;
}
