/**
 * Transitive capability gains (issue 18): a principal that can join a group or attach a named
 * managed policy to itself gains that group's or policy's permissions, and with them its
 * escalation methods, not only its admin status. A gain is a state — the principal holding its
 * own policies plus the gained ones — whose edges the engine decides with the principal's own
 * identity, boundary and organization policies (`AccessOracle.withGrants`). The search consults
 * gains only for principals its plain backward search left unreached, so every existing path is
 * kept as it was; a path through a gain reads principal → group or policy → ... → admin.
 */
import { BUNDLED_AWS_MANAGED_POLICIES } from '../../catalog/aws-managed-policies.js';
import type { Evidence } from '../../model/finding.js';
import type { AccessOracle } from '../access-oracle.js';
import { ADMIN, EdgeFinder, type EscalationEdge } from './edges.js';
import type { EscalationMethod } from './method-types.js';
import type { Actor, PrincipalIndex } from './principal-index.js';
import type { Candidate } from './targets.js';

/** A principal with the policies of one group or managed policy added, reached by `gain`. */
interface GainState {
  /** The principal holding the grant (the attacker, or the role or user it attached a policy to). */
  actor: Actor;
  /** The group or managed policy ARN gained. */
  grant: string;
  /** The hop shown in the path: the grant when the attacker holds it, else the principal holding it. */
  label: string;
  gain: EscalationEdge;
  oracle: AccessOracle;
}

/** A gain edge before its state is built: who ends up holding which grant. */
interface Gain {
  edge: EscalationEdge;
  holder: Actor;
  grant: string;
}

/** Gains of each principal and the edges out of each gain, computed once and filtered per round. */
export class CapabilityGains {
  private readonly states = new Map<string, GainState[]>();
  private readonly finders = new Map<GainState, EdgeFinder | null>();
  private readonly targetLists = new Map<string, Candidate[]>();
  private readonly toAdmin = new Map<GainState, EscalationEdge | undefined>();
  /** Engine questions asked by the gain states' own edge finders. */
  decisions = 0;

  constructor(
    private readonly index: PrincipalIndex,
    private readonly oracle: AccessOracle,
    private readonly finder: EdgeFinder,
  ) {}

  /**
   * `actor`'s first way to a reached node through one gain — groups in snapshot order, then
   * policies in ARN order; within a gain, the first edge in method-table then target order — as
   * the edges of the path, or undefined.
   */
  pathFrom(actor: Actor, reached: (node: string) => boolean): EscalationEdge[] | undefined {
    for (const state of this.statesOf(actor)) {
      if (state.gain.to === ADMIN) return [state.gain];
      // Gains of gains (joining a further group) are not followed.
      const onward = this.onward(state, (node) => node !== actor.arn && node !== state.actor.arn && reached(node) && !this.isGroup(node));
      if (onward) return [state.gain, { ...onward, from: state.label }];
    }
    return undefined;
  }

  private isGroup(arn: string): boolean {
    return !this.index.actorByArn.has(arn) && arn !== ADMIN && arn.split(':')[5]?.startsWith('group/') === true;
  }

  private attachRows: EscalationMethod[] | undefined;

  private statesOf(actor: Actor): GainState[] {
    let list = this.states.get(actor.arn);
    if (!list) {
      list = [];
      if (this.oracle.withGrants) {
        for (const gain of [...this.groupJoins(actor), ...this.policyAttachments(actor)]) {
          const state = this.stateAfter(actor, gain);
          if (state) list.push(state);
        }
      }
      this.states.set(actor.arn, list);
    }
    return list;
  }

  /** Joining a group that is not admin by itself (admin groups are nodes of the plain search). */
  private groupJoins(actor: Actor): Gain[] {
    if (actor.kind !== 'user') return [];
    const out: Gain[] = [];
    for (const group of this.index.groupsByAccount.get(actor.accountId) ?? []) {
      if (actor.groupArns.includes(group.arn)) continue;
      const edge = this.finder.edgeTo(actor, group.arn);
      if (edge) out.push({ edge, holder: actor, grant: group.arn });
    }
    return out;
  }

