/**
 * An `AccessOracle` whose answers survive from one snapshot to the next (the timeline replays
 * one IAM change at a time). Every answer is filed under the entities it depends on — the asking
 * principal (its identity policies, groups, managed policies, boundary), and for a request also
 * its resource (a role's trust policy, a resource policy) — and `advance` drops exactly the
 * answers of the entities a change touched; the rest are the answers the engine would give again.
 * Misses go to an oracle built lazily for the current snapshot. Organization policies, the clock
 * and anything the caller cannot attribute are the caller's to handle: it starts a new cache.
 */
import type { AccessOracle, PermissionChange, ProbeRequest, TrustedPrincipals, Verdict } from './access-oracle.js';

/** Entities whose answers a change invalidates (ARNs). */
export interface OracleChange {
  /** Users, roles and groups whose own permissions (or group/managed policies) changed. */
  principals: ReadonlySet<string>;
  /** Principals, groups, policies and resources that changed: requests on them are decided again. */
  resources: ReadonlySet<string>;
  /** Roles whose trust policy changed: who may assume them, and what each principal may assume. */
  trusts: ReadonlySet<string>;
}

/** Cached answers about one principal. */
interface PrincipalAnswers {
  mayDo: Map<string, boolean>;
  identityDo: Map<string, boolean>;
  identityOn: Map<string, boolean>;
  patterns: Map<string, string[] | 'any'>;
  admin?: Verdict;
  after: Map<string, Verdict>;
  /** resource → request key → verdict */
  decide: Map<string, Map<string, Verdict>>;
  candidates?: readonly string[];
}

/** Counters for benchmarks: answers served from the cache, and questions the engine answered. */
export interface OracleCacheStats {
  hits: number;
  misses: number;
  builds: number;
}

/** Carries an oracle's answers across snapshots; `oracle` is the facade the analyzers use. */
export class CarriedOracle {
  readonly oracle: AccessOracle;
  readonly stats: OracleCacheStats = { hits: 0, misses: 0, builds: 0 };
  private current: AccessOracle | undefined;
  private readonly principals = new Map<string, PrincipalAnswers>();
  /** resource → principals with a cached decision on it */
  private readonly askedOn = new Map<string, Set<string>>();
  private readonly trust = new Map<string, Map<string, Verdict>>();
  private readonly assumers = new Map<string, TrustedPrincipals>();

  /** `build` makes the engine-backed oracle of the current state (called at most once per `advance`). */
  constructor(private build: () => AccessOracle) {
    this.current = build();
    this.stats.builds++;
    this.oracle = this.facade(this.current.withGrants !== undefined);
  }

  /** True once the analyzers asked for an oracle with extra grants (whose answers are not carried); the caller resets it. */
  derivedUsed = false;

  /** Moves to the next state: `build` answers its misses; the answers `change` may alter are dropped. */
  advance(build: () => AccessOracle, change: OracleChange): void {
    this.moveTo(build);
    this.invalidate(change);
  }

  /** Moves to the next state, keeping every answer until `invalidate` or `sameAnswers` says otherwise. */
  moveTo(build: () => AccessOracle): void {
    this.build = build;
    this.current = undefined;
  }

  /** Drops the answers `change` may alter. */
  invalidate(change: OracleChange): void {
    for (const p of change.principals) this.principals.delete(p);
    for (const r of change.trusts) {
      this.trust.delete(r);
      this.assumers.delete(r);
    }
    for (const r of change.resources) {
      for (const [resource, askers] of this.askedOn) {
        // S3 objects are judged by their bucket's policy: `bucket/key` depends on `bucket`.
        if (resource !== r && !resource.startsWith(`${r}/`)) continue;
        for (const p of askers) this.principals.get(p)?.decide.delete(resource);
        this.askedOn.delete(resource);
      }
    }
    // Who may assume what depends on every trust policy: any trust change redoes these lists.
    if (change.trusts.size > 0) for (const answers of this.principals.values()) answers.candidates = undefined;
  }

