/**
 * What Azure remediation steps need from Azure, as an interface: the SDK implementation lives in
 * `src/azure/remediation-gateway.ts` (ARM through `@azure/arm-authorization`, Entra through
 * Microsoft Graph); tests use in-memory fakes and a local HTTPS stub.
 */

/** The writable state of one role assignment (what rollback recreates, with the same name). */
export interface RoleAssignmentState {
  roleDefinitionId: string;
  principalId: string;
  principalType?: string;
  condition?: string;
  conditionVersion?: string;
  description?: string;
}

/** A PIM eligibility request (AdminAssign / AdminRemove). */
export interface EligibilityRequest {
  /** GUID name of the schedule request. */
  name: string;
  scope: string;
  roleDefinitionId: string;
  principalId: string;
  requestType: 'AdminAssign' | 'AdminRemove';
  condition?: string;
  conditionVersion?: string;
  justification: string;
}

export type DirectoryObjectType = 'user' | 'servicePrincipal';

export interface AzureRemediationGateway {
  getRoleAssignment(scope: string, name: string): Promise<RoleAssignmentState | undefined>;
  /** Creates or replaces (same name) a role assignment. */
  putRoleAssignment(scope: string, name: string, state: RoleAssignmentState): Promise<void>;
  /** Deletes it; resolves also when it is already gone. */
  deleteRoleAssignment(scope: string, name: string): Promise<void>;
  requestEligibility(request: EligibilityRequest): Promise<void>;
  getAccountEnabled(type: DirectoryObjectType, id: string): Promise<boolean | undefined>;
  setAccountEnabled(type: DirectoryObjectType, id: string, enabled: boolean): Promise<void>;
}
