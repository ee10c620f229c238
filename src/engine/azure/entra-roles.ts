/**
 * Entra ID built-in directory roles that matter for privilege escalation, keyed by template id
 * (which is also the `roleDefinitionId` Graph returns for built-in roles). Ids and capabilities
 * from Microsoft Learn, "Microsoft Entra built-in roles"
 * (https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference)
 * and BloodHound CE's Azure edges (AZGlobalAdmin, AZPrivilegedRoleAdmin, AZAppAdmin,
 * AZCloudAppAdmin, AZPrivilegedAuthAdmin, AZResetPassword, AZAddMembers).
 */

/** What a directory role lets its holder do that the escalation analysis follows. */
export type EntraCapability =
  /** Grant itself any directory role (including Global Administrator). */
  | 'assign-directory-roles'
  /** Elevate to User Access Administrator at `/` (Microsoft.Authorization/elevateAccess/Action). */
  | 'elevate-access'
  /** Add secrets or certificates to any application or service principal. */
  | 'add-app-credentials'
  /** Reset passwords of users, including administrators. */
  | 'reset-any-password'
  /** Grant Microsoft Graph application permissions (app role assignments). */
  | 'grant-app-roles';

export interface EntraRoleInfo {
  templateId: string;
  name: string;
  /** Microsoft marks it "privileged". */
  privileged: boolean;
  capabilities: EntraCapability[];
}

export const ENTRA_ROLES: readonly EntraRoleInfo[] = [
  { templateId: '62e90394-69f5-4237-9190-012177145e10', name: 'Global Administrator', privileged: true, capabilities: ['assign-directory-roles', 'elevate-access', 'add-app-credentials', 'reset-any-password', 'grant-app-roles'] },
  { templateId: 'e8611ab8-c189-46e8-94e1-60213ab1f814', name: 'Privileged Role Administrator', privileged: true, capabilities: ['assign-directory-roles', 'grant-app-roles'] },
  { templateId: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', name: 'Privileged Authentication Administrator', privileged: true, capabilities: ['reset-any-password'] },
  { templateId: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', name: 'Application Administrator', privileged: true, capabilities: ['add-app-credentials'] },
  { templateId: '158c047a-c907-4556-b7ef-446551a6b5f7', name: 'Cloud Application Administrator', privileged: true, capabilities: ['add-app-credentials'] },
  { templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', name: 'User Administrator', privileged: true, capabilities: [] },
  { templateId: 'c4e39bd9-1100-46d3-8c65-fb160da0071f', name: 'Authentication Administrator', privileged: true, capabilities: [] },
  { templateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8', name: 'Helpdesk Administrator', privileged: true, capabilities: [] },
  { templateId: 'fdd7a751-b60b-444a-984c-02652fe8fa1c', name: 'Groups Administrator', privileged: false, capabilities: [] },
  { templateId: '194ae4cb-b126-40b2-bd5b-6091b380977d', name: 'Security Administrator', privileged: true, capabilities: [] },
  { templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5', name: 'Intune Administrator', privileged: true, capabilities: [] },
];

/** Global Administrator's template id (the "tenant admin" goal of the escalation search). */
export const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

/** Name of a directory role template, or its id when Cordon does not know it. */
export function entraRoleName(templateId: string): string {
  return ENTRA_ROLES.find((r) => r.templateId === templateId.toLowerCase())?.name ?? templateId;
}

/** The capabilities of a directory role template (empty for roles Cordon does not follow). */
export function entraCapabilities(templateId: string): readonly EntraCapability[] {
  return ENTRA_ROLES.find((r) => r.templateId === templateId.toLowerCase())?.capabilities ?? [];
}

/**
 * Microsoft Graph application permissions (app roles of the Microsoft Graph service principal)
 * that amount to directory roles. Ids from Microsoft Learn, "Microsoft Graph permissions
 * reference" (https://learn.microsoft.com/graph/permissions-reference); BloodHound CE calls the
 * abuse AZMGGrantRole / AZMGGrantAppRoles / AZMGAddSecret.
 */
export const GRAPH_APP_ROLES: readonly { appRoleId: string; name: string; capabilities: EntraCapability[] }[] = [
  { appRoleId: '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8', name: 'RoleManagement.ReadWrite.Directory', capabilities: ['assign-directory-roles'] },
  { appRoleId: '06b708a9-e830-4db3-a914-8e69da51d44f', name: 'AppRoleAssignment.ReadWrite.All', capabilities: ['grant-app-roles'] },
  { appRoleId: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9', name: 'Application.ReadWrite.All', capabilities: ['add-app-credentials'] },
  { appRoleId: '19dbc75e-c2e2-444c-a770-ec69d8559fc7', name: 'Directory.ReadWrite.All', capabilities: [] },
];