  /**
   * Attaching a managed policy that `iam:PolicyARN` lets the actor
   * attach — to itself or a group it belongs to, or to a role or user it then acts as (the attach
   * rows with their policy key set to each policy of the snapshot, or of Cordon's bundled AWS
   * managed policies, that the holder does not hold yet). Self attachments come first, then other
   * holders in target order; policies in ARN order; one gain per holder and policy.
   */
  private policyAttachments(actor: Actor): Gain[] {
    const out: Gain[] = [];
    // The attach rows are the same for every actor: found once per search, then checked per actor.
    this.attachRows ??= this.finder.methods.filter((m) => m.requires.some((r) => r.context?.['iam:PolicyARN'] !== undefined));
    const rows = this.attachRows.filter((m) => m.requires.every((r) => this.oracle.mayDoAction(actor.arn, r.action)));
    if (rows.length === 0) return out;
    const selfRows = rows.filter((m) => m.target === 'self' || m.target === 'self-group');
    const otherRows = rows.filter((m) => (m.target === 'role' || m.target === 'user') && m.gains === 'admin');
    for (const method of selfRows) {
      const targets: Candidate[] = method.target === 'self' ? [candidate(actor.arn)] : actor.groupArns.map(candidate);
      for (const policy of this.attachable(actor)) {
        const derived = attaching(method, policy);
        for (const target of targets) {
          const edge = this.finder.tryCandidate(actor, derived, target);
          if (edge) out.push({ edge: { ...edge, to: policy }, holder: actor, grant: policy });
        }
      }
    }
    for (const method of otherRows) {
      const attach = method.requires.find((r) => r.context?.['iam:PolicyARN'] !== undefined)!;
      // The requirements that do not depend on the policy (assume, trust, access key) first, once per target.
      const rest: EscalationMethod = { ...method, gains: 'target', requires: method.requires.filter((r) => r !== attach) };
      for (const target of this.finder.targets.each(actor, method)) {
        const holder = this.index.actorByArn.get(target.gained);
        if (!holder || this.oracle.identityMayDoOn?.(actor.arn, attach.action, target.targetArn) === false) continue;
        if (!this.finder.tryCandidate(actor, rest, target)) continue;
        for (const policy of this.attachable(holder)) {
          const edge = this.finder.tryCandidate(actor, attaching(method, policy), target);
          if (edge) out.push({ edge, holder, grant: policy });
        }
      }
    }
    return out.filter((g, i) => out.findIndex((o) => o.holder === g.holder && o.grant === g.grant) === i);
  }

  /**
   * Managed policies `holder` could be given (not held yet), in ARN order. AdministratorAccess too:
   * the plain rows count it only when it makes the holder admin, and under a boundary the holder
   * keeps whatever methods the boundary leaves it.
   */
  private attachable(holder: Actor): string[] {
    const held = new Set(this.heldPolicies(holder));
    return this.attachableIn(holder.accountId, holder.partition).filter((arn) => !held.has(arn));
  }

  /** The managed policies a principal of `account` could be given, sorted (listed once per account). */
  private attachableIn(account: string, partition: string): string[] {
    const key = `${account}\u0000${partition}`;
    let list = this.policiesByAccount.get(key);
    if (!list) {
      const arns = new Set<string>();
      for (const p of this.index.policyByArn.values()) if (p.isAwsManaged || p.arn.split(':')[4] === account) arns.add(p.arn);
      for (const p of BUNDLED_AWS_MANAGED_POLICIES) arns.add(p.arn.replace('arn:aws:', `arn:${partition}:`));
      list = [...arns].sort();
      this.policiesByAccount.set(key, list);
    }
    return list;
  }

  /** Every managed policy that applies to the actor already (directly or through its groups). */
  private heldPolicies(actor: Actor): string[] {
    if (!this.attachedByArn) {
      this.attachedByArn = new Map();
      for (const list of [...this.index.usersByAccount.values(), ...this.index.rolesByAccount.values()]) for (const p of list) this.attachedByArn.set(p.arn, p.attachedPolicyArns);
    }
    const own = this.attachedByArn.get(actor.arn);
    const groups = (this.index.groupsByAccount.get(actor.accountId) ?? []).filter((g) => actor.groupArns.includes(g.arn));
    return [...(own ?? []), ...groups.flatMap((g) => g.attachedPolicyArns)];
  }

  private readonly policiesByAccount = new Map<string, string[]>();
  private attachedByArn: Map<string, readonly string[]> | undefined;

  /** The state after a gain, or undefined when the engine cannot judge the gained policies. */
  private stateAfter(attacker: Actor, { edge: gain, holder: actor, grant }: Gain): GainState | undefined {
    const label = actor === attacker ? grant : actor.arn;
    const oracle = this.oracle.withGrants?.(actor.arn, [grant]);
    if (!oracle) return undefined;
    const group = (this.index.groupsByAccount.get(actor.accountId) ?? []).find((g) => g.arn === grant);
    const added = group ? group.attachedPolicyArns : [grant];
    const customer = added.filter((p) => this.index.policyByArn.get(p)?.isAwsManaged === false);
    const gained: Actor = {
      ...actor,
      groupArns: group ? [...actor.groupArns, group.arn] : actor.groupArns,
      customerPolicyArns: [...new Set([...actor.customerPolicyArns, ...customer])].sort(),
    };
    // A policy that makes the principal admin-equivalent ends the path at once (the boundary and
    // organization policies still apply: the engine decides with them).
    if (!group) {
      const admin = oracle.isAdmin(actor.arn);
      this.decisions++;
      if (admin.allowed) return { actor: gained, grant, label, oracle, gain: { ...gain, to: ADMIN, evidence: [...gain.evidence, ...notes(admin.evidence, `${actor.arn} holding ${grant} may do anything`)] } };
    }
    return { actor: gained, grant, label, oracle, gain };
  }

