/**
 * Zone of trust (IAM Access Analyzer's term): the accounts whose principals are "inside". Access
 * from any other principal is external; access from anyone is public.
 */
import type { Snapshot } from '../../model/snapshot/types.js';

export type ZoneKind = 'account' | 'organization';

export interface ZoneOfTrust {
  kind: ZoneKind;
  /** Accounts inside the zone. */
  accounts: ReadonlySet<string>;
  /**
   * The snapshot's organization id (for `aws:PrincipalOrgID` conditions): it tells which accounts
   * can meet an org condition even when the zone is one account.
   */
  orgId?: string;
}

/**
 * The zone for a resource owned by `accountId`: that account alone, or every account of the
 * snapshot's organization (falling back to the account when the snapshot has no organization).
 */
export function zoneFor(snapshot: Snapshot, accountId: string, kind: ZoneKind): ZoneOfTrust {
  const org = snapshot.organization;
  if (kind === 'organization' && org) {
    const accounts = new Set([org.managementAccountId, ...org.accounts.map((a) => a.id)]);
    if (accounts.has(accountId)) return { kind, accounts, orgId: org.id };
  }
  return { kind, accounts: new Set([accountId]), orgId: org?.id };
}
