/**
 * Request and decision shapes of the Azure engine. A decision is a value with its trace, like the
 * AWS engine's: the assignments that granted, the deny assignments that overrode, and the
 * PIM-eligible assignments that would grant after activation ("could activate").
 */
import type { AzureAssignmentTier, AzureRoleAssignment } from '../../model/azure/snapshot.js';
import type { Tri } from '../types.js';
import type { OperationKind } from './actions.js';

export interface AzureRequest {
  /** Object id of the caller (user, group, service principal, managed identity). */
  principalId: string;
  /** Operation, e.g. `Microsoft.Compute/virtualMachines/write`. */
  action: string;
  /** Control-plane action (default) or data action. */
  kind?: OperationKind;
  /** ARM scope the operation acts on (a resource id, resource group, subscription, management group or `/`). */
  scope: string;
  /** ABAC attributes the request carries: `@Request[...]`, `@Resource[...]`, `@Principal[...]`, `@Environment[...]`. */
  attributes?: Record<string, string | readonly string[]>;
  /** Sub-operation for `SubOperationMatches` (e.g. `Blob.List`). */
  subOperation?: string;
  /** Hypothetical active assignments added for this request ("what if the attacker granted itself ..."). */
  extraAssignments?: readonly AzureRoleAssignment[];
}

/** One assignment that grants (or, eligible, could grant) the operation. */
export interface AssignmentMatch {
  assignmentId: string;
  assignmentName: string;
  roleName: string;
  roleDefinitionGuid: string;
  /** Scope of the assignment (the request's scope or an ancestor). */
  scope: string;
  inherited: boolean;
  tier: AzureAssignmentTier;
  /** The principal the assignment names: the caller or one of its groups. */
  via: string;
  /** The Actions/DataActions pattern that matched (`permissions[i]`). */
  matched: string;
  permissionIndex: number;
  condition?: string;
  /** The condition's value for this request (`true` without a condition). */
  conditionResult: Tri;
  /** True when the assignment is hypothetical (escalation analysis). */
  hypothetical?: boolean;
  origin?: { file: string; pointer: string };
}

/** One deny assignment that blocks the operation for this caller. */
export interface DenyMatch {
  denyAssignmentId: string;
  name: string;
  scope: string;
  matched: string;
  conditionResult: Tri;
  origin?: { file: string; pointer: string };
}

export type AzureDecision = 'Allowed' | 'Denied' | 'NotAllowed';

export interface AzureDecisionResult {
  decision: AzureDecision;
  /** `conditional` when an ABAC condition's value depends on attributes the request did not carry. */
  certainty: 'definite' | 'conditional';
  grants: AssignmentMatch[];
  denies: DenyMatch[];
  /** PIM-eligible assignments that would grant the operation once activated (deny assignments still apply). */
  couldActivate: AssignmentMatch[];
  /** Role definitions referred to by the caller's assignments but unknown to the snapshot. */
  unknownRoles: string[];
}
