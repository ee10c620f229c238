/**
 * Azure's part of a `Snapshot`: Azure RBAC (role definitions, role assignments active and
 * PIM-eligible, deny assignments, classic administrators), the resources that carry managed
 * identities, and Entra ID (users, groups with transitive members, service principals,
 * applications, directory role assignments). File readers (`collect/azure/`) and the live
 * collector produce it; the Azure engine and analyzers read it. Ids are kept as Azure prints them;
 * comparisons go through `normScope`/`lowerId` because ARM ids are case-insensitive.
 */

/** Where a record came from: a file and the JSON pointer of the element inside it. */
export interface AzureOrigin {
  file: string;
  pointer: string;
}

/** One `permissions` block of a role definition (Actions − NotActions, DataActions − NotDataActions). */
export interface AzurePermission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
  /** Role-definition level condition (rare; kept so it is not silently ignored). */
  condition?: string;
}

export interface AzureRoleDefinition {
  /** Full ARM id as given (`/subscriptions/…/providers/Microsoft.Authorization/roleDefinitions/GUID` or `/providers/…`). */
  id: string;
  /** The role's GUID (lowercase): assignments refer to definitions by it. */
  guid: string;
  roleName: string;
  roleType: 'BuiltInRole' | 'CustomRole';
  permissions: AzurePermission[];
  assignableScopes: string[];
  /** True when the definition came from Cordon's bundled copy of Microsoft's documentation. */
  bundled?: boolean;
  origin?: AzureOrigin;
}

/** Active (standing) or PIM-eligible ("could activate") assignment. */
export type AzureAssignmentTier = 'active' | 'eligible';

export interface AzureRoleAssignment {
  /** ARM id of the assignment (for eligible: of the eligibility schedule). */
  id: string;
  /** The assignment's GUID name (rollback recreates with the same one). */
  name: string;
  scope: string;
  /** Role definition GUID (lowercase). */
  roleDefinitionGuid: string;
  /** Role definition id as written in the input. */
  roleDefinitionId: string;
  principalId: string;
  principalType?: string;
  /** ABAC condition text, when the assignment has one. */
  condition?: string;
  conditionVersion?: string;
  description?: string;
  tier: AzureAssignmentTier;
  origin?: AzureOrigin;
}

/** A principal a deny assignment names; the all-zero id with type `Everyone` means everybody. */
export interface AzureDenyPrincipal {
  id: string;
  type?: string;
}

export interface AzureDenyAssignment {
  id: string;
  name: string;
  scope: string;
  permissions: AzurePermission[];
  principals: AzureDenyPrincipal[];
  excludePrincipals: AzureDenyPrincipal[];
  doNotApplyToChildScopes: boolean;
  isSystemProtected?: boolean;
  /** ABAC condition limiting when the deny applies. */
  condition?: string;
  origin?: AzureOrigin;
}

/** Managed identities attached to a resource (`identity` block of ARM). */
export interface AzureResourceIdentity {
  type: string;
  /** System-assigned identity's service principal object id. */
  principalId?: string;
  tenantId?: string;
  /** User-assigned identities: resource id → principal (object) id. */
  userAssigned: { resourceId: string; principalId?: string; clientId?: string }[];
}

export interface AzureResource {
  id: string;
  name: string;
  /** ARM type, e.g. `Microsoft.Compute/virtualMachines` (case as given). */
  type: string;
  subscriptionId?: string;
  resourceGroup?: string;
  location?: string;
  kind?: string;
  identity?: AzureResourceIdentity;
  /** Facts the analyzers need from `properties` (Key Vault permission model, AKS identities, ...). */
  properties?: Record<string, unknown>;
  origin?: AzureOrigin;
}

export interface AzureSubscription {
  subscriptionId: string;
  displayName?: string;
  tenantId?: string;
  /** Management groups above it, nearest first (from Resource Graph `resourcecontainers`). */
  managementGroupAncestors?: string[];
}

export interface AzureManagementGroup {
  /** Name (the id's last segment). */
  name: string;
  displayName?: string;
  /** Parent management group name; undefined for the tenant root group. */
  parent?: string;
}

