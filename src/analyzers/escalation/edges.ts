/**
 * Escalation edges: for one actor, the (method, target) pairs whose required permissions the
 * engine allows. An edge leads to the principal whose power is gained, or to `ADMIN`. Edges are
 * asked for one destination at a time (`edgeTo`), so the search never materialises the
 * principals × methods × targets graph; requirements that do not name the target are decided
 * once per actor and method.
 */
import type { Evidence } from '../../model/finding.js';
import type { EscalationMethod, Requirement } from './method-types.js';
import type { AccessOracle } from '../access-oracle.js';
import type { Actor, PrincipalIndex } from './principal-index.js';
import type { EdgeCache } from './edge-cache.js';
import { fillTemplate, INSTANCE_PROFILE } from './templates.js';
import { TargetResolver, type Candidate } from './targets.js';

/** The virtual node "may do anything". */
export const ADMIN = 'ADMIN';

export interface EscalationEdge {
  from: string;
  /** Principal (user, role or group ARN) gained, or `ADMIN`. */
  to: string;
  method: EscalationMethod;
  /** The concrete target of the method (policy, group, user or role ARN). */
  targetArn: string;
  actions: string[];
  evidence: Evidence[];
  /**
   * The edge as a person reads it: "modify the role" then "assume it" for methods that do both,
   * otherwise one part. Each part lists its actions and the statements enabling them.
   */
  parts: { actions: string[]; evidence: Evidence[] }[];
}

/** Statements that allow one requirement. */
type Granted = Evidence[];

/** Per actor and method: the target-free requirements' grants, or `null` when the method cannot apply. */
type Shared = Map<Requirement, Granted> | null;

/** Context that edge computation shares across actors (caches per actor, account and service). */
export class EdgeFinder {
  readonly targets: TargetResolver;
  private readonly shared: Map<string, Shared[]>;
  private readonly gainsAdmin: Map<string, boolean>;
  /** Engine questions asked so far (decisions, trust checks, hypothetical admin checks). */
  decisions = 0;
  /** Role ARN → its instance profiles' ARNs, built on first use. */
  private profiles: Map<string, string[]> | undefined;
  /** Grants already decided for one actor while its edges to ADMIN are enumerated. */
  private memo: { actor: string; grants: Map<string, Granted | undefined> } | undefined;

  constructor(
    private readonly index: PrincipalIndex,
    private readonly oracle: AccessOracle,
    readonly methods: readonly EscalationMethod[],
    private readonly region = 'us-east-1',
    /** Answers carried from the previous snapshot of a replay (`edge-cache.ts`). */
    cache?: EdgeCache,
  ) {
    this.shared = (cache?.feasible as Map<string, Shared[]> | undefined) ?? new Map();
    this.gainsAdmin = cache?.gainsAdmin ?? new Map();
    this.targets = new TargetResolver(index, oracle, cache?.serviceRoles, cache?.staleServiceRoles);
  }

  /** Every edge out of `actor`, in method-table order then target order. */
  edgesFrom(actor: Actor): EscalationEdge[] {
    const edges: EscalationEdge[] = [];
    this.methods.forEach((method, m) => {
      const shared = this.feasible(actor, m);
      if (!shared) return;
      for (const candidate of this.targets.each(actor, method)) {
        const edge = this.tryEdge(actor, method, candidate, shared);
        if (edge) edges.push(edge);
      }
    });
    return edges;
  }

  /**
   * The first edge from `actor` to `node` in method-table order then target order — the edge a
   * breadth-first search over the whole graph would pick — or undefined.
   */
  edgeTo(actor: Actor, node: string): EscalationEdge | undefined {
    if (node === ADMIN && !this.mayGainAdmin(actor)) return undefined;
    // Enumerating every target for ADMIN repeats requests (one policy shared by many roles): memoise them for this actor.
    this.memo = node === ADMIN ? { actor: actor.arn, grants: new Map() } : undefined;
    for (let m = 0; m < this.methods.length; m++) {
      const method = this.methods[m]!;
      if ((method.gains === 'target') === (node === ADMIN)) continue;
      const shared = this.feasible(actor, m);
      if (!shared) continue;
      const candidates = node === ADMIN ? this.targets.each(actor, method) : this.targets.gaining(actor, method, node);
      for (const candidate of candidates) {
        const edge = this.tryEdge(actor, method, candidate, shared);
        if (edge) return edge;
      }
    }
    return undefined;
  }

