/**
 * What the escalation search may keep from one snapshot to the next of a replay (`activity/`),
 * because it depends only on entities that did not change: per principal and method, whether the
 * method may apply and the grants of its target-free requirements (a function of the principal's
 * own permissions alone), and per account and service, the roles that service may assume (a
 * function of each role's trust, instance profiles and service-linked flag). The search runs as
 * always over these answers, so its order and tie-breaking are those of a full scan; `invalidate`
 * drops what a change can reach, and anything it cannot attribute calls for a new cache.
 */

/** Answers carried between searches; handed to `searchPaths` through `SearchOptions.cache`. */
export class EdgeCache {
  /** Principal ARN → per method: `null` (cannot apply), the target-free grants, or not yet decided. */
  readonly feasible = new Map<string, unknown[]>();
  /** Principal ARN → whether any method that leads to ADMIN may apply to it. */
  readonly gainsAdmin = new Map<string, boolean>();
  /** `account\0service` → roles that service may assume, in snapshot order. */
  readonly serviceRoles = new Map<string, Set<string>>();

  /**
   * Drops the answers a change can alter: those of `principals` (their own permissions changed)
   * and the service-role lists of the accounts of `roles` (their trust, instance profiles or
   * service-linked flag changed).
   */
  invalidate(principals: Iterable<string>, roles: Iterable<string>): void {
    for (const p of principals) {
      this.feasible.delete(p);
      this.gainsAdmin.delete(p);
    }
    const accounts = new Set<string>();
    for (const r of roles) accounts.add(r.split(':')[4] ?? '');
    if (accounts.size === 0) return;
    for (const key of [...this.serviceRoles.keys()]) if (accounts.has(key.slice(0, key.indexOf('\u0000')))) this.serviceRoles.delete(key);
  }
}
