/**
 * Transitive capability gains (issue 18): a principal that can join a group or attach a named
 * managed policy to itself gains that group's or policy's permissions, and with them its
 * escalation methods, not only its admin status. A gain is a state — the principal holding its
 * own policies plus the gained ones — whose edges the engine decides with the principal's own
 * identity, boundary and organization policies (`AccessOracle.withGrants`). The search consults
 * gains only for principals its plain backward search left unreached, so every existing path is
 * kept as it was; a path through a gain reads principal → group or policy → ... → admin.
 */
import type { Evidence } from '../../model/finding.js';
import type { AccessOracle } from '../access-oracle.js';
import { ADMIN, EdgeFinder, type EscalationEdge } from './edges.js';
import type { EscalationMethod } from './method-types.js';
import type { Actor, PrincipalIndex } from './principal-index.js';
import type { Candidate } from './targets.js';

/** The one policy every attach row is already checked against (`methods/helpers.ts` `attach`). */
const ADMIN_POLICY_SUFFIX = ':iam::aws:policy/AdministratorAccess';

/** A principal with the policies of one group or managed policy added, reached by `gain`. */
interface GainState {
  actor: Actor;
  /** The group or managed policy ARN gained (the hop shown in the path). */
  grant: string;
  gain: EscalationEdge;
  oracle: AccessOracle;
}

/** Gains of each principal and the edges out of each gain, computed once and filtered per round. */
export class CapabilityGains {
  private readonly states = new Map<string, GainState[]>();
  private readonly outgoing = new Map<GainState, EscalationEdge[]>();
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
      const onward = this.edgesOf(state).find((e) => e.to !== actor.arn && reached(e.to) && !this.isGroup(e.to));
      if (onward) return [state.gain, { ...onward, from: state.grant }];
    }
    return undefined;
  }

  private isGroup(arn: string): boolean {
    return !this.index.actorByArn.has(arn) && arn !== ADMIN && arn.split(':')[5]?.startsWith('group/') === true;
  }

  private statesOf(actor: Actor): GainState[] {
    let list = this.states.get(actor.arn);
    if (!list) {
      list = [];
      if (this.oracle.withGrants) {
        for (const edge of [...this.groupJoins(actor), ...this.policyAttachments(actor)]) {
          const state = this.stateAfter(actor, edge);
          if (state) list.push(state);
        }
      }
      this.states.set(actor.arn, list);
    }
    return list;
  }

  /** Joining a group that is not admin by itself (admin groups are nodes of the plain search). */
  private groupJoins(actor: Actor): EscalationEdge[] {
    if (actor.kind !== 'user') return [];
    const out: EscalationEdge[] = [];
    for (const group of this.index.groupsByAccount.get(actor.accountId) ?? []) {
      if (actor.groupArns.includes(group.arn)) continue;
      const edge = this.finder.edgeTo(actor, group.arn);
      if (edge) out.push(edge);
    }
    return out;
  }

  /**
   * Attaching, to itself or a group it belongs to, a managed policy other than AdministratorAccess
   * that `iam:PolicyARN` lets it attach (the attach rows with their policy key set to each policy
   * of the snapshot the principal does not hold yet). The edge leads to the policy.
   */
  private policyAttachments(actor: Actor): EscalationEdge[] {
    const out: EscalationEdge[] = [];
    const rows = this.finder.methods.filter(
      (m) => (m.target === 'self' || m.target === 'self-group') && m.requires.some((r) => r.context?.['iam:PolicyARN'] !== undefined) && m.requires.every((r) => this.oracle.mayDoAction(actor.arn, r.action)),
    );
    if (rows.length === 0) return out;
    const held = new Set(this.heldPolicies(actor));
    const policies = [...this.index.policyByArn.values()]
      .filter((p) => !p.arn.endsWith(ADMIN_POLICY_SUFFIX) && !held.has(p.arn) && (p.isAwsManaged || p.arn.split(':')[4] === actor.accountId))
      .map((p) => p.arn)
      .sort();
    for (const method of rows) {
      const targets: Candidate[] = method.target === 'self' ? [candidate(actor.arn)] : actor.groupArns.map(candidate);
      for (const policy of policies) {
        const derived = attaching(method, policy);
        for (const target of targets) {
          const edge = this.finder.tryCandidate(actor, derived, target);
          if (edge) out.push({ ...edge, to: policy });
        }
      }
    }
    // One edge per policy: the first row that attaches it.
    return out.filter((e, i) => out.findIndex((o) => o.to === e.to) === i);
  }

  /** Every managed policy that applies to the actor already (directly or through its groups). */
  private heldPolicies(actor: Actor): string[] {
    const account = this.index.usersByAccount.get(actor.accountId) ?? [];
    const roles = this.index.rolesByAccount.get(actor.accountId) ?? [];
    const own = actor.kind === 'user' ? account.find((u) => u.arn === actor.arn)?.attachedPolicyArns : roles.find((r) => r.arn === actor.arn)?.attachedPolicyArns;
    const groups = (this.index.groupsByAccount.get(actor.accountId) ?? []).filter((g) => actor.groupArns.includes(g.arn));
    return [...(own ?? []), ...groups.flatMap((g) => g.attachedPolicyArns)];
  }

  /** The state after a gain edge, or undefined when the engine cannot judge the gained policies. */
  private stateAfter(actor: Actor, gain: EscalationEdge): GainState | undefined {
    const grant = gain.to;
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
      if (admin.allowed) return { actor: gained, grant, oracle, gain: { ...gain, to: ADMIN, evidence: [...gain.evidence, ...notes(admin.evidence, `${actor.arn} holding ${grant} may do anything`)] } };
    }
    return { actor: gained, grant, oracle, gain };
  }

  private edgesOf(state: GainState): EscalationEdge[] {
    let edges = this.outgoing.get(state);
    if (!edges) {
      const finder = new EdgeFinder(this.index, state.oracle, this.finder.methods);
      edges = finder.edgesFrom(state.actor);
      this.decisions += finder.decisions;
      this.outgoing.set(state, edges);
    }
    return edges;
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
