/**
 * Escalation edges: for one actor, every (method, target) whose required permissions the engine
 * allows. An edge leads to the principal whose power is gained, or to `ADMIN`.
 */
import type { Evidence } from '../../model/finding.js';
import type { EscalationMethod, Requirement } from './method-types.js';
import type { AccessOracle } from '../access-oracle.js';
import type { Actor, PrincipalIndex } from './principal-index.js';
import { accountOf } from './principal-index.js';
import { fillTemplate } from './templates.js';

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

/** A method instantiated on one target. */
interface Candidate {
  targetArn: string;
  targetName: string;
  targetPolicyArn?: string;
  /** Node reached when the method succeeds with gain `target`. */
  gained: string;
}

/** Context that edge computation shares across actors (caches per account and service). */
export class EdgeFinder {
  private readonly serviceRoleCache = new Map<string, string[]>();

  constructor(
    private readonly index: PrincipalIndex,
    private readonly oracle: AccessOracle,
    private readonly methods: readonly EscalationMethod[],
    private readonly region = 'us-east-1',
  ) {}

  /** Every edge out of `actor`, in method-table order then target order. */
  edgesFrom(actor: Actor): EscalationEdge[] {
    const edges: EscalationEdge[] = [];
    for (const method of this.methods) {
      if (method.actorKind && method.actorKind !== actor.kind) continue;
      if (!method.requires.every((r) => this.oracle.mayDoAction(actor.arn, r.action))) continue;
      // Requirements that do not name the target (e.g. lambda:CreateFunction) are decided once.
      const shared = new Map<Requirement, Granted>();
      let possible = true;
      for (const req of method.requires.filter((r) => !namesTarget(r))) {
        const granted = this.grant(actor, req, {});
        if (!granted) {
          possible = false;
          break;
        }
        shared.set(req, granted);
      }
      if (!possible) continue;
      for (const candidate of this.candidates(actor, method)) {
        const edge = this.tryEdge(actor, method, candidate, shared);
        if (edge) edges.push(edge);
      }
    }
    return edges;
  }

  /** Asks the engine for one requirement; the evidence notes say what each statement allows. */
  private grant(actor: Actor, req: Requirement, c: Partial<Candidate>): Granted | undefined {
    const resource = fillTemplate(req.resource, { actor, region: this.region, targetArn: c.targetArn, targetName: c.targetName, targetPolicyArn: c.targetPolicyArn });
    const verdict = this.oracle.decide({ principal: actor.arn, action: req.action, resource, context: req.context });
    if (!verdict.allowed) return undefined;
    return verdict.evidence.map((e) => ({ ...e, note: e.note ?? `allows ${req.action} on ${resource}` }));
  }

  private tryEdge(actor: Actor, method: EscalationMethod, c: Candidate, shared: Map<Requirement, Granted>): EscalationEdge | undefined {
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
      case 'admin':
        return ADMIN;
      case 'target':
        return c.gained;
      case 'policy-version': {
        const after = this.oracle.isAdminAfter(actor.arn, { kind: 'default-version', policyArn: c.targetArn });
        evidence.push(...after.evidence);
        return after.allowed ? ADMIN : undefined;
      }
      case 'unbounded': {
        if (!actor.boundaryArn) return undefined;
        const after = this.oracle.isAdminAfter(actor.arn, { kind: 'no-boundary' });
        evidence.push(...after.evidence);
        return after.allowed ? ADMIN : undefined;
      }
    }
  }

  private candidates(actor: Actor, method: EscalationMethod): Candidate[] {
    const account = actor.accountId;
    const self = (arn: string, name: string): Candidate => ({ targetArn: arn, targetName: name, gained: arn });
    switch (method.target) {
      case 'self':
        return [self(actor.arn, actor.name)];
      case 'self-policy':
        return actor.customerPolicyArns.map((p) => ({ targetArn: p, targetName: nameOf(p), gained: actor.arn }));
      case 'self-group':
        return actor.groupArns.map((g) => self(g, nameOf(g)));
      case 'group':
        return (this.index.groupsByAccount.get(account) ?? []).filter((g) => !actor.groupArns.includes(g.arn)).map((g) => self(g.arn, g.name));
      case 'user':
        return (this.index.usersByAccount.get(account) ?? []).filter((u) => u.arn !== actor.arn).map((u) => self(u.arn, u.name));
      case 'role':
        return this.roleTargets(actor, method).map((r) => self(r, nameOf(r)));
      case 'role-policy':
        return this.roleTargets(actor, method).flatMap((r) =>
          (this.index.actorByArn.get(r)?.customerPolicyArns ?? []).map((p) => ({ targetArn: r, targetName: nameOf(r), targetPolicyArn: p, gained: r })),
        );
      case 'service-role':
        return this.rolesTrustingService(account, method.service!).filter((r) => r !== actor.arn).map((r) => self(r, nameOf(r)));
    }
  }

  /**
   * Roles a method may target. IAM write APIs act only on the caller's account; `sts:AssumeRole`
   * alone crosses accounts. Methods that assume the role start from the engine's candidates.
   */
  private roleTargets(actor: Actor, method: EscalationMethod): string[] {
    const iamWrite = method.requires.some((r) => r.action.startsWith('iam:'));
    const pool = method.requiresTrustOfActor
      ? this.oracle.candidateRolesAssumableBy(actor.arn)
      : (this.index.rolesByAccount.get(actor.accountId) ?? []).map((r) => r.arn);
    return pool.filter((arn) => {
      if (arn === actor.arn) return false;
      if (iamWrite && accountOf(arn) !== actor.accountId) return false;
      const role = this.index.actorByArn.get(arn);
      return role !== undefined && !role.serviceLinked;
    });
  }

  private rolesTrustingService(account: string, service: string): string[] {
    const key = `${account}\u0000${service}`;
    let roles = this.serviceRoleCache.get(key);
    if (!roles) {
      roles = (this.index.rolesByAccount.get(account) ?? []).filter((r) => !r.serviceLinked && this.oracle.trusts(r.arn, service).allowed).map((r) => r.arn);
      this.serviceRoleCache.set(key, roles);
    }
    return roles;
  }
}

/** Statements that allow one requirement. */
type Granted = Evidence[];

/** True when a requirement's resource or context depends on the method's target. */
function namesTarget(req: Requirement): boolean {
  return req.resource.includes('${Target') || Object.values(req.context ?? {}).some((v) => v.includes('${Target'));
}

/** Last path segment of an ARN (`.../role/path/name` → `name`). */
function nameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
