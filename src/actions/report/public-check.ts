/**
 * Is a report bucket public? Reports hold a principal's whole configuration, so Cordon refuses to
 * write to a bucket that is (or could become through its current settings) readable by anyone.
 * Conservative on purpose: an Allow to `*` counts as public unless a condition pins it to an
 * account, organization, VPC endpoint or principal, the way S3's own "public" test treats them.
 */
import type { BlockPublicAccess, PolicyDocumentJson } from '../../model/snapshot/types.js';

/** What the bucket adapter reads about a bucket. */
export interface BucketExposure {
  bucket: string;
  /** Bucket-level Block Public Access (undefined when none is configured). */
  blockPublicAccess?: BlockPublicAccess;
  policy?: PolicyDocumentJson;
  /** ACL grants, by grantee group URI or id. */
  aclGrants: { grantee: string; permission: string }[];
}

/** Condition keys that make an Allow to `*` non-public (fixed values of these narrow the principal set). */
const NARROWING_KEYS = new Set(['aws:principalaccount', 'aws:principalorgid', 'aws:principalarn', 'aws:sourceaccount', 'aws:sourcearn', 'aws:sourcevpce', 'aws:sourcevpc', 'aws:userid', 'aws:principalorgpaths', 'aws:sourceowner']);

const PUBLIC_GROUPS = ['http://acs.amazonaws.com/groups/global/AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers'];

function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    const aws = (principal as Record<string, unknown>).AWS;
    const values = Array.isArray(aws) ? aws : [aws];
    return values.includes('*');
  }
  return false;
}

function narrowed(condition: unknown): boolean {
  if (!condition || typeof condition !== 'object') return false;
  for (const [operator, clauses] of Object.entries(condition as Record<string, unknown>)) {
    // A negated or IfExists test does not pin the caller down.
    if (operator.includes('Not') || operator.endsWith('IfExists') || !clauses || typeof clauses !== 'object') continue;
    for (const [key, value] of Object.entries(clauses as Record<string, unknown>)) {
      const values = Array.isArray(value) ? value : [value];
      if (NARROWING_KEYS.has(key.toLowerCase()) && values.every((v) => typeof v === 'string' && !v.includes('*'))) return true;
    }
  }
  return false;
}

/** Why the bucket is public (empty when it is not). */
export function publicReasons(e: BucketExposure): string[] {
  const bpa = e.blockPublicAccess;
  const reasons: string[] = [];
  if (!bpa?.restrictPublicBuckets) {
    const raw = e.policy?.Statement;
    const statements = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) as Record<string, unknown>[];
    statements.forEach((s, i) => {
      if (s.Effect === 'Allow' && (isWildcardPrincipal(s.Principal) || s.NotPrincipal !== undefined) && !narrowed(s.Condition)) {
        reasons.push(`bucket policy statement ${String(s.Sid ?? i)} allows anyone`);
      }
    });
  }
  if (!bpa?.ignorePublicAcls) {
    for (const g of e.aclGrants) if (PUBLIC_GROUPS.includes(g.grantee)) reasons.push(`ACL grants ${g.permission} to ${g.grantee.split('/').pop()}`);
  }
  return reasons;
}
