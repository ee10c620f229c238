/**
 * Organization paths: which SCPs and RCPs apply at each level from the root down to an account,
 * and the `aws:PrincipalOrgPaths` value of an account.
 */
import type { OrganizationSnapshot } from '../model/snapshot/types.js';

/** Ids from the root to the account (root, OUs..., account). */
export function levelIds(org: OrganizationSnapshot, accountId: string): string[] | undefined {
  const account = org.accounts.find((a) => a.id === accountId);
  if (!account) return undefined;
  const parents = new Map(org.units.map((u) => [u.id, u.parentId]));
  const chain: string[] = [];
  let cur: string | undefined = account.parentId;
  const seen = new Set<string>();
  while (cur && !seen.has(cur)) {
    seen.add(cur);
    chain.unshift(cur);
    if (cur === org.rootId) break;
    cur = parents.get(cur);
  }
  if (chain[0] !== org.rootId) chain.unshift(org.rootId);
  chain.push(accountId);
  return chain;
}

/** `o-xxx/r-yyy/ou-a/ou-b/` for an account (without the account itself, as AWS reports it). */
export function orgPathOf(org: OrganizationSnapshot, accountId: string): string | undefined {
  const ids = levelIds(org, accountId);
  if (!ids) return undefined;
  return `${org.id}/${ids.slice(0, -1).join('/')}/`;
}

/** Per level (root → account): ids of the org policies of `type` attached there. */
export function policiesByLevel(org: OrganizationSnapshot, accountId: string, type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'): string[][] | undefined {
  const ids = levelIds(org, accountId);
  if (!ids) return undefined;
  const ofType = org.policies.filter((p) => p.type === type);
  return ids.map((id) => ofType.filter((p) => p.targets.includes(id)).map((p) => p.id));
}
