/**
 * The filter keys of the archive-rule language, as data: IAM Access Analyzer's documented keys
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html)
 * plus Cordon's own `type`, `severity`, `accountId`. Each key reads the values a finding has
 * for it; `undefined` means the finding does not have the key at all.
 */
import type { Finding, FindingType } from '../model/finding.js';

/** Reads the values of one filter key from a finding (`undefined`: the key is absent). */
export type KeyReader = (finding: Finding) => readonly string[] | undefined;

/** One filter key: its name, what it means, and how to read it. */
export interface FilterKey {
  key: string;
  description: string;
  /** Where the key comes from: Access Analyzer's documentation or Cordon. */
  origin: 'access-analyzer' | 'cordon';
  read: KeyReader;
}

/** Access Analyzer's `findingType` values for Cordon's unused-access types. */
const AA_FINDING_TYPES: Partial<Record<FindingType, string>> = {
  UnusedRole: 'UnusedIAMRole',
  UnusedAccessKey: 'UnusedIAMUserAccessKey',
  UnusedPassword: 'UnusedIAMUserPassword',
  UnusedPermission: 'UnusedPermission',
};

function one(value: string | undefined): readonly string[] | undefined {
  return value === undefined || value === '' ? undefined : [value];
}

function detailString(finding: Finding, name: string): readonly string[] | undefined {
  const value = finding.details?.[name];
  return typeof value === 'string' ? one(value) : undefined;
}

/** The fixed keys (everything except the `principal.<X>` and `condition.<key>` families). */
export const FIXED_FILTER_KEYS: readonly FilterKey[] = [
  { key: 'resource', origin: 'access-analyzer', description: 'ARN of the resource the finding is about', read: (f) => one(f.resource) },
  { key: 'resourceType', origin: 'access-analyzer', description: 'CloudFormation type of the resource, e.g. AWS::IAM::Role', read: (f) => one(f.resourceType) },
  { key: 'resourceOwnerAccount', origin: 'access-analyzer', description: '12-digit account id owning the resource', read: (f) => detailString(f, 'resourceOwnerAccount') ?? one(f.accountId) },
  // INVARIANT: a finding without `isPublic` is not public, so it reads as "false" (AA always sets it).
  { key: 'isPublic', origin: 'access-analyzer', description: '"true" when the finding reports public access', read: (f) => [String(f.isPublic === true)] },
  { key: 'findingType', origin: 'access-analyzer', description: 'Access Analyzer finding type (UnusedIAMRole, UnusedIAMUserAccessKey, UnusedIAMUserPassword, UnusedPermission; other types read as Cordon type)', read: (f) => [AA_FINDING_TYPES[f.type] ?? f.type] },
  { key: 'resourceControlPolicyRestriction', origin: 'access-analyzer', description: 'RCP restriction (APPLICABLE, FAILED_TO_EVALUATE_RCP, NOT_APPLICABLE), from details', read: (f) => detailString(f, 'resourceControlPolicyRestriction') },
  { key: 'status', origin: 'access-analyzer', description: 'ACTIVE, ARCHIVED or RESOLVED', read: (f) => one(f.status) },
  { key: 'error', origin: 'access-analyzer', description: 'error reported while analysing the resource (details.error)', read: (f) => detailString(f, 'error') },
  { key: 'id', origin: 'access-analyzer', description: 'finding id', read: (f) => one(f.id) },
  { key: 'type', origin: 'cordon', description: 'Cordon finding type, e.g. ExternalAccess', read: (f) => one(f.type) },
  { key: 'severity', origin: 'cordon', description: 'CRITICAL, HIGH, MEDIUM, LOW or INFO', read: (f) => one(f.severity) },
  { key: 'accountId', origin: 'cordon', description: 'account the finding belongs to', read: (f) => one(f.accountId) },
];

const FIXED_BY_NAME = new Map(FIXED_FILTER_KEYS.map((k) => [k.key, k]));

/** Prefix of the principal family (`principal.AWS`, `principal.Federated`, ...). */
export const PRINCIPAL_PREFIX = 'principal.';
/** Prefix of the condition family (`condition.aws:SourceIp`, ...). */
export const CONDITION_PREFIX = 'condition.';

/** The account id inside `arn:aws:iam::123456789012:root`, so either form matches (AA accepts both). */
function rootAccount(value: string): string | undefined {
  const parts = value.split(':');
  if (parts.length === 6 && parts[0] === 'arn' && parts[2] === 'iam' && parts[5] === 'root') return parts[4];
  return undefined;
}

function principalValues(finding: Finding, name: string): readonly string[] | undefined {
  const principal = finding.principal;
  if (principal === undefined) return undefined;
  // A bare string principal is an AWS identity (escalation/risky findings hold the identity ARN).
  const raw: unknown = typeof principal === 'string' ? (name === 'AWS' ? principal : undefined) : (principal as Record<string, unknown>)[name];
  const list = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : typeof raw === 'string' ? [raw] : [];
  if (list.length === 0) return undefined;
  if (name !== 'AWS') return list;
  const out = new Set<string>();
  for (const v of list) {
    out.add(v);
    const account = rootAccount(v);
    if (account) out.add(account);
  }
  return [...out];
}

function conditionValues(finding: Finding, key: string): readonly string[] | undefined {
  const condition = finding.condition;
  if (!condition) return undefined;
  // Condition key names are case-insensitive in IAM.
  const wanted = key.toLowerCase();
  for (const [name, values] of Object.entries(condition)) {
    if (name.toLowerCase() === wanted) return values.length > 0 ? values : undefined;
  }
  return undefined;
}

/** Finds the reader for a filter key, or `undefined` when the key is not part of the language. */
export function filterKeyReader(key: string): KeyReader | undefined {
  const fixed = FIXED_BY_NAME.get(key);
  if (fixed) return fixed.read;
  if (key.startsWith(PRINCIPAL_PREFIX) && key.length > PRINCIPAL_PREFIX.length) {
    const name = key.slice(PRINCIPAL_PREFIX.length);
    return (f) => principalValues(f, name);
  }
  if (key.startsWith(CONDITION_PREFIX) && key.length > CONDITION_PREFIX.length) {
    const name = key.slice(CONDITION_PREFIX.length);
    return (f) => conditionValues(f, name);
  }
  return undefined;
}