export interface AzureClassicAdministrator {
  id: string;
  subscriptionId: string;
  emailAddress: string;
  /** `ServiceAdministrator;AccountAdministrator`, `CoAdministrator`, ... */
  role: string;
  origin?: AzureOrigin;
}

/** Sign-in activity as Graph's `signInActivity` (users) or the service-principal sign-in report gives it. */
export interface AzureSignIn {
  lastSignIn?: string;
}

export interface AzureUser {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  /** `Member` or `Guest`. */
  userType?: string;
  accountEnabled?: boolean;
  externalUserState?: string;
  creationType?: string;
  signIn?: AzureSignIn;
  origin?: AzureOrigin;
}

export interface AzureGroup {
  id: string;
  displayName?: string;
  /** Direct members' object ids (users, groups, service principals). */
  members: string[];
  /** True when the input listed transitive members (nested groups already flattened). */
  membersTransitive?: boolean;
  isAssignableToRole?: boolean;
  origin?: AzureOrigin;
}

export interface AzureCredentialInfo {
  keyId?: string;
  displayName?: string;
  endDateTime?: string;
  kind: 'password' | 'key' | 'federated';
}

export interface AzureServicePrincipal {
  id: string;
  appId?: string;
  displayName?: string;
  /** Tenant that owns the application; differs from the snapshot's tenant for foreign apps. */
  appOwnerOrganizationId?: string;
  /** `Application`, `ManagedIdentity`, `Legacy`, ... */
  servicePrincipalType?: string;
  accountEnabled?: boolean;
  owners: string[];
  credentials: AzureCredentialInfo[];
  signIn?: AzureSignIn;
  origin?: AzureOrigin;
}

export interface AzureApplication {
  id: string;
  appId?: string;
  displayName?: string;
  /** `AzureADMyOrg`, `AzureADMultipleOrgs`, `AzureADandPersonalMicrosoftAccount`, ... */
  signInAudience?: string;
  owners: string[];
  credentials: AzureCredentialInfo[];
  origin?: AzureOrigin;
}

/** An Entra directory role held by a principal (active or PIM-eligible). */
export interface AzureDirectoryRoleAssignment {
  id: string;
  principalId: string;
  /** Role definition id = the built-in role's template id (lowercase). */
  roleDefinitionId: string;
  roleName?: string;
  /** `/` for the tenant, `/<objectId>` for one application, `/administrativeUnits/<id>`. */
  directoryScopeId: string;
  tier: AzureAssignmentTier;
  origin?: AzureOrigin;
}

/** A Microsoft Graph application permission (app role) granted to a service principal. */
export interface AzureAppRoleAssignment {
  id: string;
  principalId: string;
  /** Service principal of the API (e.g. Microsoft Graph's). */
  resourceId: string;
  resourceDisplayName?: string;
  appRoleId: string;
  origin?: AzureOrigin;
}

/** Azure's part of a `Snapshot`. */
export interface AzureSnapshot {
  /** Files or `live:` sources this part was read from. */
  sources: string[];
  /** The home tenant, when an input states it. */
  tenantId?: string;
  subscriptions: AzureSubscription[];
  managementGroups: AzureManagementGroup[];
  roleDefinitions: AzureRoleDefinition[];
  roleAssignments: AzureRoleAssignment[];
  denyAssignments: AzureDenyAssignment[];
  classicAdministrators: AzureClassicAdministrator[];
  resources: AzureResource[];
  users: AzureUser[];
  groups: AzureGroup[];
  servicePrincipals: AzureServicePrincipal[];
  applications: AzureApplication[];
  directoryRoleAssignments: AzureDirectoryRoleAssignment[];
  appRoleAssignments: AzureAppRoleAssignment[];
  /** Non-fatal problems met while reading Azure inputs. */
  warnings?: { code: string; message: string; file?: string; pointer?: string }[];
}

/** An empty Azure part (the start of every merge). */
export function emptyAzureSnapshot(): AzureSnapshot {
  return {
    sources: [], subscriptions: [], managementGroups: [], roleDefinitions: [], roleAssignments: [], denyAssignments: [],
    classicAdministrators: [], resources: [], users: [], groups: [], servicePrincipals: [], applications: [],
    directoryRoleAssignments: [], appRoleAssignments: [],
  };
}
