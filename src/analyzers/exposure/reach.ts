/**
 * Who one Allow statement of a resource-based policy lets in: its principals, cut down by the
 * identity conditions (`conditionScope`), judged against the zone of trust.
 */
import type { FindingPrincipal } from '../../model/finding.js';
import type { PrincipalBlock } from '../../model/policy/ast.js';
import type { ConditionScope } from './condition-scope.js';
import type { ZoneOfTrust } from './zone.js';

/** One principal as written in a policy. */
export type PrincipalAtom =
  | { kind: 'anyone' }
  | { kind: 'aws'; account: string; arn?: string }
  | { kind: 'service'; service: string }
  | { kind: 'federated'; provider: string }
  | { kind: 'canonical'; id: string };

/** An outside principal that can get access, as a finding reports it. */
export interface ExternalReach {
  principal: FindingPrincipal;
  /** Key that identifies the principal across scans (part of the finding id). */
  key: string;
  isPublic: boolean;
  /** For `aws` principals: the account, when one is known. */
  account?: string;
  /** Identity restrictions that still apply (e.g. an organization that is not the zone's). */
  restriction: Record<string, string[]>;
}

const ACCOUNT_ID = /^\d{12}$/;
/** Web-identity providers anyone can get a token from. */
const PUBLIC_IDPS = new Set(['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com', 'token.actions.githubusercontent.com']);

/** Splits a Principal / NotPrincipal block into atoms. `NotPrincipal` with Allow admits anyone. */
export function principalAtoms(block: PrincipalBlock | undefined): PrincipalAtom[] {
  if (!block || block.wildcard || block.kind === 'NotPrincipal') return [{ kind: 'anyone' }];
  const atoms: PrincipalAtom[] = [];
  for (const { type, value } of block.values) {
    const v = value.value;
    if (type === 'AWS') {
      if (v === '*') atoms.push({ kind: 'anyone' });
      else if (ACCOUNT_ID.test(v)) atoms.push({ kind: 'aws', account: v });
      else {
        const account = v.split(':')[4] ?? '';
        // Unique ids (AIDA…) stand for deleted principals: nobody can use them.
        if (!ACCOUNT_ID.test(account)) continue;
        atoms.push(v.endsWith(':root') ? { kind: 'aws', account } : { kind: 'aws', account, arn: v });
      }
    } else if (type === 'Service') atoms.push({ kind: 'service', service: v });
    else if (type === 'Federated') atoms.push({ kind: 'federated', provider: v });
    else atoms.push({ kind: 'canonical', id: v });
  }
  return atoms;
}

/** The outside principals `atom` admits under `scope`, or none when it stays inside the zone. */
export function externalReach(atom: PrincipalAtom, scope: ConditionScope, zone: ZoneOfTrust, knownOrgAccounts: ReadonlySet<string>): ExternalReach[] {
  switch (atom.kind) {
    case 'service':
    case 'canonical':
      return atom.kind === 'canonical' ? [{ principal: { CanonicalUser: atom.id }, key: `CanonicalUser:${atom.id}`, isPublic: false, restriction: {} }] : [];
    case 'federated': {
      const provider = atom.provider.includes(':oidc-provider/') ? atom.provider.split(':oidc-provider/')[1]! : atom.provider;
      const audienceBound = Object.keys(scope.narrowing).some((k) => /:(aud|sub|amr)$/i.test(k));
      return [{ principal: { Federated: atom.provider }, key: `Federated:${atom.provider}`, isPublic: PUBLIC_IDPS.has(provider) && !audienceBound, restriction: {} }];
    }
    case 'aws': {
      if (scope.serviceOnly) return [];
      if (scope.accounts && !scope.accounts.includes(atom.account)) return [];
      if (zone.accounts.has(atom.account)) return [];
      // An organization condition the outside account cannot meet closes the door.
      if (scope.orgIds && !orgCouldInclude(scope.orgIds, atom.account, zone, knownOrgAccounts)) return [];
      const id = atom.arn ?? atom.account;
      return [{ principal: { AWS: id }, key: `AWS:${id}`, isPublic: false, account: atom.account, restriction: scope.orgIds ? { 'aws:PrincipalOrgID': scope.orgIds } : {} }];
    }
    case 'anyone': {
      if (scope.serviceOnly) return [];
      if (scope.accounts) {
        return scope.accounts
          .filter((a) => !zone.accounts.has(a) && (!scope.orgIds || orgCouldInclude(scope.orgIds, a, zone, knownOrgAccounts)))
          .map((a) => ({ principal: { AWS: a }, key: `AWS:${a}`, isPublic: false, account: a, restriction: {} }));
      }
      if (scope.orgIds) {
        if (zone.orgId !== undefined && scope.orgIds.every((o) => o === zone.orgId) && zone.kind === 'organization') return [];
        return [{ principal: { AWS: '*' }, key: `AWS:*|org:${[...scope.orgIds].sort().join(',')}`, isPublic: false, restriction: { 'aws:PrincipalOrgID': scope.orgIds } }];
      }
      return [{ principal: { AWS: '*' }, key: 'AWS:*', isPublic: true, restriction: {} }];
    }
  }
}

/** Could principals of `account` be in one of `orgIds`? Only the zone's own org is known. */
function orgCouldInclude(orgIds: readonly string[], account: string, zone: ZoneOfTrust, knownOrgAccounts: ReadonlySet<string>): boolean {
  if (zone.orgId === undefined) return true; // the snapshot does not know the org: stay conservative
  if (orgIds.every((o) => o === zone.orgId)) return knownOrgAccounts.has(account);
  return true;
}
