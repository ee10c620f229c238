/**
 * Resolves a method's `${Target}` against the snapshot: every candidate for one actor (`all`),
 * or only the candidates whose success gains one given node (`gaining`), which the backward
 * search uses so that it never enumerates every target of every actor.
 */
import type { IamRole } from '../../model/snapshot/types.js';
import type { EscalationMethod } from './method-types.js';
import type { AccessOracle } from '../access-oracle.js';
import { ArnOrder } from './arn-order.js';
import type { Actor, PrincipalIndex } from './principal-index.js';
import { PROBE_NAME } from './templates.js';

/** A method instantiated on one target. */
export interface Candidate {
  targetArn: string;
  targetName: string;
  targetPolicyArn?: string;
  /** Node reached when the method succeeds with gain `target`. */
  gained: string;
  /** The target is a principal the method creates (`new-user` / `new-role`). */
  created?: boolean;
}

/** Target lookups with caches per account, service and actor. */
export class TargetResolver {
  private readonly assumableCache = new Map<string, Set<string>>();
  private readonly groupAccount = new Map<string, string>();
  private readonly roleOrders = new Map<string, ArnOrder>();
  private readonly namedCache = new Map<string, string[]>();
  private readonly iamActionOf = new Map<EscalationMethod, { action: string; onPolicy: boolean } | undefined>();
  private readonly poolSets = new WeakMap<readonly string[], Set<string>>();
  private readonly poolRanks = new WeakMap<Set<string>, Map<string, number>>();
  private readonly holders = new Map<string, { holding(patterns: readonly string[]): string[] }>();
  /** Per method: whether it calls an IAM write API (which acts only on the caller's account). */
  private readonly writesIam = new Map<EscalationMethod, boolean>();

  constructor(
    private readonly index: PrincipalIndex,
    private readonly oracle: AccessOracle,
    /** Carried from the previous snapshot of a replay (`edge-cache.ts`). */
    private readonly serviceRoleCache = new Map<string, Set<string>>(),
    /** Per cached list, the roles whose membership a replayed change may have altered. */
    private readonly staleServiceRoles?: Map<string, Set<string>>,
  ) {
    for (const [account, groups] of index.groupsByAccount) for (const g of groups) this.groupAccount.set(g.arn, account);
  }

  /**
   * Every candidate of `method` for `actor`, in a stable order (snapshot order of targets). With
   * `narrow` (the default) roles this resolver's oracle says the actor's identity policies cannot
   * name are left out (`namedRoles`); callers deciding with another oracle (a gain's extra
   * grants) pass false.
   */
  all(actor: Actor, method: EscalationMethod, narrow = true): Candidate[] {
    return [...this.each(actor, method, narrow)];
  }

  /**
   * The candidates of `all`, in the same order, produced as they are asked for: a search that
   * stops at the first edge does not filter every role of the account for every actor.
   */
  *each(actor: Actor, method: EscalationMethod, narrow = true): Generator<Candidate> {
    if (method.target === 'role' || method.target === 'role-policy') {
      for (const r of narrow ? this.namedRoles(actor, method) : this.rolePool(actor, method)) {
        if (!this.roleTargetable(actor, method, r)) continue;
        if (method.target === 'role') yield self(r);
        else yield* this.rolePolicies(r);
      }
      return;
    }
    yield* this.listed(actor, method);
  }

  private listed(actor: Actor, method: EscalationMethod): Candidate[] {
    const account = actor.accountId;
    switch (method.target) {
      case 'self':
        return [self(actor.arn)];
      case 'self-policy':
        return actor.customerPolicyArns.map((p) => ({ targetArn: p, targetName: nameOf(p), gained: actor.arn }));
      case 'self-group':
        return actor.groupArns.map(self);
      case 'group':
        return (this.index.groupsByAccount.get(account) ?? []).filter((g) => !actor.groupArns.includes(g.arn)).map((g) => self(g.arn));
      case 'user':
        return (this.index.usersByAccount.get(account) ?? []).filter((u) => u.arn !== actor.arn).map((u) => self(u.arn));
      case 'role':
      case 'role-policy':
        return [...this.each(actor, method)];
      case 'service-role':
        return [...this.rolesTrustingService(account, method.service!, method.createsInstanceProfile)].filter((r) => r !== actor.arn).map(self);
      case 'new-user':
      case 'new-role':
        return this.newPrincipals(actor, method);
    }
  }

  /** The candidates of `method` for `actor` whose success gains `node`, in the same order as `all`. */
  gaining(actor: Actor, method: EscalationMethod, node: string): Candidate[] {
    if (node === actor.arn) return [];
    switch (method.target) {
      case 'self':
      case 'self-policy':
        return [];
      case 'self-group':
        return actor.groupArns.includes(node) ? [self(node)] : [];
      case 'group':
        return this.groupAccount.get(node) === actor.accountId && !actor.groupArns.includes(node) ? [self(node)] : [];
      case 'user': {
        const target = this.index.actorByArn.get(node);
        return target?.kind === 'user' && target.accountId === actor.accountId ? [self(node)] : [];
      }
      case 'role':
        return this.inRolePool(actor, method, node) && this.roleTargetable(actor, method, node) ? [self(node)] : [];
      case 'role-policy':
        return this.inRolePool(actor, method, node) && this.roleTargetable(actor, method, node) ? this.rolePolicies(node) : [];
      case 'service-role':
        return this.rolesTrustingService(actor.accountId, method.service!, method.createsInstanceProfile).has(node) ? [self(node)] : [];
      case 'new-user':
      case 'new-role':
        // A principal that does not exist yet is no node of the search.
        return [];
    }
  }

