/**
 * The `GcpGateway` of GCP remediation over Google's clients: deny policies through
 * `@google-cloud/iam`'s `PoliciesClient` (IAM v2, long-running operations awaited), allow policies
 * and service-account/key state through the documented REST methods with an authorized
 * google-auth-library client (Resource Manager v3, IAM v1, Cloud Storage JSON API).
 */
import { PoliciesClient } from '@google-cloud/iam';
import type { AuthClient } from 'google-auth-library';
import type { AllowPolicyBody, DenyPolicyBody, GcpGateway } from '../actions/gcp/gateway.js';
import { denyPolicyName } from '../model/gcp/names.js';
import { CordonError } from '../model/errors.js';
import { gaxOptions, restBase, restClient, type GcpClientConfig } from './client-config.js';

/** A Google API call failed. */
export class GcpCallError extends CordonError {
  constructor(operation: string, message: string, options?: { cause?: unknown }) {
    super('gcp_call_failed', `${operation}: ${message}`, [], options);
  }
}

const isNotFound = (err: unknown): boolean => {
  const e = err as { code?: number; status?: number; response?: { status?: number } };
  return e.code === 5 || e.code === 404 || e.status === 404 || e.response?.status === 404;
};

/** Where a resource's allow policy is read and written. */
function iamEndpoint(config: GcpClientConfig, resource: string): { get: { url: string; method: 'GET' | 'POST'; data?: unknown }; set: (p: AllowPolicyBody) => { url: string; method: 'POST' | 'PUT'; data: unknown } } {
  const crm = /^\/\/cloudresourcemanager\.googleapis\.com\/((?:projects|folders|organizations)\/[^/]+)$/.exec(resource);
  if (crm) {
    const base = `${restBase(config, 'cloudresourcemanager.googleapis.com')}/v3/${crm[1]}`;
    return { get: { url: `${base}:getIamPolicy`, method: 'POST', data: { options: { requestedPolicyVersion: 3 } } }, set: (policy) => ({ url: `${base}:setIamPolicy`, method: 'POST', data: { policy } }) };
  }
  const sa = /^\/\/iam\.googleapis\.com\/(projects\/[^/]+\/serviceAccounts\/[^/]+)$/.exec(resource);
  if (sa) {
    const base = `${restBase(config, 'iam.googleapis.com')}/v1/${sa[1]}`;
    return { get: { url: `${base}:getIamPolicy?options.requestedPolicyVersion=3`, method: 'POST' }, set: (policy) => ({ url: `${base}:setIamPolicy`, method: 'POST', data: { policy } }) };
  }
  const bucket = /^\/\/storage\.googleapis\.com\/projects\/_\/buckets\/([^/]+)$/.exec(resource);
  if (bucket) {
    const base = `${restBase(config, 'storage.googleapis.com')}/storage/v1/b/${encodeURIComponent(bucket[1]!)}/iam`;
    return { get: { url: `${base}?optionsRequestedPolicyVersion=3`, method: 'GET' }, set: (policy) => ({ url: base, method: 'PUT', data: policy }) };
  }
  throw new GcpCallError('getIamPolicy', `no allow-policy endpoint known for \`${resource}\``);
}

/** Creates the gateway; `close()` releases the clients. */
export function createGcpGateway(config: GcpClientConfig = {}): GcpGateway {
  const policies = new PoliciesClient(gaxOptions(config) as ConstructorParameters<typeof PoliciesClient>[0]);
  let rest: Promise<AuthClient> | undefined;
  const call = async <T>(operation: string, req: { url: string; method: string; data?: unknown }): Promise<T> => {
    rest ??= restClient(config);
    try {
      const res = await (await rest).request<T>({ url: req.url, method: req.method as 'GET', ...(req.data !== undefined ? { data: req.data } : {}) });
      return res.data;
    } catch (err) {
      throw new GcpCallError(operation, err instanceof Error ? err.message : String(err), { cause: err });
    }
  };
  const stateUrl = (name: string): string => `${restBase(config, 'iam.googleapis.com')}/v1/${name}`;

  return {
    async getDenyPolicy(name) {
      try {
        const [p] = await policies.getPolicy({ name });
        return { displayName: p.displayName ?? '', rules: (p.rules ?? []).map((r) => ({ ...(r.description ? { description: r.description } : {}), denyRule: { deniedPrincipals: r.denyRule?.deniedPrincipals ?? [], deniedPermissions: r.denyRule?.deniedPermissions ?? [], ...(r.denyRule?.exceptionPrincipals?.length ? { exceptionPrincipals: r.denyRule.exceptionPrincipals } : {}) } })) };
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw new GcpCallError('iam.policies.get', (err as Error).message, { cause: err });
      }
    },
    async createDenyPolicy(attachmentPoint, policyId, body: DenyPolicyBody) {
      try {
        const parent = denyPolicyName(attachmentPoint, policyId).replace(/\/[^/]+$/, '');
        const [op] = await policies.createPolicy({ parent, policyId, policy: { displayName: body.displayName, rules: body.rules } });
        await op.promise();
      } catch (err) {
        throw new GcpCallError('iam.policies.create', (err as Error).message, { cause: err });
      }
    },
    async deleteDenyPolicy(name) {
      try {
        const [op] = await policies.deletePolicy({ name });
        await op.promise();
      } catch (err) {
        if (!isNotFound(err)) throw new GcpCallError('iam.policies.delete', (err as Error).message, { cause: err });
      }
    },
    async getIamPolicy(resource) {
      const p = await call<AllowPolicyBody>('getIamPolicy', iamEndpoint(config, resource).get);
      return { ...p, bindings: p.bindings ?? [] };
    },
    async setIamPolicy(resource, policy) {
      await call('setIamPolicy', iamEndpoint(config, resource).set(policy));
    },
    async isDisabled(name) {
      return (await call<{ disabled?: boolean }>('get', { url: stateUrl(name), method: 'GET' })).disabled === true;
    },
    async setDisabled(name, disabled) {
      await call(disabled ? 'disable' : 'enable', { url: `${stateUrl(name)}:${disabled ? 'disable' : 'enable'}`, method: 'POST', data: {} });
    },
    close() {
      void policies.close();
    },
  };
}
