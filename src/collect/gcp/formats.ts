/**
 * Recognises GCP exports by content. A file holds one object, an array, or a REST list envelope
 * (`{"results": [...]}`, `{"roles": [...]}`, ...); each item is classified on its own so a file that
 * mixes kinds (e.g. `gcloud asset list` of several content types) is read whole.
 */

/** The kinds of GCP items Cordon reads. */
export type GcpItemKind =
  | 'iamPolicySearch'
  | 'iamPolicyAsset'
  | 'resource'
  | 'role'
  | 'denyPolicy'
  | 'serviceAccount'
  | 'serviceAccountKey'
  | 'pabPolicy'
  | 'policyBinding'
  | 'organization'
  | 'groupMemberships'
  | 'activity'
  | 'lastAuthentication';

// REST list envelopes of the APIs whose exports Cordon reads.
const ENVELOPES = ['activities', 'results', 'roles', 'policies', 'accounts', 'keys', 'assets', 'principalAccessBoundaryPolicies', 'policyBindings', 'organizations'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';

/** Items of a parsed file with their JSON pointers. */
export function gcpItems(value: unknown): { item: unknown; pointer: string }[] {
  if (Array.isArray(value)) return value.map((item, i) => ({ item, pointer: `/${i}` }));
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => k !== 'nextPageToken' && k !== 'totalSize');
    if (keys.length === 1 && (ENVELOPES as readonly string[]).includes(keys[0]!) && Array.isArray(value[keys[0]!])) {
      return (value[keys[0]!] as unknown[]).map((item, i) => ({ item, pointer: `/${keys[0]}/${i}` }));
    }
    return [{ item: value, pointer: '' }];
  }
  return [];
}

/** The kind of one item, or undefined when it is no GCP export Cordon knows. */
export function classifyGcpItem(item: unknown): GcpItemKind | undefined {
  if (!isObject(item)) return undefined;
  const name = item.name;
  if (isObject(item.groupMemberships)) return 'groupMemberships';
  if (Array.isArray(item.gcpActivity)) return 'activity';
  // `gcloud policy-intelligence query-activity --activity-type=serviceAccountLastAuthentication|serviceAccountKeyLastAuthentication`.
  if (item.activityType === 'serviceAccountLastAuthentication' || item.activityType === 'serviceAccountKeyLastAuthentication') return 'lastAuthentication';
  if (str(item.resource) && item.resource.startsWith('//') && isObject(item.policy)) return 'iamPolicySearch';
  if (str(name) && name.startsWith('//') && (isObject(item.iamPolicy) || isObject(item.iam_policy))) return 'iamPolicyAsset';
  if (str(name) && /^policies\/.+\/denypolicies\/[^/]+$/.test(name)) return 'denyPolicy';
  if (item.kind === 'DenyPolicy' && Array.isArray(item.rules)) return 'denyPolicy';
  if (Array.isArray(item.includedPermissions) || (str(name) && /(^|\/)roles\/[^/]+$/.test(name) && ('title' in item || 'stage' in item || 'etag' in item))) return 'role';
  if (str(name) && /\/serviceAccounts\/[^/]+\/keys\/[^/]+$/.test(name)) return 'serviceAccountKey';
  if (str(name) && /^projects\/[^/]+\/serviceAccounts\/[^/]+$/.test(name) && str(item.email)) return 'serviceAccount';
  if (str(name) && name.includes('/principalAccessBoundaryPolicies/')) return 'pabPolicy';
  if (str(name) && name.includes('/policyBindings/') && (isObject(item.target) || str(item.policy))) return 'policyBinding';
  if (str(name) && /^organizations\/\d+$/.test(name) && ('displayName' in item || 'owner' in item || 'directoryCustomerId' in item)) return 'organization';
  if (str(name) && name.startsWith('//') && (str(item.assetType) || str(item.asset_type))) return 'resource';
  return undefined;
}

/** True when `value` is a GCP export: at least one item, every item of a known kind. */
export function isGcpExport(value: unknown): boolean {
  const items = gcpItems(value);
  return items.length > 0 && items.every(({ item }) => classifyGcpItem(item) !== undefined);
}
