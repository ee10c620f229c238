/**
 * Reads an organization, folder or project through Google's clients as the same export shapes
 * the file readers take (`collect/gcp/live.ts` folds them into the model, so live and offline
 * snapshots are one model):
 * Cloud Asset `searchAllIamPolicies` / `searchAllResources` (`@google-cloud/asset`), deny policies
 * (`@google-cloud/iam` PoliciesClient: list, then get for the rules), and through IAM v1 REST with
 * google-auth-library: the roles the bindings use (`roles.get`, custom roles `view=FULL`), service
 * accounts and their user-managed keys. Failures of one part become warnings, not a lost snapshot.
 */
import { AssetServiceClient } from '@google-cloud/asset';
import { PoliciesClient } from '@google-cloud/iam';
import type { AuthClient } from 'google-auth-library';
import { denyPolicyName, hierarchyFullName, projectSegment } from '../model/gcp/names.js';
import type { ValidationIssue } from '../model/validation.js';
import { gaxOptions, restBase, restClient, type GcpClientConfig } from './client-config.js';

export interface GcpCollectOptions {
  /** `organizations/N` or `projects/P` (folders: `folders/N`). */
  scope: string;
  log?: (line: string) => void;
}

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** One export-shaped answer and the API it came from (`live:<api>`). */
export interface GcpExportItem {
  value: unknown;
  source: string;
}

/**
 * Reads the scope; `fold` receives each answer as it arrives (the caller folds it into the model
 * and answers the hierarchy nodes and role names seen so far, which steer the next reads).
 */
export async function readGcpExports(
  config: GcpClientConfig,
  options: GcpCollectOptions,
  fold: (item: GcpExportItem) => { hierarchy: string[]; roles: string[] },
): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  let seen = { hierarchy: [] as string[], roles: [] as string[] };
  const add = (value: unknown, source: string): void => {
    if (Array.isArray(value) && value.length === 0) return;
    seen = fold({ value, source });
  };
  const warn = (what: string, err: unknown): void => {
    issues.push({ code: 'gcp_collect_partial', severity: 'warning', message: `${what}: ${err instanceof Error ? err.message : String(err)}`, file: `live:${what}` });
  };
  const gax = gaxOptions(config) as ConstructorParameters<typeof AssetServiceClient>[0];
  const asset = new AssetServiceClient(gax);
  const policies = new PoliciesClient(gax as ConstructorParameters<typeof PoliciesClient>[0]);
  let rest: AuthClient | undefined;
  const get = async <T>(path: string): Promise<T> => {
    rest ??= await restClient(config);
    return (await rest.request<T>({ url: `${restBase(config, 'iam.googleapis.com')}${path}`, method: 'GET' })).data;
  };
  try {
    try {
      const [results] = await asset.searchAllIamPolicies({ scope: options.scope });
      add(plain(results), 'live:cloudasset.searchAllIamPolicies');
      options.log?.(`allow policies: ${results.length}`);
    } catch (err) {
      warn('cloudasset.searchAllIamPolicies', err);
    }
    try {
      const [results] = await asset.searchAllResources({ scope: options.scope });
      add(plain(results), 'live:cloudasset.searchAllResources');
      options.log?.(`resources: ${results.length}`);
    } catch (err) {
      warn('cloudasset.searchAllResources', err);
    }
    const hierarchy = new Set<string>([hierarchyFullName(options.scope), ...seen.hierarchy]);
    const projects = new Set([...hierarchy].map((h) => projectSegment(h.replace(/^\/\/[^/]+\//, ''))).filter((p): p is string => p !== undefined));
    for (const point of hierarchy) {
      try {
        const [list] = await policies.listPolicies({ parent: denyPolicyName(point, 'x').replace(/\/x$/, '') });
        for (const p of list) {
          const [full] = await policies.getPolicy({ name: p.name! });
          add(plain(full), `live:iam.policies.get`);
        }
      } catch (err) {
        warn(`iam.policies.list ${point}`, err);
      }
    }
    const roleNames = new Set(seen.roles);
    for (const name of [...roleNames].sort()) {
      try {
        add(await get(`/v1/${name}`), 'live:iam.roles.get');
      } catch (err) {
        warn(`iam.roles.get ${name}`, err);
      }
    }
    for (const project of [...projects].sort()) {
      try {
        const { accounts = [] } = await get<{ accounts?: { name: string; email: string }[] }>(`/v1/projects/${project}/serviceAccounts`);
        add(accounts, 'live:iam.serviceAccounts.list');
        for (const sa of accounts) {
          const { keys = [] } = await get<{ keys?: unknown[] }>(`/v1/${sa.name}/keys?keyTypes=USER_MANAGED`);
          add(keys, 'live:iam.serviceAccountKeys.list');
        }
      } catch (err) {
        warn(`iam.serviceAccounts.list ${project}`, err);
      }
    }
  } finally {
    await asset.close();
    await policies.close();
  }
  return issues;
}
