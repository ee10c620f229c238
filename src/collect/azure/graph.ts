/**
 * Microsoft Graph responses (`{"@odata.context": ..., "value": [...]}`): users (with
 * `signInActivity`), groups (with expanded `members`/`transitiveMembers`), a group's
 * `transitiveMembers`, service principals and applications (with expanded `owners`, credentials),
 * their `owners` lists, app role assignments, directory role assignments and PIM eligibility
 * (`roleManagement/directory/...`), legacy `directoryRoles` with members, and `organization`.
 * The entity set comes from `@odata.context`; rows without it are told apart by `@odata.type`.
 */
import type { AzureCredentialInfo, AzureSnapshot } from '../../model/azure/snapshot.js';
import { lowerId } from '../../model/azure/scope.js';
import { bool, idAfter, isObj, str, upsert, type Obj } from './shape.js';

export type GraphKind = 'users' | 'groups' | 'groupMembers' | 'servicePrincipals' | 'applications' | 'owners' | 'appRoleAssignments'
  | 'directoryRoleAssignments' | 'directoryRoleEligibility' | 'directoryRoles' | 'organization' | 'directoryObjects';

const ROW_TYPES: Record<string, GraphKind> = {
  '#microsoft.graph.user': 'users', '#microsoft.graph.group': 'groups', '#microsoft.graph.serviceprincipal': 'servicePrincipals',
  '#microsoft.graph.application': 'applications', '#microsoft.graph.approleassignment': 'appRoleAssignments',
  '#microsoft.graph.unifiedroleassignment': 'directoryRoleAssignments', '#microsoft.graph.unifiedroleeligibilityschedule': 'directoryRoleEligibility',
  '#microsoft.graph.unifiedroleeligibilityscheduleinstance': 'directoryRoleEligibility', '#microsoft.graph.directoryrole': 'directoryRoles',
};

/** The entity set a Graph response holds, from its context (lowercase) or its first row. */
export function graphKind(context: string | undefined, rows: readonly unknown[]): GraphKind | undefined {
  if (context !== undefined) {
    const set = context.slice(context.indexOf('#') + 1);
    if (set.includes('/transitivemembers') || set.includes('/members')) return set.startsWith('groups') ? 'groupMembers' : 'directoryObjects';
    if (set.includes('/owners')) return 'owners';
    if (set.includes('approleassignments') || set.includes('approleassignedto')) return 'appRoleAssignments';
    if (set.startsWith('rolemanagement/directory/roleassignment')) return 'directoryRoleAssignments';
    if (set.startsWith('rolemanagement/directory/roleeligibility')) return 'directoryRoleEligibility';
    for (const [prefix, kind] of [['users', 'users'], ['groups', 'groups'], ['serviceprincipals', 'servicePrincipals'], ['applications', 'applications'], ['directoryroles', 'directoryRoles'], ['organization', 'organization'], ['directoryobjects', 'directoryObjects']] as const) {
      if (set.startsWith(prefix)) return kind;
    }
  }
  const first = rows.find(isObj);
  const t = first ? str(first['@odata.type'])?.toLowerCase() : undefined;
  if (t) return ROW_TYPES[t];
  // `az ad user|sp|app|group list -o json` print Graph objects without any @odata annotation.
  if (!first || !str(first.id) || str(first.type) || str(first.roleDefinitionId)) return undefined;
  if (str(first.servicePrincipalType) || (str(first.appId) && 'appOwnerOrganizationId' in first)) return 'servicePrincipals';
  if (str(first.appId) && 'signInAudience' in first) return 'applications';
  if (str(first.userPrincipalName)) return 'users';
  if ('securityEnabled' in first && 'mailEnabled' in first) return 'groups';
  return undefined;
}

function ids(v: unknown): string[] {
  return Array.isArray(v) ? v.filter(isObj).map((x) => str(x.id)).filter((x): x is string => !!x).map(lowerId) : [];
}

function credentials(r: Obj): AzureCredentialInfo[] {
  const list = (v: unknown, kind: AzureCredentialInfo['kind']) => (Array.isArray(v) ? v.filter(isObj).map((c) => ({ kind, keyId: str(c.keyId), displayName: str(c.displayName), endDateTime: str(c.endDateTime) })) : []);
  return [...list(r.passwordCredentials, 'password'), ...list(r.keyCredentials, 'key'), ...list(r.federatedIdentityCredentials, 'federated')];
}

function lastSignIn(r: Obj): string | undefined {
  const a = isObj(r.signInActivity) ? r.signInActivity : undefined;
  if (!a) return undefined;
  const times = [a.lastSignInDateTime, a.lastNonInteractiveSignInDateTime, a.lastSuccessfulSignInDateTime, isObj(a.lastSignInActivity) ? a.lastSignInActivity.lastSignInDateTime : undefined]
    .map(str).filter((x): x is string => !!x).sort();
  return times[times.length - 1];
}