  /**
   * The edge `method` gives `actor` on one candidate, deciding every requirement afresh: for rows
   * derived at search time (a named managed policy to attach, see `gains.ts`), which have no
   * per-method cache here.
   */
  tryCandidate(actor: Actor, method: EscalationMethod, candidate: Candidate): EscalationEdge | undefined {
    if (method.actorKind && method.actorKind !== actor.kind) return undefined;
    if (!method.requires.every((r) => this.oracle.mayDoAction(actor.arn, r.action))) return undefined;
    return this.tryEdge(actor, method, candidate, new Map());
  }

  /** False when no method that leads to ADMIN may apply to `actor` (decided once per actor). */
  private mayGainAdmin(actor: Actor): boolean {
    let known = this.gainsAdmin.get(actor.arn);
    if (known === undefined) {
      known = this.methods.some((method, m) => method.gains !== 'target' && this.feasible(actor, m) !== null);
      this.gainsAdmin.set(actor.arn, known);
    }
    return known;
  }

  /** True when method number `m` may apply to `actor` (prefilter and target-free requirements pass). */
  isFeasible(actor: Actor, m: number): boolean {
    return this.feasible(actor, m) !== null;
  }

  /** Decides (once per actor and method) the cheap prefilter and the requirements that do not name the target. */
  private feasible(actor: Actor, m: number): Shared {
    let list = this.shared.get(actor.arn);
    if (!list) {
      list = new Array<Shared | undefined>(this.methods.length) as Shared[];
      this.shared.set(actor.arn, list);
    }
    const known = list[m];
    if (known !== undefined) return known;
    const method = this.methods[m]!;
    let result: Shared = null;
    if ((!method.actorKind || method.actorKind === actor.kind) && method.requires.every((r) => this.oracle.mayDoAction(actor.arn, r.action))) {
      result = new Map();
      for (const req of method.requires.filter((r) => !namesTarget(r))) {
        const granted = this.grant(actor, req, {});
        if (!granted) {
          result = null;
          break;
        }
        result.set(req, granted);
      }
    }
    list[m] = result;
    return result;
  }

  /**
   * False only when no identity statement can grant the requirement where only identity
   * statements can grant it. INVARIANT: IAM actions have no resource policies, and a role
   * assumption whose trust names neither the caller nor anyone needs the caller's own grant.
   */
  private mayGrant(actor: Actor, req: Requirement, c: Partial<Candidate>): boolean {
    if (!req.action.startsWith('iam:') && req.action !== 'sts:AssumeRole') return true;
    if (c.created && req.action === 'sts:AssumeRole') return true;
    const resource = fillTemplate(req.resource, { actor, region: this.region, targetArn: c.targetArn, targetName: c.targetName, targetPolicyArn: c.targetPolicyArn });
    return !(this.identityOnly(actor, req.action, resource) && this.oracle.identityMayDoOn?.(actor.arn, req.action, resource) === false);
  }

