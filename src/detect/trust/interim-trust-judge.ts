/**
 * INTERIM trust-policy judge, used until the authorization engine (`src/engine/`) exports a
 * zone-of-trust query. It reads the `Principal` of each Allow statement: an account id or ARN
 * outside the zone is external; `*` (or `{"AWS":"*"}`) is external unless a condition pins the
 * caller to the zone (`aws:PrincipalAccount`, `aws:PrincipalOrgID`, `aws:PrincipalArn`,
 * `aws:SourceAccount` with only in-zone values); `NotPrincipal` with Allow is external; service
 * principals are not; web-identity providers and SAML providers of other accounts are.
 * It ignores Deny statements (so it may over-report, never under-report, a Deny-narrowed trust).
 */
import { readPolicyDocument, statementsOf, type LooseStatement } from '../rules/policy-document.js';
import type { TrustPolicyJudge, TrustVerdict, TrustZone } from '../rule-types.js';

const ACCOUNT = /^\d{12}$/;

/** The account a principal string names, if any (`123456789012`, `arn:aws:iam::123456789012:...`). */
export function principalAccount(principal: string): string | undefined {
  if (ACCOUNT.test(principal)) return principal;
  const parts = principal.split(':');
  if (parts.length >= 6 && parts[0] === 'arn' && ACCOUNT.test(parts[4]!)) return parts[4];
  return undefined;
}

const values = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);

/** True when a condition restricts callers to the zone (every listed value in zone). */
function conditionPinsToZone(s: LooseStatement, zone: TrustZone): boolean {
  for (const [op, block] of Object.entries(s.condition)) {
    if (op.startsWith('ForAnyValue') || op.includes('Not') || op.endsWith('IfExists')) continue;
    for (const [key, v] of Object.entries(block ?? {})) {
      const k = key.toLowerCase();
      const vals = values(v);
      if (vals.length === 0) continue;
      if ((k === 'aws:principalaccount' || k === 'aws:sourceaccount') && vals.every((a) => zone.accounts.has(a))) return true;
      if (k === 'aws:principalorgid' && zone.orgId && vals.every((o) => o === zone.orgId)) return true;
      if (k === 'aws:principalarn' && vals.every((a) => {
        const acct = principalAccount(a);
        return acct !== undefined && zone.accounts.has(acct);
      })) return true;
    }
  }
  return false;
}

/** Outside principals of one Allow statement. */
function externalOf(s: LooseStatement, zone: TrustZone): string[] {
  if (s.notPrincipal) return ['*'];
  const p = s.principal;
  if (p === '*') return conditionPinsToZone(s, zone) ? [] : ['*'];
  if (typeof p !== 'object' || p === null) return [];
  const out: string[] = [];
  const map = p as Record<string, unknown>;
  for (const aws of values(map.AWS)) {
    if (aws === '*') {
      if (!conditionPinsToZone(s, zone)) out.push('*');
      continue;
    }
    const acct = principalAccount(aws);
    if (acct === undefined || !zone.accounts.has(acct)) out.push(aws);
  }
  for (const fed of values(map.Federated)) {
    const acct = principalAccount(fed);
    // A SAML/OIDC provider of a zone account is inside; a public IdP (cognito, Google, ...) is not.
    if (acct === undefined || !zone.accounts.has(acct)) out.push(fed);
  }
  return out;
}

/** The interim judge (see the file comment for what it covers). */
export const interimTrustJudge: TrustPolicyJudge = {
  name: 'interim-principal-reader',
  isExternal(policyDocument: unknown, zone: TrustZone): TrustVerdict {
    const doc = readPolicyDocument(policyDocument);
    if (!doc) return { external: false, principals: [], reason: 'trust policy unreadable' };
    const principals = new Set<string>();
    for (const s of statementsOf(doc)) if (s.effect === 'Allow') for (const p of externalOf(s, zone)) principals.add(p);
    const sorted = [...principals].sort();
    return sorted.length > 0
      ? { external: true, principals: sorted, reason: `trusts ${sorted.join(', ')} outside the zone of trust (${[...zone.accounts].sort().join(', ')})` }
      : { external: false, principals: [], reason: 'every trusted principal is inside the zone of trust' };
  },
};
