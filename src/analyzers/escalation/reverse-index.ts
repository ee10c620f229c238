/**
 * Which principals may have an edge into a node: the backward search asks `mayReach(node)` and
 * examines only those, in ARN order. A superset is always safe (the edge is then decided by the
 * engine); the index only has to keep the lists short. Edges into a user or group come from
 * principals of its account with a method gaining that kind; edges into a role from the
 * principals its trust policy names (role assumption) and from principals of its account with a
 * method that acts on roles directly (trust rewrite, pass-role, existing compute).
 */
import type { AccessOracle } from '../access-oracle.js';
import { ADMIN, gainsKind, type EdgeFinder } from './edges.js';
import type { PrincipalIndex } from './principal-index.js';

type Kind = 'user' | 'group' | 'role' | 'assume';

/** Lazily built lists of actor positions (indexes into `index.actors`, so ARN order). */
export class ReverseIndex {
  private readonly byAccount = new Map<string, number[]>();
  private readonly filtered = new Map<string, number[]>();
  private readonly position = new Map<string, number>();
  private readonly groupAccount = new Map<string, string>();
  private readonly everyone: number[];
  /** Whether every assume-based method needs `sts:AssumeRole` (then the caller's own policies must allow it). */
  private readonly assumeNeedsIdentity: boolean;

  constructor(
    private readonly index: PrincipalIndex,
    private readonly oracle: AccessOracle,
    private readonly finder: EdgeFinder,
  ) {
    index.actors.forEach((actor, i) => {
      this.position.set(actor.arn, i);
      const list = this.byAccount.get(actor.accountId);
      if (list) list.push(i);
      else this.byAccount.set(actor.accountId, [i]);
    });
    for (const [account, groups] of index.groupsByAccount) for (const g of groups) this.groupAccount.set(g.arn, account);
    this.everyone = index.actors.map((_, i) => i);
    this.assumeNeedsIdentity = finder.methods.filter((m) => m.requiresTrustOfActor).every((m) => m.requires.some((r) => r.action === 'sts:AssumeRole'));
  }

  /** Positions of the principals that may have an edge into `node`, ascending. */
  mayReach(node: string): readonly number[] {
    if (node === ADMIN) return this.everyone;
    const group = this.groupAccount.get(node);
    if (group !== undefined) return this.list(group, 'group');
    const actor = this.index.actorByArn.get(node);
    if (!actor) return [];
    if (actor.kind === 'user') return this.list(actor.accountId, 'user');
    const direct = this.list(actor.accountId, 'role');
    const assumers = this.assumers(node);
    if (assumers === this.everyone) return assumers;
    return [...new Set([...direct, ...assumers])].sort((a, b) => a - b);
  }

  /** Principals a role's trust policy may let in (by name, by account, or anyone). */
  private assumers(role: string): readonly number[] {
    const named = this.oracle.assumersOf?.(role);
    if (!named || named.anyone) return this.everyone;
    const out: number[] = [];
    for (const arn of named.arns) {
      const i = this.position.get(arn);
      if (i !== undefined) out.push(i);
    }
    // Trusting an account delegates to its IAM policies: the caller's own policies must allow AssumeRole.
    for (const account of named.accounts) out.push(...(this.assumeNeedsIdentity ? this.list(account, 'assume') : (this.byAccount.get(account) ?? [])));
    return out;
  }

  /** Principals of `account` with a method that may gain a node of `kind`. */
  private list(account: string, kind: Kind): readonly number[] {
    const key = `${account}\u0000${kind}`;
    let list = this.filtered.get(key);
    if (!list) {
      const mayGain = (i: number): boolean => {
        const actor = this.index.actors[i]!;
        if (kind === 'assume') return this.oracle.identityMayDo?.(actor.arn, 'sts:AssumeRole') ?? true;
        return this.finder.methods.some((m, n) => gainsKind(m) === kind && !(kind === 'role' && m.requiresTrustOfActor) && this.finder.isFeasible(actor, n));
      };
      list = (this.byAccount.get(account) ?? []).filter(mayGain);
      this.filtered.set(key, list);
    }
    return list;
  }
}


