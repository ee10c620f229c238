/**
 * Symbolic reading of an Allow statement's conditions for exposure analysis. Conditions on the
 * caller's identity (org, account, principal ARN, user id) RESTRICT who can get access: they can
 * bring access back inside the zone of trust. Everything else (source IP, VPC, external id,
 * KMS via-service, web-identity audience, ...) only NARROWS access: the finding stays and the
 * condition is reported, as IAM Access Analyzer does. Reasoning is over the condition values
 * themselves, never by sampling requests.
 */
import type { ConditionClause } from '../../model/policy/ast.js';
import { operatorRestricts } from '../../engine/index.js';

/** Who a statement's conditions let in, as far as identity keys say. */
export interface ConditionScope {
  /** Caller must be in one of these accounts (undefined: no account restriction). */
  accounts?: string[];
  /** Caller must be in one of these organizations. */
  orgIds?: string[];
  /** A service principal acts only for these accounts / resources (confused-deputy guard present). */
  sourceRestricted: boolean;
  sourceAccounts?: string[];
  /** `aws:SourceOrgID` pinned to these organizations. */
  sourceOrgIds?: string[];
  /**
   * S3's "meaning of public": a fixed `aws:SourceVpc`, `aws:SourceVpce`, KMS key id, or an
   * `aws:SourceIp` range no broader than /8 (IPv4) or /32 (IPv6) makes a grant non-public.
   */
  s3Fixed: boolean;
  /** Restricting clauses on web-identity claims (`<provider>:sub` and friends), key lower-cased. */
  claims: { key: string; values: string[]; like: boolean }[];
  /** `aws:PrincipalIsAWSService` is required true: only AWS service principals get in. */
  serviceOnly: boolean;
  /** Conditions that narrow but do not restrict, key → values as written. */
  narrowing: Record<string, string[]>;
}

/** Maps an IAM unique id prefix (AIDA…, AROA…) to its principal's account, when the snapshot knows it. */
export type UniqueIdLookup = (uniqueId: string) => string | undefined;
/** Maps a resource ARN without an account field (an S3 bucket) to its owner, when the snapshot knows it. */
export type OwnerLookup = (arn: string) => string | undefined;

const ACCOUNT_ID = /^\d{12}$/;

