/**
 * Azure privilege-escalation methods as data. Each row says what the actor must be allowed
 * (checked by the Azure engine on the resolved target, or by the Entra directory role it holds),
 * what it gains, and where the technique is documented: BloodHound CE's Azure edge names and
 * Microsoft Learn pages. `search.ts` instantiates rows per actor and target and chains them.
 */
import type { Severity } from '../../../model/finding.js';
import type { EntraCapability } from '../../../engine/azure/entra-roles.js';

/**
 * What a method's target ranges over:
 * - `scope`: a scope where the actor (or what it gained) holds an assignment;
 * - `assigned-custom-role`: a custom role assigned to the actor or its groups;
 * - `identity-resource`: a resource of `resourceTypes` that runs as a managed identity;
 * - `key-vault`: a Key Vault using the access-policy permission model;
 * - `aks-cluster`: a managed Kubernetes cluster;
 * - `owned-app`: an application or service principal the actor owns;
 * - `any-app`: any application or service principal (directory-wide role);
 * - `directory`: the tenant itself.
 */
export type AzureTargetKind = 'scope' | 'assigned-custom-role' | 'identity-resource' | 'key-vault' | 'aks-cluster' | 'owned-app' | 'any-app' | 'directory';

/**
 * What the actor ends up with: Owner at the target scope, `*` in a role it holds, the target's
 * managed identity or service principal, the vault's secrets, cluster-admin (and the cluster's
 * identities), Global Administrator, or User Access Administrator at the tenant root `/`.
 */
export type AzureGain = 'owner-at-scope' | 'role-becomes-star' | 'identity' | 'vault-secrets' | 'cluster-admin' | 'global-admin' | 'root-uaa';

export interface AzureEscalationMethod {
  /** Stable id (`azure-NNN`): deprecate, never renumber. */
  id: string;
  title: string;
  severity: Severity;
  target: AzureTargetKind;
  /** ARM types (lowercase) for `identity-resource` targets. */
  resourceTypes?: string[];
  /** Alternatives: the method applies when the engine allows every operation of ONE set on the target. */
  requires: string[][];
  /** For directory-role methods: the Entra capability the actor must hold. */
  capability?: EntraCapability;
  gains: AzureGain;
  rationale: string;
  /** BloodHound CE Azure edge(s) naming the same abuse. */
  bloodhound: string[];
  references: string[];
}

const LEARN = 'https://learn.microsoft.com';
const BH = 'https://bloodhound.specterops.io/resources/edges';

