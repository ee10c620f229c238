/**
 * What the escalation search may keep from one snapshot to the next of a replay (`activity/`),
 * because it depends only on entities that did not change: per principal and method, whether the
 * method may apply and the grants of its target-free requirements (a function of the principal's
 * own permissions alone), and per account and service, the roles that service may assume (a
 * function of each role's trust, instance profiles and service-linked flag). The search runs as
 * always over these answers, so its order and tie-breaking are those of a full scan; `invalidate`
 * drops what a change can reach, and anything it cannot attribute calls for a new cache.
 */
import type { Snapshot } from '../../model/snapshot/types.js';
import { indexPrincipals, type PrincipalIndex } from './principal-index.js';

/** Answers carried between searches; handed to `searchPaths` through `SearchOptions.cache`. */
export class EdgeCache {
  /** Principal ARN → per method: `null` (cannot apply), the target-free grants, or not yet decided. */
  readonly feasible = new Map<string, unknown[]>();
  /** Principal ARN → whether any method that leads to ADMIN may apply to it. */
  readonly gainsAdmin = new Map<string, boolean>();
  /** `account\0service` → roles that service may assume, in snapshot order. */
  readonly serviceRoles = new Map<string, Set<string>>();

  /** Per cached service-role list, the roles whose membership must be decided again before it is used. */
  readonly staleServiceRoles = new Map<string, Set<string>>();

  /**
   * Drops the answers a change can alter: those of `principals` (their own permissions changed),
   * and marks `roles` (their trust, instance profiles or service-linked flag changed) for a new
   * decision in the service-role lists of their accounts.
   */
  invalidate(principals: Iterable<string>, roles: Iterable<string>): void {
    for (const p of principals) {
      this.feasible.delete(p);
      this.gainsAdmin.delete(p);
    }
    for (const r of roles) {
      const account = r.split(':')[4] ?? '';
      for (const key of this.serviceRoles.keys()) {
        if (key.slice(0, key.indexOf('\u0000')) !== account) continue;
        let stale = this.staleServiceRoles.get(key);
        if (!stale) this.staleServiceRoles.set(key, (stale = new Set()));
        stale.add(r);
      }
    }
  }
}

/**
 * The principal index of `snapshot` from the index of the previous snapshot of a replay, when no
 * principal, group or policy was created, deleted or reordered: the actors of `principals` (users
 * and roles whose groups, attachments or boundary may have changed) are indexed again, every other
 * actor is kept, and the per-account lists are read from `snapshot`. Equal to `indexPrincipals(snapshot)`.
 */
export function carriedIndex(previous: PrincipalIndex, snapshot: Snapshot, principals: ReadonlySet<string>): PrincipalIndex {
  const part: Snapshot = { ...snapshot, accounts: snapshot.accounts.map((a) => ({ ...a, users: a.users.filter((u) => principals.has(u.arn)), roles: a.roles.filter((r) => principals.has(r.arn)) })) };
  const fresh = indexPrincipals(part);
  const index: PrincipalIndex = {
    actors: previous.actors.map((a) => fresh.actorByArn.get(a.arn) ?? a),
    actorByArn: new Map(),
    usersByAccount: new Map(),
    rolesByAccount: new Map(),
    groupsByAccount: new Map(),
    policyByArn: fresh.policyByArn,
  };
  for (const actor of index.actors) index.actorByArn.set(actor.arn, actor);
  // As `indexPrincipals` fills them: one entry per account that has any, in snapshot order.
  for (const account of snapshot.accounts) {
    if (account.groups.length > 0) index.groupsByAccount.set(account.accountId, [...account.groups]);
    if (account.users.length > 0) index.usersByAccount.set(account.accountId, [...account.users]);
    if (account.roles.length > 0) index.rolesByAccount.set(account.accountId, [...account.roles]);
  }
  return index;
}
