/**
 * What every Azure analyzer reads: the compiled engine, the principal directory, and helpers to
 * describe an assignment the same way in every finding.
 */
import type { AzureRoleAssignment, AzureSnapshot } from '../../model/azure/snapshot.js';
import type { Evidence } from '../../model/finding.js';
import { parseScope } from '../../model/azure/scope.js';
import { compileAzure, evaluateAzure, type CompiledAzure } from '../../engine/azure/index.js';
import { AzurePrincipals } from './principals.js';

/** An operation only `*` covers: allowed means "holds everything at this scope". */
export const PROBE_ALL = 'Cordon.Probe/anything/action';

export interface AzureAnalysis {
  az: AzureSnapshot;
  c: CompiledAzure;
  principals: AzurePrincipals;
  now: Date;
}

export function azureAnalysis(az: AzureSnapshot, now: Date): AzureAnalysis {
  const c = compileAzure(az);
  return { az, c, principals: new AzurePrincipals(az, c), now };
}

/** Subscription of a scope, else the management group's name, else the tenant. */
export function accountOf(a: AzureAnalysis, scope: string): string {
  const p = parseScope(scope);
  return p.subscriptionId ?? p.managementGroup ?? a.az.tenantId ?? 'tenant';
}

export function roleName(a: AzureAnalysis, assignment: AzureRoleAssignment): string {
  return a.c.role(assignment.roleDefinitionGuid)?.roleName ?? assignment.roleDefinitionId;
}

/** Evidence line pointing at one role assignment in its input file. */
export function assignmentEvidence(a: AzureAnalysis, assignment: AzureRoleAssignment): Evidence {
  return {
    policy: assignment.id, policyType: assignment.tier === 'eligible' ? 'eligible-assignment' : 'role-assignment', pointer: assignment.origin?.pointer,
    note: `${roleName(a, assignment)} at ${assignment.scope}${assignment.condition ? ' (with condition)' : ''}${assignment.origin ? ` in ${assignment.origin.file}` : ''}`,
  };
}

/**
 * Does this assignment, by itself, let its principal do everything (`*`) at its scope, or hold
 * everything but role assignments (Contributor-like)? Decided by the engine on the assignment alone.
 */
export function assignmentPower(a: AzureAnalysis, assignment: AzureRoleAssignment): 'owner' | 'contributor' | 'access-admin' | 'other' {
  const only = { principalId: `cordon-probe-${assignment.id}`, scope: assignment.scope, extraAssignments: [{ ...assignment, condition: undefined, tier: 'active' as const }] };
  const all = evaluateAzure(a.c, { ...only, action: PROBE_ALL }).decision === 'Allowed';
  const grant = evaluateAzure(a.c, { ...only, action: 'Microsoft.Authorization/roleAssignments/write' }).decision === 'Allowed';
  if (all && grant) return 'owner';
  if (all) return 'contributor';
  if (grant) return 'access-admin';
  return 'other';
}