export const AZURE_ESCALATION_METHODS: readonly AzureEscalationMethod[] = [
  {
    id: 'azure-001', title: 'Assign itself Owner (roleAssignments/write without a delegation condition)', severity: 'CRITICAL', target: 'scope',
    requires: [['Microsoft.Authorization/roleAssignments/write']], gains: 'owner-at-scope',
    rationale: 'Owner, User Access Administrator and Role Based Access Control Administrator may create role assignments; unless a delegation condition restricts the roles and principals, the holder can assign Owner to itself.',
    bloodhound: ['AZOwns', 'AZUserAccessAdministrator'],
    references: [`${LEARN}/azure/role-based-access-control/delegate-role-assignments-overview`, `${BH}/az-user-access-administrator`],
  },
  {
    id: 'azure-002', title: 'Widen a custom role it already holds (roleDefinitions/write)', severity: 'CRITICAL', target: 'assigned-custom-role',
    requires: [['Microsoft.Authorization/roleDefinitions/write']], gains: 'role-becomes-star',
    rationale: 'Whoever may update a custom role definition that is assigned to them can add `*` to its Actions and hold everything at the assignment scope.',
    bloodhound: ['AZOwns'],
    references: [`${LEARN}/azure/role-based-access-control/custom-roles`, `${LEARN}/azure/role-based-access-control/role-definitions`],
  },
  {
    id: 'azure-003', title: 'Run commands on a VM that runs as a more privileged managed identity', severity: 'HIGH', target: 'identity-resource',
    resourceTypes: ['microsoft.compute/virtualmachines', 'microsoft.compute/virtualmachinescalesets'],
    requires: [['Microsoft.Compute/virtualMachines/runCommand/action'], ['Microsoft.Compute/virtualMachines/runCommands/write']], gains: 'identity',
    rationale: 'Run Command executes scripts as SYSTEM/root; the script can request tokens for the VM\'s managed identities from the instance metadata endpoint.',
    bloodhound: ['AZExecuteCommand', 'AZVMContributor'],
    references: [`${LEARN}/azure/virtual-machines/run-command-overview`, `${BH}/az-execute-command`],
  },
  {
    id: 'azure-004', title: 'Install a VM extension on a VM that runs as a more privileged managed identity', severity: 'HIGH', target: 'identity-resource',
    resourceTypes: ['microsoft.compute/virtualmachines', 'microsoft.compute/virtualmachinescalesets'],
    requires: [['Microsoft.Compute/virtualMachines/extensions/write']], gains: 'identity',
    rationale: 'The Custom Script extension runs code on the VM, which can take tokens of its managed identities.',
    bloodhound: ['AZVMContributor'],
    references: [`${LEARN}/azure/virtual-machines/extensions/custom-script-windows`, `${BH}/az-vm-contributor`],
  },
  {
    id: 'azure-005', title: 'Publish and start an Automation runbook that runs as a more privileged identity', severity: 'HIGH', target: 'identity-resource',
    resourceTypes: ['microsoft.automation/automationaccounts'],
    requires: [['Microsoft.Automation/automationAccounts/runbooks/write', 'Microsoft.Automation/automationAccounts/jobs/write']], gains: 'identity',
    rationale: 'A runbook runs as the Automation account\'s managed identity; writing and starting one hands that identity to the author.',
    bloodhound: ['AZAutomationContributor'],
    references: [`${LEARN}/azure/automation/enable-managed-identity-for-automation`, `${BH}/az-automation-contributor`],
  },
  {
    id: 'azure-006', title: 'Change a Web or Function App that runs as a more privileged identity', severity: 'HIGH', target: 'identity-resource',
    resourceTypes: ['microsoft.web/sites'],
    requires: [['Microsoft.Web/sites/write'], ['Microsoft.Web/sites/publishxml/action'], ['Microsoft.Web/sites/config/write']], gains: 'identity',
    rationale: 'Deploying code or changing the startup command, container image or settings of an App Service app runs attacker code with the app\'s managed identity.',
    bloodhound: ['AZWebsiteContributor'],
    references: [`${LEARN}/azure/app-service/overview-managed-identity`, `${BH}/az-website-contributor`],
  },
  {
    id: 'azure-007', title: 'Change a Logic App workflow that runs as a more privileged identity', severity: 'HIGH', target: 'identity-resource',
    resourceTypes: ['microsoft.logic/workflows'],
    requires: [['Microsoft.Logic/workflows/write']], gains: 'identity',
    rationale: 'A workflow action can call Azure Resource Manager or any API authenticated with the Logic App\'s managed identity.',
    bloodhound: ['AZLogicAppContributor'],
    references: [`${LEARN}/azure/logic-apps/authenticate-with-managed-identity`, `${BH}/az-logic-app-contributor`],
  },
  {
    id: 'azure-008', title: 'Grant itself secret access on a Key Vault using access policies (vaults/write)', severity: 'HIGH', target: 'key-vault',
    requires: [['Microsoft.KeyVault/vaults/write'], ['Microsoft.KeyVault/vaults/accessPolicies/write']], gains: 'vault-secrets',
    rationale: 'Under the access-policy permission model the data plane is governed by access policies, which anyone with vaults/write may edit: Key Vault Contributor can read every secret, key and certificate.',
    bloodhound: ['AZKeyVaultContributor'],
    references: [`${LEARN}/azure/key-vault/general/rbac-access-policy`, `${LEARN}/azure/key-vault/general/security-features#privileged-access`],
  },
  {
    id: 'azure-009', title: 'Fetch AKS cluster-admin credentials', severity: 'HIGH', target: 'aks-cluster',
    requires: [['Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action']], gains: 'cluster-admin',
    rationale: 'The cluster-admin kubeconfig bypasses Kubernetes RBAC and Entra integration; pods on the nodes can use the kubelet identity.',
    bloodhound: ['AZAKSContributor'],
    references: [`${LEARN}/azure/aks/control-kubeconfig-access`, `${BH}/az-aks-contributor`],
  },
  {
    id: 'azure-010', title: 'Add a credential to an application or service principal it owns', severity: 'HIGH', target: 'owned-app',
    requires: [], gains: 'identity',
    rationale: 'Owners of an application or service principal may add client secrets and certificates, then sign in as it and use its roles.',
    bloodhound: ['AZAddSecret', 'AZOwns'],
    references: [`${LEARN}/entra/identity-platform/howto-create-service-principal-portal`, `${BH}/az-add-secret`],
  },
  {
    id: 'azure-011', title: 'Add a credential to any application (Application / Cloud Application Administrator)', severity: 'CRITICAL', target: 'any-app',
    requires: [], capability: 'add-app-credentials', gains: 'identity',
    rationale: 'Application Administrator and Cloud Application Administrator manage credentials of every application and service principal, so they can act as the most privileged one.',
    bloodhound: ['AZAppAdmin', 'AZCloudAppAdmin'],
    references: [`${LEARN}/entra/identity/role-based-access-control/permissions-reference#application-administrator`, `${BH}/az-app-admin`],
  },
  {
    id: 'azure-012', title: 'Assign itself Global Administrator (Privileged Role Administrator)', severity: 'CRITICAL', target: 'directory',
    requires: [], capability: 'assign-directory-roles', gains: 'global-admin',
    rationale: 'Privileged Role Administrator manages every directory role assignment, including Global Administrator.',
    bloodhound: ['AZPrivilegedRoleAdmin'],
    references: [`${LEARN}/entra/identity/role-based-access-control/permissions-reference#privileged-role-administrator`, `${BH}/az-privileged-role-admin`],
  },
  {
    id: 'azure-013', title: 'Elevate to User Access Administrator at the tenant root (Global Administrator)', severity: 'CRITICAL', target: 'directory',
    requires: [], capability: 'elevate-access', gains: 'root-uaa',
    rationale: 'A Global Administrator may call elevateAccess and become User Access Administrator at `/`, above every management group and subscription.',
    bloodhound: ['AZGlobalAdmin'],
    references: [`${LEARN}/azure/role-based-access-control/elevate-access-global-admin`, `${BH}/az-global-admin`],
  },
];
