/**
 * Which principals may have an edge into a node: the backward search asks `mayReach(node)` and
 * examines only those, in ARN order. A superset is always safe (the edge is then decided by the
 * engine); the index only has to keep the lists short. Per method that gains the node: role
 * assumption starts from the principals the role's trust names; a method whose IAM action names
 * the target from the principals whose statements name that resource (`PatternIndex`); any other
 * from the principals of the account for which the method is feasible at all.
 */
import type { AccessOracle } from '../access-oracle.js';
import { ADMIN, gainsKind, type EdgeFinder } from './edges.js';
import type { EscalationMethod, Requirement } from './method-types.js';
import { PatternIndex } from './pattern-index.js';
import type { PrincipalIndex } from './principal-index.js';

/** Lazily built lists of actor positions (indexes into `index.actors`, so ARN order). */
export class ReverseIndex {
  private readonly byAccount = new Map<string, number[]>();
  private readonly perMethod = new Map<string, readonly number[] | PatternIndex>();
  private readonly assumerLists = new Map<string, PatternIndex>();
  private readonly position = new Map<string, number>();
  private readonly groupAccount = new Map<string, string>();
  private readonly everyone: number[];
  /** Dedup marks for `mayReach`: position → the call that last added it. */
  private readonly seen: Uint32Array;
  private epoch = 0;
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
    this.seen = new Uint32Array(index.actors.length);
    this.assumeNeedsIdentity = finder.methods.filter((m) => m.requiresTrustOfActor).every((m) => m.requires.some((r) => r.action === 'sts:AssumeRole'));
  }

  /**
   * Positions of the principals that may have an edge into `node`, ascending, leaving out those
   * `skip` marks (already reached: the search would pass over them). Filtering here, before the
   * candidate lists are merged, keeps each call proportional to the principals still open instead
   * of to every feasible one, which made the search quadratic in large accounts.
   */
  mayReach(node: string, skip?: Uint8Array): readonly number[] {
    if (node === ADMIN) return skip ? this.everyone.filter((i) => !skip[i]) : this.everyone;
    const groupAccount = this.groupAccount.get(node);
    const actor = this.index.actorByArn.get(node);
    const kind = groupAccount !== undefined ? 'group' : actor?.kind;
    const account = groupAccount ?? actor?.accountId;
    if (!kind || account === undefined) return [];
    const found: number[] = [];
    const stamp = ++this.epoch;
    const add = (list: readonly number[]) => {
      for (const i of list) {
        if ((skip && skip[i]) || this.seen[i] === stamp) continue;
        this.seen[i] = stamp;
        found.push(i);
      }
    };
    let assumersAdded = false;
    this.finder.methods.forEach((method, m) => {
      if (gainsKind(method) !== kind) return;
      if (method.requiresTrustOfActor) {
        if (!assumersAdded) add(this.assumers(node));
        assumersAdded = true;
        return;
      }
      // Pass-role and existing-compute methods reach only roles their service may assume.
      if (method.target === 'service-role' && !this.finder.targets.rolesTrustingService(account, method.service!, method.createsInstanceProfile).has(node)) return;
      const candidates = this.forMethod(account, m);
      add(candidates instanceof PatternIndex ? candidates.candidates(node) : candidates);
    });
    return found.sort((a, b) => a - b);
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
    for (const account of named.accounts) out.push(...(this.assumeNeedsIdentity ? this.identityAssumers(account).candidates(role) : (this.byAccount.get(account) ?? [])));
    return out;
  }

  /** Principals of `account` whose own statements may allow `sts:AssumeRole`, by the roles they name. */
  private identityAssumers(account: string): PatternIndex {
    let patterns = this.assumerLists.get(account);
    if (!patterns) {
      patterns = new PatternIndex();
      for (const i of this.byAccount.get(account) ?? []) {
        const arn = this.index.actors[i]!.arn;
        if (this.oracle.identityMayDo?.(arn, 'sts:AssumeRole') ?? true) patterns.add(i, this.oracle.identityResourcePatterns?.(arn, 'sts:AssumeRole') ?? 'any');
      }
      this.assumerLists.set(account, patterns);
    }
    return patterns;
  }

  /** Principals of `account` for which method `m` is feasible, indexed by target when its IAM action names it. */
  private forMethod(account: string, m: number): readonly number[] | PatternIndex {
    const key = `${account}\u0000${m}`;
    let entry = this.perMethod.get(key);
    if (!entry) {
      const feasible = (this.byAccount.get(account) ?? []).filter((i) => this.finder.isFeasible(this.index.actors[i]!, m));
      const named = keyRequirement(this.finder.methods[m]!);
      const patternsOf = this.oracle.identityResourcePatterns?.bind(this.oracle);
      if (named && patternsOf) {
        const patterns = new PatternIndex();
        for (const i of feasible) patterns.add(i, patternsOf(this.index.actors[i]!.arn, named.action));
        entry = patterns;
      } else entry = feasible;
      this.perMethod.set(key, entry);
    }
    return entry;
  }
}

/** An IAM requirement on the target itself: only identity statements naming the target can grant it. */
function keyRequirement(method: EscalationMethod): Requirement | undefined {
  return method.requires.find((r) => r.action.startsWith('iam:') && r.resource === '${Target}');
}