/** Reads one Graph row of `kind` into `part`; `context` names the parent object for owners/members. */
export function readGraphRow(kind: GraphKind, r: Obj, part: AzureSnapshot, origin: { file: string; pointer: string }, context: string): string | undefined {
  const id = str(r.id);
  if (kind === 'organization') {
    if (id) part.tenantId ??= lowerId(id);
    return undefined;
  }
  if (kind === 'groupMembers' || kind === 'owners') {
    const parent = idAfter(context, 'groups') ?? idAfter(context, 'serviceprincipals') ?? idAfter(context, 'applications');
    if (!parent || !id) return `\`@odata.context\` does not name the ${kind === 'owners' ? 'owned object' : 'group'}`;
    if (kind === 'groupMembers') upsert(part, 'groups', { id: parent, members: [lowerId(id)], membersTransitive: context.includes('transitivemembers') || undefined });
    else if (context.includes('serviceprincipals')) upsert(part, 'servicePrincipals', { id: parent, owners: [lowerId(id)], credentials: [] });
    else upsert(part, 'applications', { id: parent, owners: [lowerId(id)], credentials: [] });
    return undefined;
  }
  if (kind === 'directoryObjects') return 'a directoryObjects list does not say which group it belongs to: export `/groups/{id}/transitiveMembers` with its context, or groups with `$expand=members`';
  if (kind === 'appRoleAssignments') {
    const principalId = str(r.principalId);
    const resourceId = str(r.resourceId);
    const appRoleId = str(r.appRoleId);
    if (!id || !principalId || !resourceId || !appRoleId) return 'app role assignment without id, principalId, resourceId or appRoleId';
    upsert(part, 'appRoleAssignments', { id, principalId: lowerId(principalId), resourceId: lowerId(resourceId), resourceDisplayName: str(r.resourceDisplayName), appRoleId: lowerId(appRoleId), origin });
    return undefined;
  }
  if (kind === 'directoryRoleAssignments' || kind === 'directoryRoleEligibility') {
    const principalId = str(r.principalId);
    const roleDefinitionId = str(r.roleDefinitionId);
    if (!id || !principalId || !roleDefinitionId) return 'directory role assignment without id, principalId or roleDefinitionId';
    const def = isObj(r.roleDefinition) ? r.roleDefinition : undefined;
    upsert(part, 'directoryRoleAssignments', {
      id, principalId: lowerId(principalId), roleDefinitionId: lowerId(def ? (str(def.templateId) ?? roleDefinitionId) : roleDefinitionId), roleName: def ? str(def.displayName) : undefined,
      directoryScopeId: str(r.directoryScopeId) ?? '/', tier: kind === 'directoryRoleEligibility' ? 'eligible' : 'active', origin,
    });
    return undefined;
  }
  if (kind === 'directoryRoles') {
    const template = str(r.roleTemplateId);
    if (!id || !template) return 'directory role without id or roleTemplateId';
    for (const m of ids(r.members)) upsert(part, 'directoryRoleAssignments', { id: `${lowerId(id)}/${m}`, principalId: m, roleDefinitionId: lowerId(template), roleName: str(r.displayName), directoryScopeId: '/', tier: 'active', origin });
    return undefined;
  }
  if (!id) return `${kind} entry without an id`;
  if (kind === 'users') {
    const signIn = lastSignIn(r);
    upsert(part, 'users', {
      id: lowerId(id), displayName: str(r.displayName), userPrincipalName: str(r.userPrincipalName), userType: str(r.userType), accountEnabled: bool(r.accountEnabled),
      externalUserState: str(r.externalUserState), creationType: str(r.creationType), signIn: signIn ? { lastSignIn: signIn } : undefined, origin,
    });
  } else if (kind === 'groups') {
    const transitive = ids(r.transitiveMembers);
    upsert(part, 'groups', {
      id: lowerId(id), displayName: str(r.displayName), members: transitive.length ? transitive : ids(r.members), membersTransitive: transitive.length ? true : undefined,
      isAssignableToRole: bool(r.isAssignableToRole), origin,
    });
  } else if (kind === 'servicePrincipals') {
    const signIn = lastSignIn(r);
    upsert(part, 'servicePrincipals', {
      id: lowerId(id), appId: str(r.appId)?.toLowerCase(), displayName: str(r.displayName), appOwnerOrganizationId: str(r.appOwnerOrganizationId)?.toLowerCase(),
      servicePrincipalType: str(r.servicePrincipalType), accountEnabled: bool(r.accountEnabled), owners: ids(r.owners), credentials: credentials(r),
      signIn: signIn ? { lastSignIn: signIn } : undefined, origin,
    });
  } else if (kind === 'applications') {
    upsert(part, 'applications', { id: lowerId(id), appId: str(r.appId)?.toLowerCase(), displayName: str(r.displayName), signInAudience: str(r.signInAudience), owners: ids(r.owners), credentials: credentials(r), origin });
  }
  return undefined;
}
