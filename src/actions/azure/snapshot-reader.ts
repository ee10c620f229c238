/**
 * A read-only `AzureRemediationGateway` over the exports (the state the scan saw), so a dry-run
 * renders the rollback commands with the assignment's role, principal and condition without
 * calling Azure. Writes refuse: nothing is applied through it.
 */
import type { AzureSnapshot } from '../../model/azure/snapshot.js';
import { lowerId, normScope } from '../../model/azure/scope.js';
import type { AzureRemediationGateway } from './gateway.js';

export function snapshotReader(az: AzureSnapshot): AzureRemediationGateway {
  const refuse = async (): Promise<never> => {
    throw new Error('the exports are read-only: apply goes through the Azure SDK');
  };
  return {
    async getRoleAssignment(scope, name) {
      const a = az.roleAssignments.find((x) => x.tier === 'active' && x.name === name && normScope(x.scope) === normScope(scope));
      if (!a) return undefined;
      return JSON.parse(JSON.stringify({ roleDefinitionId: a.roleDefinitionId, principalId: a.principalId, principalType: a.principalType, condition: a.condition, conditionVersion: a.conditionVersion, description: a.description })) as Awaited<ReturnType<AzureRemediationGateway['getRoleAssignment']>>;
    },
    async getAccountEnabled(type, id) {
      const list = type === 'user' ? az.users : az.servicePrincipals;
      return list.find((x) => x.id === lowerId(id))?.accountEnabled;
    },
    putRoleAssignment: refuse,
    deleteRoleAssignment: refuse,
    requestEligibility: refuse,
    setAccountEnabled: refuse,
  };
}