  /** Asks the engine for one requirement; the evidence notes say what each statement allows. */
  private grant(actor: Actor, req: Requirement, c: Partial<Candidate>): Granted | undefined {
    const resource = fillTemplate(req.resource, { actor, region: this.region, targetArn: c.targetArn, targetName: c.targetName, targetPolicyArn: c.targetPolicyArn });
    if (this.identityOnly(actor, req.action, resource) && this.oracle.identityMayDoOn?.(actor.arn, req.action, resource) === false) return undefined;
    if (c.created && req.action === 'sts:AssumeRole') return this.assumeNewRole(actor, resource);
    const context = this.withTargetBoundary(req, resource);
    if (!context || !Object.values(context).some((v) => v.includes('${'))) return this.decide(actor, req, resource, context);
    // Context fixed by the target (a stack's service role, the instance profile of the role): any
    // of the target's values that the engine allows suffices.
    for (const filled of this.filledContexts(context, actor, c)) {
      const granted = this.decide(actor, req, resource, filled);
      if (granted) return granted;
    }
    return undefined;
  }

  /** AssumeRole of a role the actor creates with a trust policy naming itself. */
  private assumeNewRole(actor: Actor, resource: string): Granted | undefined {
    this.decisions++;
    const verdict = this.oracle.decideAssumeOwnNewRole?.({ principal: actor.arn, action: 'sts:AssumeRole', resource });
    if (!verdict?.allowed) return undefined;
    return verdict.evidence.map((e) => ({ ...e, note: e.note ?? `${resource} is created trusting ${actor.arn}` }));
  }

  private decide(actor: Actor, req: Requirement, resource: string, context: Record<string, string> | undefined): Granted | undefined {
    const key = `${req.action}\u0000${resource}\u0000${context ? JSON.stringify(context) : ''}`;
    if (this.memo?.actor === actor.arn && this.memo.grants.has(key)) return this.memo.grants.get(key);
    this.decisions++;
    const verdict = this.oracle.decide({ principal: actor.arn, action: req.action, resource, context });
    const granted = verdict.allowed ? verdict.evidence.map((e) => ({ ...e, note: e.note ?? `allows ${req.action} on ${resource}` })) : undefined;
    if (this.memo?.actor === actor.arn) this.memo.grants.set(key, granted);
    return granted;
  }

  /**
   * A requirement's context with its placeholders filled; `${TargetInstanceProfile}` gives one
   * context per instance profile holding the target role (none: no context, the method cannot apply).
   */
  private filledContexts(context: Record<string, string>, actor: Actor, c: Partial<Candidate>): Record<string, string>[] {
    const values = { actor, region: this.region, targetArn: c.targetArn, targetName: c.targetName, targetPolicyArn: c.targetPolicyArn };
    const fixed: Record<string, string> = {};
    let profileKey: string | undefined;
    for (const [k, v] of Object.entries(context)) {
      if (v === INSTANCE_PROFILE) profileKey = k;
      else fixed[k] = fillTemplate(v, values);
    }
    if (profileKey === undefined) return [fixed];
    return this.instanceProfilesOf(c.targetArn ?? '').map((p) => ({ ...fixed, [profileKey!]: p }));
  }

  private instanceProfilesOf(role: string): string[] {
    if (!this.profiles) {
      this.profiles = new Map();
      for (const roles of this.index.rolesByAccount.values()) for (const r of roles) this.profiles.set(r.arn, r.instanceProfileArns);
    }
    return this.profiles.get(role) ?? [];
  }

  /**
   * `iam:PermissionsBoundary` is the boundary of the user or role the request acts on, known from
   * the snapshot (Service Authorization Reference, IAM condition keys): the attacker cannot choose
   * it. A principal without a boundary gets an empty value, which no boundary ARN equals.
   */
  private withTargetBoundary(req: Requirement, resource: string): Record<string, string> | undefined {
    if (!BOUNDARY_KEY_ACTIONS.has(req.action)) return req.context;
    const target = this.index.actorByArn.get(resource);
    if (!target) return req.context;
    return { ...req.context, 'iam:PermissionsBoundary': target.boundaryArn ?? '' };
  }

  private identityOnly(actor: Actor, action: string, resource: string): boolean {
    if (action.startsWith('iam:')) return true;
    if (action !== 'sts:AssumeRole') return false;
    const named = this.oracle.assumersOf?.(resource);
    return named !== undefined && !named.anyone && !named.arns.includes(actor.arn);
  }

