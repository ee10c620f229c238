/**
 * ARM lists the Azure collector needs from `@azure/arm-authorization`, returned in the REST
 * shape (`{id, name, type, properties}`) that Cordon's file readers already understand: deny
 * assignments (2022-04-01) and PIM role eligibility schedules (2020-10-01) of one scope.
 */
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ARM_ENDPOINT, credentialOf, tlsOf, type AzureConnection } from './clients.js';

export interface ScopeAuthorizationLists {
  denyAssignments: unknown[];
  eligibilitySchedules: unknown[];
  /** Why eligibility could not be read (PIM needs Entra ID P2; the caller may lack rights). */
  eligibilityError?: string;
}

export async function listScopeAuthorization(subscriptionId: string, c: AzureConnection = {}): Promise<ScopeAuthorizationLists> {
  const auth = new AuthorizationManagementClient(credentialOf(c), subscriptionId, { endpoint: c.armEndpoint ?? ARM_ENDPOINT, credentialScopes: [`${ARM_ENDPOINT}/.default`], ...tlsOf(c) });
  const scope = `/subscriptions/${subscriptionId}`;
  const denyAssignments: unknown[] = [];
  for await (const d of auth.denyAssignments.listForScope(scope)) denyAssignments.push({ id: d.id, name: d.name, type: 'Microsoft.Authorization/denyAssignments', properties: { ...d } });
  const eligibilitySchedules: unknown[] = [];
  try {
    for await (const e of auth.roleEligibilitySchedules.listForScope(scope)) eligibilitySchedules.push({ id: e.id, name: e.name, type: 'Microsoft.Authorization/roleEligibilitySchedules', properties: { ...e } });
  } catch (err) {
    return { denyAssignments, eligibilitySchedules, eligibilityError: err instanceof Error ? err.message : String(err) };
  }
  return { denyAssignments, eligibilitySchedules };
}