  /**
   * True when every kept answer `change` could alter is still what the current state's engine
   * answers: then a search over this oracle asks the same questions, gets the same answers, and
   * finds what it found before. Re-asks those questions (a superset of the last search's). Their
   * answers depend only on the principals and resources they name, so `partial`, when given, builds
   * an oracle of the current state restricted to those principals (cheaper than the whole one).
   */
  sameAnswers(change: OracleChange, partial?: (principals: ReadonlySet<string>) => AccessOracle): boolean {
    const named = new Set<string>([...change.principals, ...change.trusts]);
    const asked: [string, string, Map<string, Verdict>][] = [];
    for (const r of change.resources) {
      for (const [resource, askers] of this.askedOn) {
        if (resource !== r && !resource.startsWith(`${r}/`)) continue;
        for (const p of askers) {
          const answers = this.principals.get(p)?.decide.get(resource);
          if (answers) asked.push([p, resource, answers]);
          named.add(p).add(resource);
        }
      }
    }
    for (const p of change.principals) for (const resource of this.principals.get(p)?.decide.keys() ?? []) named.add(resource);
    const local = partial ? partial(named) : this.base();
    const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
    const eachEqual = <K>(map: Map<K, unknown>, ask: (key: K) => unknown) => [...map].every(([key, answer]) => same(answer, ask(key)));
    for (const p of change.principals) {
      const a = this.principals.get(p);
      if (!a) continue;
      if (a.admin && !same(a.admin, local.isAdmin(p))) return false;
      if (!eachEqual(a.mayDo, (action) => local.mayDoAction(p, action))) return false;
      if (!eachEqual(a.identityDo, (action) => local.identityMayDo?.(p, action))) return false;
      if (!eachEqual(a.identityOn, (key) => local.identityMayDoOn?.(p, key.slice(0, key.indexOf('\u0000')), key.slice(key.indexOf('\u0000') + 1)))) return false;
      if (!eachEqual(a.patterns, (action) => local.identityResourcePatterns?.(p, action))) return false;
      if (!eachEqual(a.after, (key) => local.isAdminAfter(p, JSON.parse(key) as PermissionChange))) return false;
      for (const [resource, answers] of a.decide) if (!this.sameDecisions(local, p, resource, answers)) return false;
    }
    for (const [p, resource, answers] of asked) if (!this.sameDecisions(local, p, resource, answers)) return false;
    for (const r of change.trusts) {
      const byWho = this.trust.get(r);
      if (byWho && !eachEqual(byWho, (who) => local.trusts(r, who))) return false;
      if (this.assumers.has(r) && !same(this.assumers.get(r), local.assumersOf?.(r))) return false;
    }
    // Candidate roles read every trust policy: only the whole state's oracle answers them.
    for (const [p, a] of this.principals) {
      if (!a.candidates || (change.trusts.size === 0 && !change.principals.has(p))) continue;
      if (!same(a.candidates, this.base().candidateRolesAssumableBy(p))) return false;
    }
    return true;
  }

  private sameDecisions(base: AccessOracle, principal: string, resource: string, answers: Map<string, Verdict>): boolean {
    for (const [key, verdict] of answers) {
      const cut = key.indexOf('\u0000');
      const context = key.slice(cut + 1);
      const request: ProbeRequest = { principal, action: key.slice(0, cut), resource, ...(context ? { context: JSON.parse(context) as Record<string, string> } : {}) };
      if (JSON.stringify(verdict) !== JSON.stringify(base.decide(request))) return false;
    }
    return true;
  }

  private base(): AccessOracle {
    this.stats.misses++;
    if (!this.current) {
      this.current = this.build();
      this.stats.builds++;
    }
    return this.current;
  }

  private of(principal: string): PrincipalAnswers {
    let answers = this.principals.get(principal);
    if (!answers) {
      answers = { mayDo: new Map(), identityDo: new Map(), identityOn: new Map(), patterns: new Map(), after: new Map(), decide: new Map() };
      this.principals.set(principal, answers);
    }
    return answers;
  }

  private memo<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
    const known = map.get(key);
    if (known !== undefined || map.has(key)) {
      this.stats.hits++;
      return known as V;
    }
    const value = compute();
    map.set(key, value);
    return value;
  }

  private facade(withGrants: boolean): AccessOracle {
    const oracle: AccessOracle = {
      decide: (r: ProbeRequest) => {
        const answers = this.of(r.principal);
        let onResource = answers.decide.get(r.resource);
        if (!onResource) {
          answers.decide.set(r.resource, (onResource = new Map()));
          let askers = this.askedOn.get(r.resource);
          if (!askers) this.askedOn.set(r.resource, (askers = new Set()));
          askers.add(r.principal);
        }
        return this.memo(onResource, `${r.action}\u0000${r.context ? JSON.stringify(r.context) : ''}`, () => this.base().decide(r));
      },
      mayDoAction: (principal, action) => this.memo(this.of(principal).mayDo, action, () => this.base().mayDoAction(principal, action)),
      isAdmin: (principal) => {
        const answers = this.of(principal);
        if (answers.admin) {
          this.stats.hits++;
          return answers.admin;
        }
        return (answers.admin = this.base().isAdmin(principal));
      },
      isAdminAfter: (principal, change: PermissionChange) => this.memo(this.of(principal).after, JSON.stringify(change), () => this.base().isAdminAfter(principal, change)),
      trusts: (roleArn, who) => {
        let byWho = this.trust.get(roleArn);
        if (!byWho) this.trust.set(roleArn, (byWho = new Map()));
        return this.memo(byWho, who, () => this.base().trusts(roleArn, who));
      },
      candidateRolesAssumableBy: (actor) => {
        const answers = this.of(actor);
        if (answers.candidates) {
          this.stats.hits++;
          return answers.candidates;
        }
        return (answers.candidates = this.base().candidateRolesAssumableBy(actor));
      },
      assumersOf: (roleArn) => this.memo(this.assumers, roleArn, () => this.base().assumersOf?.(roleArn) as TrustedPrincipals),
      identityMayDo: (principal, action) => this.memo(this.of(principal).identityDo, action, () => this.base().identityMayDo?.(principal, action) as boolean),
      identityMayDoOn: (principal, action, resource) => this.memo(this.of(principal).identityOn, `${action}\u0000${resource}`, () => this.base().identityMayDoOn?.(principal, action, resource) as boolean),
      identityResourcePatterns: (principal, action) => this.memo(this.of(principal).patterns, action, () => this.base().identityResourcePatterns?.(principal, action) as string[] | 'any'),
    };
    // Derived oracles (a principal holding extra grants) are whole oracles of the state: not cached.
    if (withGrants) {
      oracle.withGrants = (principal, grants) => {
        this.derivedUsed = true;
        return this.base().withGrants?.(principal, grants);
      };
    }
    return oracle;
  }
}