/** Keys naming the caller's identity (lower case, as IAM compares keys case-insensitively). */
const IDENTITY_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'kms:calleraccount', 'aws:principalarn', 'aws:userid']);
/** Keys that tie a service principal to the resources it acts for (confused-deputy guards). */
const SOURCE_KEYS = new Set(['aws:sourceaccount', 'aws:sourceowner', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths']);
/**
 * Keys S3 counts as making a grant non-public when their value is fixed (S3 User Guide, "The meaning
 * of public"); `aws:userid` only outside `AROLEID:*`, which the fixed-value test already excludes.
 */
const S3_FIXED_KEYS = new Set(['aws:sourcevpc', 'aws:sourcevpce', 's3:x-amz-server-side-encryption-aws-kms-key-id', 's3:dataaccesspointarn', 's3:dataaccesspointaccount', 'aws:userid']);

function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?');
}

/** True when the clause can only be satisfied by a request whose key equals one of its values. */
function isRestricting(clause: ConditionClause): boolean {
  if (clause.ifExists || clause.setQualifier === 'ForAllValues') return false; // absent key passes
  return operatorRestricts(clause.baseOperator);
}

/** Account field of an ARN value, or undefined when it is missing or wildcarded. */
function arnAccount(value: string): string | undefined {
  const account = value.split(':')[4];
  return account && ACCOUNT_ID.test(account) ? account : undefined;
}

/** A fixed value: no wildcard and no policy variable. */
function isFixed(value: string): boolean {
  return !hasWildcard(value) && !value.includes('${');
}

/**
 * True when a CIDR is one S3 counts as non-public: no broader than /8 for IPv4 or /32 for IPv6
 * (RFC 1918 ranges are all /8 or narrower, so they pass the same test).
 */
export function isNarrowCidr(cidr: string): boolean {
  const [address = '', prefixText] = cidr.trim().split('/');
  const v6 = address.includes(':');
  if (!v6 && !/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return false;
  const prefix = prefixText === undefined ? (v6 ? 128 : 32) : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0) return false;
  return v6 ? prefix >= 32 : prefix >= 8;
}

/** Reads an S3 "fixed value" clause: true when it pins the request to fixed network sources or keys. */
function isS3Fixed(clause: ConditionClause, key: string): boolean {
  if (clause.ifExists || clause.setQualifier) return false;
  const values = clause.values.map((v) => v.value);
  if (values.length === 0) return false;
  if (key === 'aws:sourceip') return clause.baseOperator === 'IpAddress' && values.every(isNarrowCidr);
  return S3_FIXED_KEYS.has(key) && operatorRestricts(clause.baseOperator) && values.every(isFixed);
}

function intersect(current: string[] | undefined, next: string[]): string[] {
  return current === undefined ? [...new Set(next)] : current.filter((v) => next.includes(v));
}

/** Reads every clause of one statement (clauses are ANDed, values within a clause ORed). */
export function conditionScope(clauses: readonly ConditionClause[], lookupId: UniqueIdLookup = () => undefined, ownerOf: OwnerLookup = () => undefined): ConditionScope {
  const scope: ConditionScope = { sourceRestricted: false, serviceOnly: false, s3Fixed: false, claims: [], narrowing: {} };
  const narrow = (clause: ConditionClause) => {
    const key = clause.key;
    scope.narrowing[key] = [...(scope.narrowing[key] ?? []), ...clause.values.map((v) => v.value)];
  };
  for (const clause of clauses) {
    const key = clause.key.toLowerCase();
    const values = clause.values.map((v) => v.value);
    if (key === 'aws:principalisawsservice' && clause.baseOperator === 'Bool' && !clause.ifExists && values.every((v) => v.toLowerCase() === 'true')) {
      scope.serviceOnly = true;
      continue;
    }
    if (SOURCE_KEYS.has(key)) {
      if (isRestricting(clause)) {
        scope.sourceRestricted = true;
        const accounts = key === 'aws:sourcearn'
          ? values.map((v) => arnAccount(v) ?? (isFixed(v) ? ownerOf(v) : undefined))
          : values.map((v) => (ACCOUNT_ID.test(v) ? v : undefined));
        if (accounts.every((a): a is string => a !== undefined) && (key === 'aws:sourceaccount' || key === 'aws:sourceowner' || key === 'aws:sourcearn')) {
          scope.sourceAccounts = intersect(scope.sourceAccounts, accounts);
        }
        if (key === 'aws:sourceorgid' && values.every(isFixed)) scope.sourceOrgIds = intersect(scope.sourceOrgIds, values);
      }
      narrow(clause);
      continue;
    }
    if (isS3Fixed(clause, key)) scope.s3Fixed = true;
    // Web-identity claims (`token.actions.githubusercontent.com:sub`): who at the provider may assume.
    if (!key.startsWith('aws:') && key.includes(':') && isRestricting(clause) && !clause.setQualifier) {
      scope.claims.push({ key, values, like: clause.baseOperator === 'StringLike' });
    }
    if (!IDENTITY_KEYS.has(key) || !isRestricting(clause)) {
      narrow(clause);
      continue;
    }
    switch (key) {
      case 'aws:principalorgid': {
        if (values.some(hasWildcard)) narrow(clause);
        else scope.orgIds = intersect(scope.orgIds, values);
        break;
      }
      case 'aws:principalorgpaths': {
        // A path `o-xxx/r-yyy/...` pins the organization when its first segment is literal.
        const orgs = values.map((v) => v.split('/')[0] ?? '');
        if (orgs.some((o) => o === '' || hasWildcard(o))) narrow(clause);
        else scope.orgIds = intersect(scope.orgIds, orgs);
        break;
      }
      case 'aws:principalaccount':
      case 'kms:calleraccount': {
        if (values.every((v) => ACCOUNT_ID.test(v))) scope.accounts = intersect(scope.accounts, values);
        else narrow(clause);
        break;
      }
      case 'aws:principalarn': {
        const accounts = values.map(arnAccount);
        if (accounts.every((a): a is string => a !== undefined)) scope.accounts = intersect(scope.accounts, accounts);
        else narrow(clause);
        break;
      }
      case 'aws:userid': {
        // Values are `ACCOUNT`, `AIDA...` or `AROA...:session`; map each to an account when known.
        const accounts = values.map((v) => (ACCOUNT_ID.test(v) ? v : lookupId(v.split(':')[0]!)));
        if (accounts.every((a): a is string => a !== undefined)) scope.accounts = intersect(scope.accounts, accounts);
        else narrow(clause);
        break;
      }
    }
  }
  return scope;
}
