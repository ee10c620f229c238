/**
 * The SDK implementation of `AzureRemediationGateway`: role assignments and PIM eligibility
 * schedule requests through `@azure/arm-authorization` (API 2022-04-01 / 2020-10-01), Entra
 * `accountEnabled` through Microsoft Graph v1.0 over the Azure SDK's own pipeline (bearer token for
 * `https://graph.microsoft.com/.default`, retries, TLS settings).
 */
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { bearerTokenAuthenticationPolicy, createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest, type Pipeline } from '@azure/core-rest-pipeline';
import { AwsCallError } from '../model/errors.js';
import type { AzureRemediationGateway, DirectoryObjectType, EligibilityRequest, RoleAssignmentState } from '../actions/azure/gateway.js';
import { ARM_ENDPOINT, GRAPH_ENDPOINT, credentialOf, tlsOf, type AzureConnection } from './clients.js';

function status(err: unknown): number | undefined {
  return (err as { statusCode?: number }).statusCode;
}

function fail(operation: string, err: unknown): never {
  throw new AwsCallError(operation, err instanceof Error ? err.message : String(err), { cause: err });
}

/** Graph (or, with another base, prefix and scope, any ARM REST call) over the Azure SDK pipeline. */
export class GraphClient {
  private readonly pipeline: Pipeline;
  private readonly http = createDefaultHttpClient();
  constructor(private readonly base: string, c: AzureConnection, scope = `${GRAPH_ENDPOINT}/.default`, private readonly prefix = '/v1.0') {
    this.pipeline = createPipelineFromOptions({ ...tlsOf(c), retryOptions: { maxRetries: 2 } });
    this.pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: credentialOf(c), scopes: scope }));
  }

  /** POST a JSON body (Resource Graph queries). */
  async post(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
    return this.sendUrl('POST', `${this.base}${this.prefix}${path}`, body);
  }

  async send(method: 'GET' | 'PATCH', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    return this.sendUrl(method, `${this.base}${this.prefix}${path}`, body);
  }

  /** Every page of a collection (following `@odata.nextLink`), each as Graph returned it. */
  async pages(path: string): Promise<unknown[]> {
    const out: unknown[] = [];
    let url: string | undefined = `${this.base}${this.prefix}${path}`;
    for (let i = 0; url && i < 1000; i++) {
      const r = await this.sendUrl('GET', url);
      if (r.status >= 300) fail(`graph GET ${path}`, `HTTP ${r.status}`);
      out.push(r.json);
      url = (r.json as { '@odata.nextLink'?: string })['@odata.nextLink'];
    }
    return out;
  }

  private async sendUrl(method: 'GET' | 'PATCH' | 'POST', url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const request = createPipelineRequest({ url, method, headers: createHttpHeaders({ 'content-type': 'application/json' }), body: body === undefined ? undefined : JSON.stringify(body) });
    const response = await this.pipeline.sendRequest(this.http, request);
    return { status: response.status, json: response.bodyAsText ? (JSON.parse(response.bodyAsText) as unknown) : undefined };
  }
}

/** Builds the gateway over one connection (credential chain, endpoints, optional stub CA). */
export function azureRemediationGateway(c: AzureConnection = {}): AzureRemediationGateway {
  const arm = new AuthorizationManagementClient(credentialOf(c), '00000000-0000-0000-0000-000000000000', {
    endpoint: c.armEndpoint ?? ARM_ENDPOINT, credentialScopes: [`${ARM_ENDPOINT}/.default`], ...tlsOf(c),
  });
  const graph = new GraphClient(c.graphEndpoint ?? GRAPH_ENDPOINT, c);
  const path = (type: DirectoryObjectType, id: string) => `/${type === 'user' ? 'users' : 'servicePrincipals'}/${encodeURIComponent(id)}`;
  return {
    async getRoleAssignment(scope, name) {
      try {
        const a = await arm.roleAssignments.get(scope, name);
        const state: RoleAssignmentState = { roleDefinitionId: a.roleDefinitionId!, principalId: a.principalId! };
        if (a.principalType) state.principalType = a.principalType;
        if (a.condition) state.condition = a.condition;
        if (a.conditionVersion) state.conditionVersion = a.conditionVersion;
        if (a.description) state.description = a.description;
        return state;
      } catch (err) {
        if (status(err) === 404) return undefined;
        return fail('Microsoft.Authorization/roleAssignments/read', err);
      }
    },
    async putRoleAssignment(scope, name, s) {
      try {
        await arm.roleAssignments.create(scope, name, { roleDefinitionId: s.roleDefinitionId, principalId: s.principalId, principalType: s.principalType, condition: s.condition, conditionVersion: s.conditionVersion, description: s.description });
      } catch (err) {
        fail('Microsoft.Authorization/roleAssignments/write', err);
      }
    },
    async deleteRoleAssignment(scope, name) {
      try {
        await arm.roleAssignments.delete(scope, name);
      } catch (err) {
        if (status(err) !== 404) fail('Microsoft.Authorization/roleAssignments/delete', err);
      }
    },
    async requestEligibility(r: EligibilityRequest) {
      try {
        await arm.roleEligibilityScheduleRequests.create(r.scope, r.name, {
          principalId: r.principalId, roleDefinitionId: r.roleDefinitionId, requestType: r.requestType, justification: r.justification,
          condition: r.condition, conditionVersion: r.conditionVersion, scheduleInfo: { expiration: { type: 'NoExpiration' } },
        });
      } catch (err) {
        fail('Microsoft.Authorization/roleEligibilityScheduleRequests/write', err);
      }
    },
    async getAccountEnabled(type, id) {
      const r = await graph.send('GET', `${path(type, id)}?$select=accountEnabled`);
      if (r.status === 404) return undefined;
      if (r.status >= 300) fail(`graph GET ${path(type, id)}`, `HTTP ${r.status}`);
      return (r.json as { accountEnabled?: boolean }).accountEnabled;
    },
    async setAccountEnabled(type, id, enabled) {
      const r = await graph.send('PATCH', path(type, id), { accountEnabled: enabled });
      if (r.status >= 300) fail(`graph PATCH ${path(type, id)}`, `HTTP ${r.status}`);
    },
  };
}