  private tryEdge(actor: Actor, method: EscalationMethod, c: Candidate, shared: Map<Requirement, Granted>): EscalationEdge | undefined {
    // Cheap necessary conditions of every requirement first, so one failing requirement costs no
    // engine decision for the others (e.g. a policy version allowed on every policy of every role).
    for (const req of method.requires) {
      if (!shared.has(req) && !this.mayGrant(actor, req, c)) return undefined;
    }
    const modify = { actions: [] as string[], evidence: [] as Evidence[] };
    const assume = { actions: [] as string[], evidence: [] as Evidence[] };
    for (const req of method.requires) {
      const granted = shared.get(req) ?? this.grant(actor, req, c);
      if (!granted) return undefined;
      const part = req.action === 'sts:AssumeRole' ? assume : modify;
      part.actions.push(req.action);
      part.evidence.push(...granted);
    }
    if (method.requiresTrustOfActor) {
      this.decisions++;
      const trust = this.oracle.trusts(c.gained, actor.arn);
      if (!trust.allowed) return undefined;
      assume.evidence.push(...trust.evidence.map((e) => ({ ...e, note: e.note ?? `trust policy of ${c.gained} lets ${actor.arn} assume it` })));
    }
    const parts = [modify, assume].filter((p) => p.actions.length > 0);
    const evidence = parts.flatMap((p) => p.evidence);
    const to = this.gainedNode(actor, method, c, evidence);
    if (!to) return undefined;
    return { from: actor.arn, to, method, targetArn: c.targetArn, actions: method.requires.map((r) => r.action), evidence, parts };
  }

  private gainedNode(actor: Actor, method: EscalationMethod, c: Candidate, evidence: Evidence[]): string | undefined {
    switch (method.gains) {
      case 'admin': {
        // A permissions boundary still caps a principal whose identity policies are rewritten
        // (IAM User Guide, permissions boundaries): admin only if the boundary allows it.
        const edited = ['self', 'self-policy', 'self-group'].includes(method.target) ? actor : this.index.actorByArn.get(c.gained);
        if (!edited?.boundaryArn) return ADMIN;
        this.decisions++;
        const capped = this.oracle.isAdminAfter(edited.arn, { kind: 'any-identity' });
        return capped.allowed ? ADMIN : undefined;
      }
      case 'target':
        return c.gained;
      case 'policy-version': {
        this.decisions++;
        const after = this.oracle.isAdminAfter(actor.arn, { kind: 'default-version', policyArn: c.targetArn });
        evidence.push(...after.evidence);
        return after.allowed ? ADMIN : undefined;
      }
      case 'unbounded': {
        if (!actor.boundaryArn) return undefined;
        this.decisions++;
        const after = this.oracle.isAdminAfter(actor.arn, { kind: 'no-boundary' });
        evidence.push(...after.evidence);
        return after.allowed ? ADMIN : undefined;
      }
    }
  }
}

/**
 * IAM actions whose requests carry `iam:PermissionsBoundary` as the target principal's boundary.
 * Not Put{User,Role}PermissionsBoundary: there the key is the boundary being set (the method's context).
 */
const BOUNDARY_KEY_ACTIONS = new Set([
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DeleteUserPermissionsBoundary',
  'iam:DeleteUserPolicy',
  'iam:DetachRolePolicy',
  'iam:DetachUserPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
]);

/** Which kind of node a method's edges lead to. */
export function gainsKind(method: EscalationMethod): 'user' | 'role' | 'group' | 'admin' {
  if (method.gains !== 'target') return 'admin';
  if (method.target === 'user') return 'user';
  if (method.target === 'group' || method.target === 'self-group') return 'group';
  return 'role';
}

/** True when a requirement's resource or context depends on the method's target. */
function namesTarget(req: Requirement): boolean {
  return req.resource.includes('${Target') || Object.values(req.context ?? {}).some((v) => v.includes('${Target'));
}