  /**
   * Roles (in `account`) that `service` may assume, in snapshot order; with `anyProfile`, EC2 roles
   * in no instance profile too (the method creates one).
   */
  rolesTrustingService(account: string, service: string, anyProfile = false): Set<string> {
    const key = `${account}\u0000${service}${anyProfile ? '\u0000any-profile' : ''}`;
    let roles = this.serviceRoleCache.get(key);
    const stale = roles && this.staleServiceRoles?.get(key);
    if (roles && stale) {
      // Carried from the previous snapshot of a replay: only the changed roles are decided again.
      this.staleServiceRoles!.delete(key);
      const kept = roles;
      const list = this.index.rolesByAccount.get(account) ?? [];
      if (list.some((r) => stale.has(r.arn) && this.runs(r, service, anyProfile) !== kept.has(r.arn))) {
        roles = new Set(list.filter((r) => (stale.has(r.arn) ? this.runs(r, service, anyProfile) : kept.has(r.arn))).map((r) => r.arn));
        this.serviceRoleCache.set(key, roles);
      }
    }
    if (!roles) {
      roles = new Set((this.index.rolesByAccount.get(account) ?? []).filter((r) => this.runs(r, service, anyProfile)).map((r) => r.arn));
      this.serviceRoleCache.set(key, roles);
    }
    return roles;
  }

  /**
   * Whether `service` may run `role`. EC2 runs a role only through an instance profile that
   * contains it (IAM User Guide, "Using an IAM role to grant permissions to applications running on
   * Amazon EC2 instances").
   */
  private runs(role: IamRole, service: string, anyProfile: boolean): boolean {
    return !role.serviceLinked && (anyProfile || service !== 'ec2.amazonaws.com' || role.instanceProfileArns.length > 0) && this.oracle.trusts(role.arn, service).allowed;
  }

  /**
   * Roles a method may target before filtering: methods that assume the role start from the
   * engine's candidates (trust policies naming the actor, its account or anyone); the others from
   * the actor's account.
   */
  private rolePool(actor: Actor, method: EscalationMethod): Iterable<string> {
    return method.requiresTrustOfActor ? this.assumable(actor) : this.roleOrder(actor.accountId).arns;
  }

  /** The ARNs of an account's roles, in snapshot order (indexed once per account). */
  private roleOrder(account: string): ArnOrder {
    let order = this.roleOrders.get(account);
    if (!order) {
      order = new ArnOrder((this.index.rolesByAccount.get(account) ?? []).map((r) => r.arn));
      this.roleOrders.set(account, order);
    }
    return order;
  }

  /**
   * The role pool narrowed to the roles the actor's identity policies may name for the method's
   * IAM action on the target (in the same order): no resource policy grants an IAM write API, so a
   * role no Allow statement names can never be a target. With a pattern for every role (`*`,
   * NotResource, variables) this is the whole pool. Remembered per actor and action.
   */
  private namedRoles(actor: Actor, method: EscalationMethod): Iterable<string> {
    const need = this.targetIamAction(method);
    const patterns = need ? this.oracle.identityResourcePatterns?.(actor.arn, need.action) ?? 'any' : 'any';
    if (!need || patterns === 'any') return this.rolePool(actor, method);
    const key = `${actor.arn}\u0000${need.action}\u0000${need.onPolicy}\u0000${method.requiresTrustOfActor ? 'trusting' : 'account'}`;
    let list = this.namedCache.get(key);
    if (!list) {
      // Roles of other accounts are no IAM-write targets anyway (roleTargetable).
      const named = new Set(need.onPolicy ? this.policyHolders(actor.accountId).holding(patterns) : this.roleOrder(actor.accountId).matching(patterns));
      if (method.requiresTrustOfActor) {
        // The pool's own order, without walking the pool (it is every role trusting the account).
        const rank = this.rankIn(this.assumable(actor));
        list = [...named].filter((r) => rank.has(r)).sort((a, b) => rank.get(a)! - rank.get(b)!);
      } else list = this.roleOrder(actor.accountId).inOrder(named);
      this.namedCache.set(key, list);
    }
    return list;
  }

  /** The first IAM action the method needs on the target role (`${Target}`) or on its policy (`${TargetPolicy}`), if any. */
  private targetIamAction(method: EscalationMethod): { action: string; onPolicy: boolean } | undefined {
    if (!this.iamActionOf.has(method)) {
      const r = method.requires.find((q) => q.action.startsWith('iam:') && (q.resource === '${Target}' || (method.target === 'role-policy' && q.resource === '${TargetPolicy}')));
      this.iamActionOf.set(method, r && { action: r.action, onPolicy: r.resource === '${TargetPolicy}' });
    }
    return this.iamActionOf.get(method);
  }

