/**
 * Azure remediation plans: a finding (and the Azure part it came from) → step declarations, pure.
 * Strategies: `remove` the role assignment that enables the finding (default); `eligible`: make it
 * PIM-eligible, then remove the standing one; `condition`: add Microsoft's documented delegation
 * condition that forbids assigning Owner, User Access Administrator and RBAC Administrator
 * (https://learn.microsoft.com/azure/role-based-access-control/delegate-role-assignments-examples);
 * `disable`: disable the principal in Entra ID. Each plan says what undo cannot restore.
 */
import { createHash } from 'node:crypto';
import { BUILTIN_ROLE_IDS } from '../../catalog/azure/builtin-roles.js';
import type { AzureSnapshot } from '../../model/azure/snapshot.js';
import { lowerId, normScope } from '../../model/azure/scope.js';
import { UsageError } from '../../model/errors.js';
import type { FindingDraft } from '../../model/finding.js';
import type { AzureStep } from './steps.js';

export type AzureStrategy = 'remove' | 'eligible' | 'condition' | 'disable';
export const AZURE_STRATEGIES: readonly AzureStrategy[] = ['remove', 'eligible', 'condition', 'disable'];

export interface AzurePlan {
  findingId: string;
  strategy: AzureStrategy;
  summary: string;
  steps: AzureStep[];
  /** What a rollback cannot give back, in words. */
  irreversible: string[];
}

const PRIVILEGED = [BUILTIN_ROLE_IDS.owner, BUILTIN_ROLE_IDS.userAccessAdministrator, BUILTIN_ROLE_IDS.rbacAdministrator];

/** Microsoft's "constrain roles" delegation condition, excluding the roles that grant roles. */
export const NO_PRIVILEGED_DELEGATION = `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAllValues:GuidNotEquals {${PRIVILEGED.join(', ')}})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAllValues:GuidNotEquals {${PRIVILEGED.join(', ')}}))`;

/** A GUID derived from the finding id (stable: a re-planned remediation names the same requests). */
function guidFor(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Plans the remediation of an Azure finding. Throws `UsageError` when the strategy does not fit it. */
export function planAzureRemediation(finding: FindingDraft, az: AzureSnapshot, strategy: AzureStrategy = 'remove'): AzurePlan {
  if (strategy === 'disable') {
    const id = typeof finding.principal === 'string' ? lowerId(finding.principal) : undefined;
    const objectType = id && az.users.some((u) => u.id === id) ? 'user' : id && az.servicePrincipals.some((s) => s.id === id) ? 'servicePrincipal' : undefined;
    if (!id || !objectType) throw new UsageError(`finding ${finding.id}: its principal is not a user or service principal in the Azure inputs; --strategy disable does not apply`);
    return {
      findingId: finding.id, strategy, summary: `disable ${objectType} ${id} in Entra ID`, steps: [{ kind: 'disable-principal', objectType, id }],
      irreversible: ['refresh tokens revoked by the disable are not restored: the principal signs in again after rollback', 'access tokens issued before the disable stay valid until they expire (up to about an hour)'],
    };
  }
  if (finding.resourceType !== 'Microsoft.Authorization/roleAssignments') {
    throw new UsageError(`finding ${finding.id} is enabled by a ${finding.resourceType}, not a role assignment: use --strategy disable`);
  }
  const a = az.roleAssignments.find((x) => lowerId(x.id) === lowerId(finding.resource));
  if (!a) throw new UsageError(`role assignment \`${finding.resource}\` of finding ${finding.id} is not in the Azure inputs`);
  const scope = a.scope;
  if (a.tier === 'eligible') throw new UsageError(`finding ${finding.id} is about a PIM eligibility schedule; remove it in PIM (AdminRemove)`);
  const del: AzureStep = { kind: 'delete-role-assignment', scope, name: a.name };
  if (strategy === 'remove') {
    return { findingId: finding.id, strategy, summary: `remove role assignment ${a.name} at ${scope}`, steps: [del], irreversible: ['the recreated assignment keeps its name, role, principal and condition, but createdOn/createdBy change'] };
  }
  if (strategy === 'eligible') {
    const roleDefinitionId = `${normScope(scope) === '/' ? '' : scope}/providers/Microsoft.Authorization/roleDefinitions/${a.roleDefinitionGuid}`;
    return {
      findingId: finding.id, strategy, summary: `make role assignment ${a.name} PIM-eligible, then remove the standing one`,
      steps: [{ kind: 'make-eligible', scope, requestName: guidFor(finding.id, 'assign'), removeRequestName: guidFor(finding.id, 'remove'), roleDefinitionId, principalId: a.principalId, condition: a.condition, justification: `Cordon remediation of finding ${finding.id}` }, del],
      irreversible: ['PIM keeps the schedule requests in its history', 'the recreated standing assignment has new createdOn/createdBy'],
    };
  }
  return {
    findingId: finding.id, strategy, summary: `restrict role assignment ${a.name} with a delegation condition (no Owner, User Access Administrator or RBAC Administrator assignments)`,
    steps: [{ kind: 'set-assignment-condition', scope, name: a.name, condition: NO_PRIVILEGED_DELEGATION, conditionVersion: '2.0' }],
    irreversible: [],
  };
}
