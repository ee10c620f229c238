/**
 * `cordon collect --cloud azure`: reads a subscription or management group through the official
 * SDKs and folds every response into the same `AzureSnapshot` the file readers build (each
 * response has the shape of an export Cordon already reads): Azure Resource Graph (its REST
 * API 2021-03-01 over the SDK pipeline: `@azure/arm-resourcegraph` 5 needs Node 22 and 4.x is the
 * retired ms-rest generation)
 * (`authorizationresources` for role assignments, definitions and classic administrators,
 * `resources` with identities, `resourcecontainers` for the management-group chain), deny
 * assignments and PIM eligibility schedules through `@azure/arm-authorization`, and Microsoft Graph
 * (users, groups with members, service principals and applications with owners, directory role
 * assignments, organization).
 */
import { readAzureFile } from './files.js';
import { emptyAzureSnapshot, type AzureSnapshot } from '../../model/azure/snapshot.js';
import { CordonError, UsageError } from '../../model/errors.js';
import type { ValidationIssue } from '../../model/validation.js';
import { ARM_ENDPOINT, GRAPH_ENDPOINT, type AzureConnection } from '../../azure/clients.js';
import { GraphClient } from '../../azure/remediation-gateway.js';
import { listScopeAuthorization } from '../../azure/authorization-lists.js';

export interface AzureCollectTarget {
  subscription?: string;
  managementGroup?: string;
}

const QUERIES = [
  "authorizationresources | where type in~ ('microsoft.authorization/roleassignments', 'microsoft.authorization/roledefinitions', 'microsoft.authorization/classicadministrators')",
  "resources | where isnotempty(identity) or type in~ ('microsoft.keyvault/vaults', 'microsoft.containerservice/managedclusters', 'microsoft.compute/virtualmachines', 'microsoft.web/sites', 'microsoft.logic/workflows', 'microsoft.automation/automationaccounts')",
  "resourcecontainers | where type in~ ('microsoft.resources/subscriptions', 'microsoft.management/managementgroups')",
];

const GRAPH_PATHS = [
  '/organization?$select=id,displayName',
  '/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,externalUserState,creationType',
  '/groups?$select=id,displayName,isAssignableToRole&$expand=members($select=id)',
  '/servicePrincipals?$select=id,appId,displayName,appOwnerOrganizationId,servicePrincipalType,accountEnabled,keyCredentials,passwordCredentials&$expand=owners($select=id)',
  '/applications?$select=id,appId,displayName,signInAudience,keyCredentials,passwordCredentials&$expand=owners($select=id)',
  '/roleManagement/directory/roleAssignments',
];

/** Collects the target into an Azure snapshot part; problems become issues, not failures, where the data is optional. */
export async function collectAzure(target: AzureCollectTarget, c: AzureConnection = {}): Promise<{ azure: AzureSnapshot; issues: ValidationIssue[] }> {
  if (!target.subscription === !target.managementGroup) throw new UsageError('give exactly one of --subscription ID or --management-group ID');
  const issues: ValidationIssue[] = [];
  let part: AzureSnapshot = emptyAzureSnapshot();
  const fold = (value: unknown, source: string) => (part = readAzureFile(value, source, part, issues));

  const arg = new GraphClient(c.armEndpoint ?? ARM_ENDPOINT, c, `${ARM_ENDPOINT}/.default`, '');
  for (const query of QUERIES) {
    let skipToken: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const r = await arg.post('/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01', {
        query, ...(target.subscription ? { subscriptions: [target.subscription] } : { managementGroups: [target.managementGroup!] }),
        options: { resultFormat: 'objectArray', ...(skipToken ? { $skipToken: skipToken } : {}) },
      });
      if (r.status >= 300) throw new CordonError('azure_call_failed', `Azure Resource Graph refused the query (HTTP ${r.status}): ${JSON.stringify(r.json).slice(0, 200)}`);
      const body = r.json as { data?: unknown[]; $skipToken?: string };
      fold({ data: body.data ?? [] }, `live:resourcegraph:${query.split(' ')[0]}`);
      skipToken = body.$skipToken;
      if (!skipToken) break;
    }
  }

  const subscriptions = target.subscription ? [target.subscription] : part.subscriptions.map((s) => s.subscriptionId);
  for (const sub of subscriptions) {
    const scope = `/subscriptions/${sub}`;
    const lists = await listScopeAuthorization(sub, c);
    fold({ value: lists.denyAssignments }, `live:${scope}/denyAssignments`);
    fold({ value: lists.eligibilitySchedules }, `live:${scope}/roleEligibilitySchedules`);
    if (lists.eligibilityError) issues.push({ code: 'azure_pim_not_read', severity: 'warning', message: `PIM eligibility of ${scope} not read: ${lists.eligibilityError}`, file: `live:${scope}` });
  }

  const ms = new GraphClient(c.graphEndpoint ?? GRAPH_ENDPOINT, c);
  for (const path of GRAPH_PATHS) {
    try {
      for (const page of await ms.pages(path)) fold(page, `live:graph${path.split('?')[0]}`);
    } catch (err) {
      issues.push({ code: 'azure_graph_not_read', severity: 'warning', message: `Microsoft Graph ${path.split('?')[0]} not read: ${err instanceof Error ? err.message : String(err)}`, file: 'live:graph' });
    }
  }
  part.sources = [`live:azure:${target.subscription ?? target.managementGroup}`];
  return { azure: part, issues };
}