  /**
   * Cheap necessary condition for a gain to change anything: its statements (within the holder's
   * boundary) allow some action a method needs that the holder's own did not, or on more resources.
   * A gain that adds none leaves the holder's edges as they were, and the holder was not reached.
   */
  private addsMethodAction(state: GainState): boolean {
    const { oracle } = this;
    const before = (a: string) => oracle.identityMayDo?.(state.actor.arn, a);
    const after = (a: string) => state.oracle.identityMayDo?.(state.actor.arn, a);
    for (const action of this.methodActions()) {
      const now = after(action);
      if (now === undefined) return true;
      if (!now) continue;
      if (!before(action)) return true;
      const was = oracle.identityResourcePatterns?.(state.actor.arn, action);
      const is = state.oracle.identityResourcePatterns?.(state.actor.arn, action);
      if (was === undefined || is === undefined || (was !== 'any' && (is === 'any' || is.length > was.length))) return true;
    }
    return false;
  }

  private actions: string[] | undefined;

  private methodActions(): string[] {
    this.actions ??= [...new Set(this.finder.methods.flatMap((m) => m.requires.map((r) => r.action)))].sort();
    return this.actions;
  }

  /**
   * Candidates of target-gaining method `m` for a holder, once per holder and method: they depend
   * on its ARN and account, not on what it gained (group targets differ, but are never kept).
   */
  private candidates(actor: Actor, m: number): Candidate[] {
    const key = `${actor.arn}\u0000${m}`;
    let list = this.targetLists.get(key);
    if (!list) {
      // Not narrowed by the plain oracle's view of the holder's policies: a gain adds policies.
      list = this.finder.targets.all(actor, this.finder.methods[m]!, false);
      this.targetLists.set(key, list);
    }
    return list;
  }

  /**
   * The state's first edge to admin (method-table then target order), else its first edge into a
   * node `keep` accepts. Only candidates whose gain is kept are decided, so a state costs what its
   * way into the already reached nodes costs, not its whole neighbourhood.
   */
  private onward(state: GainState, keep: (node: string) => boolean): EscalationEdge | undefined {
    let finder = this.finders.get(state);
    if (finder === undefined) {
      finder = this.addsMethodAction(state) ? new EdgeFinder(this.index, state.oracle, this.finder.methods) : null;
      this.finders.set(state, finder);
    }
    if (!finder) return undefined;
    const before = finder.decisions;
    try {
      if (!this.toAdmin.has(state)) this.toAdmin.set(state, finder.edgeTo(state.actor, ADMIN));
      const admin = this.toAdmin.get(state);
      if (admin) return admin;
      for (let m = 0; m < finder.methods.length; m++) {
        const method = finder.methods[m]!;
        if (method.gains !== 'target' || !finder.isFeasible(state.actor, m)) continue;
        // Targets depend on trust policies, instance profiles and the account only, which a gain
        // does not change: the plain finder's resolver (and its caches) serves every state.
        for (const candidate of this.candidates(state.actor, m)) {
          if (!keep(candidate.gained)) continue;
          const edge = finder.tryCandidate(state.actor, method, candidate);
          if (edge) return edge;
        }
      }
      return undefined;
    } finally {
      this.decisions += finder.decisions - before;
    }
  }
}

function candidate(arn: string): Candidate {
  return { targetArn: arn, targetName: arn.slice(arn.lastIndexOf('/') + 1), gained: arn };
}

/** An attach row asked about one named policy: `iam:PolicyARN` is that policy, and the gain is decided afterwards. */
function attaching(method: EscalationMethod, policy: string): EscalationMethod {
  return {
    ...method,
    title: `${method.title}: ${policy}`,
    gains: 'target',
    requires: method.requires.map((r) => (r.context?.['iam:PolicyARN'] !== undefined ? { ...r, context: { ...r.context, 'iam:PolicyARN': policy } } : r)),
  };
}

function notes(evidence: Evidence[], note: string): Evidence[] {
  return evidence.map((e) => ({ ...e, note: e.note ?? note }));
}
