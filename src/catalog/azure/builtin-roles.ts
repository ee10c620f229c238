/**
 * A small bundled set of Azure built-in role definitions, used only when an input refers to a
 * built-in role whose definition was not given (e.g. `az role assignment list` without
 * `az role definition list`). Copied from Microsoft Learn, "Azure built-in roles"
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles, CC BY 4.0,
 * © Microsoft); the definitions the input carries always win. Other missing roles stay unknown
 * with a warning, as for AWS-managed policies (docs/decisions.md).
 */
import type { AzureRoleDefinition } from '../../model/azure/snapshot.js';

const DOCS = 'https://learn.microsoft.com/azure/role-based-access-control/built-in-roles';

/** Well-known built-in role GUIDs the analyzers refer to by name. */
export const BUILTIN_ROLE_IDS = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c2a72d9f',
  rbacAdministrator: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
} as const;

function role(guid: string, roleName: string, actions: string[], notActions: string[] = [], dataActions: string[] = [], notDataActions: string[] = []): AzureRoleDefinition {
  return {
    id: `/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
    guid,
    roleName,
    roleType: 'BuiltInRole',
    permissions: [{ actions, notActions, dataActions, notDataActions }],
    assignableScopes: ['/'],
    bundled: true,
  };
}

const SUPPORT = ['Microsoft.Authorization/*/read', 'Microsoft.Resources/deployments/*', 'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Support/*'];

/** Source page of the bundled definitions (cited in snapshot warnings and fixtures). */
export const BUILTIN_ROLES_SOURCE = DOCS;

export const BUILTIN_ROLES: readonly AzureRoleDefinition[] = [
  role(BUILTIN_ROLE_IDS.owner, 'Owner', ['*']),
  role(BUILTIN_ROLE_IDS.contributor, 'Contributor', ['*'], [
    'Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write', 'Microsoft.Authorization/elevateAccess/Action',
    'Microsoft.Blueprint/blueprintAssignments/write', 'Microsoft.Blueprint/blueprintAssignments/delete',
    'Microsoft.Compute/galleries/share/action', 'Microsoft.Purview/consents/write', 'Microsoft.Purview/consents/delete',
  ]),
  role(BUILTIN_ROLE_IDS.reader, 'Reader', ['*/read']),
  role(BUILTIN_ROLE_IDS.userAccessAdministrator, 'User Access Administrator', ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*']),
  role(BUILTIN_ROLE_IDS.rbacAdministrator, 'Role Based Access Control Administrator', [
    'Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleAssignments/delete', '*/read', 'Microsoft.Support/*',
  ]),
  role('9980e02c-c2be-4d73-94e8-173b1dc7cf3c', 'Virtual Machine Contributor', [
    'Microsoft.Authorization/*/read', 'Microsoft.Compute/availabilitySets/*', 'Microsoft.Compute/locations/*', 'Microsoft.Compute/virtualMachines/*',
    'Microsoft.Compute/virtualMachineScaleSets/*', 'Microsoft.Compute/disks/write', 'Microsoft.Compute/disks/read', 'Microsoft.Compute/disks/delete',
    'Microsoft.Network/networkInterfaces/*', 'Microsoft.Network/virtualNetworks/read', 'Microsoft.Network/virtualNetworks/subnets/join/action',
    'Microsoft.Resources/deployments/*', 'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Storage/storageAccounts/listKeys/action',
    'Microsoft.Storage/storageAccounts/read', 'Microsoft.Support/*',
  ]),
  role('f25e0fa2-a7c8-4377-a976-54943a77a395', 'Key Vault Contributor', [...SUPPORT, 'Microsoft.Insights/alertRules/*', 'Microsoft.KeyVault/*'], [
    'Microsoft.KeyVault/locations/deletedVaults/purge/action', 'Microsoft.KeyVault/hsmPools/*', 'Microsoft.KeyVault/managedHsms/*',
  ]),
  role('de139f84-1756-47ae-9be6-808fbbe84772', 'Website Contributor', [
    ...SUPPORT, 'Microsoft.Insights/alertRules/*', 'Microsoft.Insights/components/*', 'Microsoft.Web/certificates/*',
    'Microsoft.Web/listSitesAssignedToHostName/read', 'Microsoft.Web/serverFarms/join/action', 'Microsoft.Web/serverFarms/read', 'Microsoft.Web/sites/*',
  ]),
  role('87a39d53-fc1b-424a-814c-f7e04687dc9e', 'Logic App Contributor', [...SUPPORT, 'Microsoft.Insights/alertRules/*', 'Microsoft.Logic/*', 'Microsoft.Web/connections/*', 'Microsoft.Web/serverFarms/read', 'Microsoft.Web/sites/functions/listSecrets/action']),
  role('f353d9bd-d4a6-484e-a77a-8050b599b867', 'Automation Contributor', [...SUPPORT, 'Microsoft.Automation/automationAccounts/*', 'Microsoft.Insights/alertRules/*']),
  role('0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8', 'Azure Kubernetes Service Cluster Admin Role', [
    'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action', 'Microsoft.ContainerService/managedClusters/accessProfiles/listCredential/action',
    'Microsoft.ContainerService/managedClusters/read', 'Microsoft.ContainerService/managedClusters/runcommand/action',
  ]),
  role('4633458b-17de-408a-b874-0445c86b69e6', 'Key Vault Secrets User', ['Microsoft.Authorization/*/read'], [], ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action']),
  role('ba92f5b4-2d11-453d-a403-e96b0029c9fe', 'Storage Blob Data Contributor', [
    'Microsoft.Storage/storageAccounts/blobServices/containers/delete', 'Microsoft.Storage/storageAccounts/blobServices/containers/read',
    'Microsoft.Storage/storageAccounts/blobServices/containers/write', 'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
  ], [], [
    'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
    'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action',
    'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
  ]),
];

/** The bundled definition with this GUID (lowercase), if Cordon ships one. */
export function bundledRole(guid: string): AzureRoleDefinition | undefined {
  return BUILTIN_ROLES.find((r) => r.guid === guid);
}