  /** The customer managed policies attached to an account's roles, with the roles holding each. */
  private policyHolders(account: string): { holding(patterns: readonly string[]): string[] } {
    let entry = this.holders.get(account);
    if (!entry) {
      const byPolicy = new Map<string, string[]>();
      for (const role of this.index.rolesByAccount.get(account) ?? []) {
        for (const p of this.index.actorByArn.get(role.arn)?.customerPolicyArns ?? []) {
          const list = byPolicy.get(p);
          if (list) list.push(role.arn);
          else byPolicy.set(p, [role.arn]);
        }
      }
      const order = new ArnOrder([...byPolicy.keys()]);
      entry = { holding: (patterns) => order.matching(patterns).flatMap((p) => byPolicy.get(p) ?? []) };
      this.holders.set(account, entry);
    }
    return entry;
  }

  private inRolePool(actor: Actor, method: EscalationMethod, role: string): boolean {
    if (!method.requiresTrustOfActor) {
      const target = this.index.actorByArn.get(role);
      return target?.kind === 'role' && target.accountId === actor.accountId;
    }
    // The inverse question answers without building the actor's whole candidate list.
    const named = this.oracle.assumersOf?.(role);
    if (named) return named.anyone || named.accounts.includes(actor.accountId) || named.arns.includes(actor.arn);
    return this.assumable(actor).has(role);
  }

  /** The oracle's candidate roles for `actor`, asked once per actor (a Set keeps the oracle's order). */
  private assumable(actor: Actor): Set<string> {
    let set = this.assumableCache.get(actor.arn);
    if (!set) {
      const list = this.oracle.candidateRolesAssumableBy(actor.arn);
      // Actors of one account usually get the same list object: one Set for all of them.
      set = this.poolSets.get(list);
      if (!set) this.poolSets.set(list, (set = new Set(list)));
      this.assumableCache.set(actor.arn, set);
    }
    return set;
  }

  /** Position of each role in a pool (built once per distinct pool). */
  private rankIn(pool: Set<string>): Map<string, number> {
    let rank = this.poolRanks.get(pool);
    if (!rank) {
      rank = new Map();
      for (const r of pool) rank.set(r, rank.size);
      this.poolRanks.set(pool, rank);
    }
    return rank;
  }

  /** IAM write APIs act only on the caller's account; `sts:AssumeRole` alone crosses accounts. */
  private roleTargetable(actor: Actor, method: EscalationMethod, arn: string): boolean {
    if (arn === actor.arn) return false;
    const role = this.index.actorByArn.get(arn);
    if (role === undefined || role.serviceLinked) return false;
    let iam = this.writesIam.get(method);
    if (iam === undefined) this.writesIam.set(method, (iam = method.requires.some((r) => r.action.startsWith('iam:'))));
    return !iam || role.accountId === actor.accountId;
  }

  /**
   * Principals `actor` may create: one fresh name, plus one under each name pattern its identity
   * policies give the method's `iam:Create*` action (`user/new-*` → `user/new-cordon-probe-7f3a`).
   * Names taken in the snapshot are left out (creating them fails).
   */
  private newPrincipals(actor: Actor, method: EscalationMethod): Candidate[] {
    const kind = method.target === 'new-user' ? 'user' : 'role';
    const create = method.requires.find((r) => r.action.startsWith('iam:Create'))?.action;
    const patterns = create ? this.oracle.identityResourcePatterns?.(actor.arn, create) ?? 'any' : 'any';
    const paths = new Set<string>([PROBE_NAME]);
    for (const p of patterns === 'any' ? [] : patterns) {
      const at = p.indexOf(`:${kind}/`);
      if (at >= 0 && !p.includes('${') && paths.size < MAX_NEW_NAMES) paths.add(fillWildcards(p.slice(at + kind.length + 2)));
    }
    return [...paths]
      .map((path) => `arn:${actor.partition}:iam::${actor.accountId}:${kind}/${path}`)
      .filter((arn) => !this.index.actorByArn.has(arn))
      .map((arn) => ({ ...self(arn), created: true }));
  }

  private rolePolicies(role: string): Candidate[] {
    return (this.index.actorByArn.get(role)?.customerPolicyArns ?? []).map((p) => ({ targetArn: role, targetName: nameOf(role), targetPolicyArn: p, gained: role }));
  }
}

/** At most this many candidate names per created principal (each costs engine decisions). */
const MAX_NEW_NAMES = 8;

/** A name pattern made concrete: every run of `*` / `?` becomes the probe name (no regex: policy text). */
function fillWildcards(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch !== '*' && ch !== '?') out += ch;
    else if (i === 0 || (pattern[i - 1] !== '*' && pattern[i - 1] !== '?')) out += PROBE_NAME;
  }
  return out;
}

function self(arn: string): Candidate {
  return { targetArn: arn, targetName: nameOf(arn), gained: arn };
}

/** Last path segment of an ARN (`.../role/path/name` → `name`). */
function nameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
