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
const PUBLIC_IDPS = new Set(['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com', 'token.actions.githubusercontent.com', 'gitlab.com', 'app.terraform.io']);

/**
 * Claim values that name who at a public provider may assume the role. A `sub` pins a subject when
 * everything up to its owner segment is literal: GitHub `repo:OWNER/...`, GitLab
 * `project_path:GROUP/...`, Terraform Cloud `organization:ORG:...`; other providers' `sub` is an
 * opaque per-user id, so any literal prefix before a wildcard counts. `repo:*` or `*` pins nobody.
 */
function pinsSubject(provider: string, claim: string, value: string, like: boolean): boolean {
  const literal = like ? value.split(/[*?]/)[0]! : value;
  if (!like || literal === value) return value.length > 0; // StringEquals / no wildcard: one subject
  const name = claim.slice(claim.lastIndexOf(':') + 1);
  if (name !== 'sub') return /^[^/:]+[/:]/.test(literal); // repository / repository_owner claims: the owner part is literal
  if (provider === 'token.actions.githubusercontent.com') return /^repo:[^/:]+\//.test(literal) || /^repository_owner(_id)?:[^:]+:/.test(literal);
  if (provider === 'gitlab.com') return /^project_path:[^/:]+\//.test(literal);
  if (provider === 'app.terraform.io') return /^organization:[^:]+:/.test(literal);
  return literal.length > 0;
}

/** True when a claim condition of the statement narrows a public provider's users to named subjects. */
function subjectBound(provider: string, scope: ConditionScope): boolean {
  const prefix = `${provider.toLowerCase()}:`;
  // Cognito identity: `aud` is the identity pool id, which belongs to one account (IAM User Guide,
  // "Role for Amazon Cognito"); everywhere else the audience is shared by every user of the provider.
  const subjectClaim = (key: string) => (provider === 'cognito-identity.amazonaws.com' ? /:(aud|sub)$/.test(key) : !/:(aud|azp|amr)$/.test(key));
  return scope.claims.some((c) => c.key.startsWith(prefix) && subjectClaim(c.key) && c.values.length > 0 && c.values.every((v) => pinsSubject(provider, c.key, v, c.like)));
}

/** How the resource type reads "public": S3 applies its own meaning (fixed network sources are not public). */
export interface ReachOptions {
  s3Meaning: boolean;
}

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
export function externalReach(atom: PrincipalAtom, scope: ConditionScope, zone: ZoneOfTrust, knownOrgAccounts: ReadonlySet<string>, options: ReachOptions = { s3Meaning: false }): ExternalReach[] {
  switch (atom.kind) {
    case 'service':
    case 'canonical':
      return atom.kind === 'canonical' ? [{ principal: { CanonicalUser: atom.id }, key: `CanonicalUser:${atom.id}`, isPublic: false, restriction: {} }] : [];
    case 'federated': {
      // Anyone with an account at a public provider gets a token; only a claim naming subjects
      // (sub) restricts who. An `aud` condition alone names the audience, which every token of
      // that provider for AWS carries (IAM User Guide, "Configuring a role for GitHub OIDC").
      const provider = atom.provider.includes(':oidc-provider/') ? atom.provider.split(':oidc-provider/')[1]! : atom.provider;
      const isPublic = PUBLIC_IDPS.has(provider) && !subjectBound(provider, scope);
      return [{ principal: { Federated: atom.provider }, key: `Federated:${atom.provider}`, isPublic, restriction: {} }];
    }
    case 'aws': {
      if (scope.serviceOnly) return [];
      // Source keys are only in the context of a service acting for a resource: an account's
      // principals calling directly never carry them, so nothing reaches through this statement.
      if (scope.sourceRestricted) return [];
      if (scope.accounts && !scope.accounts.includes(atom.account)) return [];
      if (zone.accounts.has(atom.account)) return [];
      // An organization condition the outside account cannot meet closes the door.
      if (scope.orgIds && !orgCouldInclude(scope.orgIds, atom.account, zone, knownOrgAccounts)) return [];
      const id = atom.arn ?? atom.account;
      return [{ principal: { AWS: id }, key: `AWS:${id}`, isPublic: false, account: atom.account, restriction: scope.orgIds ? { 'aws:PrincipalOrgID': scope.orgIds } : {} }];
    }
    case 'anyone': {
      if (scope.serviceOnly) return [];
      if (scope.sourceRestricted) return serviceSourceReach(scope, zone);
      if (scope.accounts) {
        return scope.accounts
          .filter((a) => !zone.accounts.has(a) && (!scope.orgIds || orgCouldInclude(scope.orgIds, a, zone, knownOrgAccounts)))
          .map((a) => ({ principal: { AWS: a }, key: `AWS:${a}`, isPublic: false, account: a, restriction: {} }));
      }
      if (scope.orgIds) {
        if (zone.orgId !== undefined && scope.orgIds.every((o) => o === zone.orgId) && zone.kind === 'organization') return [];
        return [{ principal: { AWS: '*' }, key: `AWS:*|org:${[...scope.orgIds].sort().join(',')}`, isPublic: false, restriction: { 'aws:PrincipalOrgID': scope.orgIds } }];
      }
      // S3's meaning of public: a fixed VPC, VPC endpoint or narrow IP range is not public.
      if (options.s3Meaning && scope.s3Fixed) return [{ principal: { AWS: '*' }, key: 'AWS:*|fixed-source', isPublic: false, restriction: {} }];
      return [{ principal: { AWS: '*' }, key: 'AWS:*', isPublic: true, restriction: {} }];
    }
  }
}

/**
 * `Principal: *` under `aws:SourceAccount` / `aws:SourceArn` / `aws:SourceOwner` / `aws:SourceOrgID`:
 * only a service acting for a resource of those accounts (or that organization) gets in. Inside the
 * zone that is neither public nor external; pinned outside, it is external to those accounts;
 * unpinned (a wildcard ARN), it is external but not public.
 */
function serviceSourceReach(scope: ConditionScope, zone: ZoneOfTrust): ExternalReach[] {
  if (scope.sourceAccounts) {
    return scope.sourceAccounts
      .filter((a) => !zone.accounts.has(a))
      .map((a) => ({ principal: { AWS: a }, key: `AWS:${a}|source`, isPublic: false, account: a, restriction: {} }));
  }
  if (scope.sourceOrgIds) {
    if (zone.kind === 'organization' && zone.orgId !== undefined && scope.sourceOrgIds.every((o) => o === zone.orgId)) return [];
    return [{ principal: { AWS: '*' }, key: `AWS:*|source-org:${[...scope.sourceOrgIds].sort().join(',')}`, isPublic: false, restriction: {} }];
  }
  return [{ principal: { AWS: '*' }, key: 'AWS:*|source', isPublic: false, restriction: {} }];
}

/** Could principals of `account` be in one of `orgIds`? Only the zone's own org is known. */
function orgCouldInclude(orgIds: readonly string[], account: string, zone: ZoneOfTrust, knownOrgAccounts: ReadonlySet<string>): boolean {
  if (zone.orgId === undefined) return true; // the snapshot does not know the org: stay conservative
  if (orgIds.every((o) => o === zone.orgId)) return knownOrgAccounts.has(account);
  return true;
}
