/**
 * The vocabulary of privilege-escalation methods. Methods are data (see `methods.ts`); the
 * analyzer resolves each method's targets against a snapshot and asks the authorization engine
 * whether the actor may perform every required action on the resolved resources.
 */

import type { Severity } from '../../model/finding.js';

/** pathfinding.cloud's categories (the catalogue every method comes from, or extends). */
export type EscalationCategory = 'self-escalation' | 'principal-access' | 'new-passrole' | 'existing-passrole';

/**
 * What `${Target}` ranges over when the analyzer instantiates a method for one actor:
 * - `self-policy`: a customer-managed policy attached to the actor (directly or through a group);
 * - `self`: the actor itself; `self-group`: a group the actor (a user) belongs to;
 * - `group`: any group (the actor adds itself to it);
 * - `user` / `role`: another IAM user / role whose power is gained;
 * - `role-policy`: a role, with `${TargetPolicy}` a customer-managed policy attached to it;
 * - `service-role`: a role that `service` may assume — passed to a new resource
 *   (new-passrole) or already running an existing resource (existing-passrole);
 * - `new-user` / `new-role`: a user / role the actor creates, under a name its policies allow for
 *   the method's `iam:Create*` action and that no principal of the snapshot has.
 */
export type TargetKind = 'self-policy' | 'self' | 'self-group' | 'group' | 'user' | 'role' | 'role-policy' | 'service-role' | 'new-user' | 'new-role';

/**
 * What the actor ends up with:
 * - `admin`: it can write its own permissions, so anything;
 * - `target`: the target principal's (or group's) permissions;
 * - `policy-version`: whatever another stored version of the target policy grants;
 * - `unbounded`: its identity policies without the permission boundary.
 */
export type Gain = 'admin' | 'target' | 'policy-version' | 'unbounded';

/** One permission the method needs, as a request the engine can decide. */
export interface Requirement {
  action: string;
  /**
   * ARN template of the resource the action must be allowed on. Placeholders:
   * `${Partition}`, `${Region}`, `${Account}` (the actor's account), `${Target}` (target ARN),
   * `${TargetName}`, `${TargetPolicy}`, `${Self}` (actor ARN), `${Probe}` (a fresh resource name
   * for resources the attacker creates). `*` where the action has no resource type.
   */
  resource: string;
  /**
   * Request context the attacker's call carries (e.g. `iam:PassedToService`). Values may use the
   * resource placeholders, and `${TargetInstanceProfile}` alone (any instance profile of the target).
   */
  context?: Record<string, string>;
}

export interface EscalationMethod {
  /** Stable id: pathfinding.cloud's id (`iam-001`), or `cordon-NNN` for methods Cordon adds. */
  id: string;
  title: string;
  category: EscalationCategory;
  /** How bad the method is when it applies: CRITICAL when it yields admin directly, HIGH when it yields another principal. */
  severity: Severity;
  /** Why the method is an escalation, for the finding and the method catalogue. */
  rationale: string;
  target: TargetKind;
  /** For `service-role` targets: the service principal the role must trust. */
  service?: string;
  /**
   * EC2 methods that create their own instance profile and add the role to it: the target role
   * need not be in an instance profile already.
   */
  createsInstanceProfile?: boolean;
  /** Every action is needed (AND). */
  requires: Requirement[];
  /** The target role's trust policy must let the actor assume it. */
  requiresTrustOfActor?: boolean;
  /** Only principals of this kind can use the method (e.g. AddUserToGroup needs a user actor). */
  actorKind?: 'user' | 'role';
  gains: Gain;
  /** Extra facts a person needs (e.g. "needs an existing Lambda function running with the role"). */
  prerequisite?: string;
  /** iam-vulnerable scenario names reproduced by this method, when there is one. */
  iamVulnerable?: string[];
  references: string[];
  /** Inline cases a meta-test runs (`test/analyzers/escalation/method-examples.test.ts`). */
  examples?: MethodExample[];
}

/**
 * A minimal account for one method: an actor allowed exactly `allow` (actions on `*`) and a
 * target worth reaching as the method needs it; `detected` says whether the method must show.
 */
export interface MethodExample {
  detected: boolean;
  allow: string[];
  /** For service-role methods: whether the target role sits in an instance profile (EC2). */
  instanceProfile?: boolean;
  why: string;
}
