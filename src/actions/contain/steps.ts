/**
 * The steps of a containment, as data. A plan is an ordered list of `StepSpec`s derived purely
 * from the recorded configuration; the report journals each as a `StepRecord` with its status,
 * so a crashed run can resume (skip `done` steps) and release can undo exactly what was planned.
 */

export type { StepAction, StepRecord, StepSpec, StepStatus } from '../../model/containment/steps.js';
import type { StepRecord, StepSpec } from '../../model/containment/steps.js';
import { containKind } from './handlers.js';

/** The stable id of a step. */
export function stepId(spec: StepSpec): string {
  switch (spec.action) {
    case 'deactivate-access-key':
      return `${spec.action}:${spec.accessKeyId}`;
    case 'deactivate-mfa-device':
      return `${spec.action}:${spec.serialNumber}`;
    case 'deny-in-bucket-policy':
      return `${spec.action}:${spec.bucket}`;
    case 'remove-group-membership':
      return `${spec.action}:${spec.groupId}`;
    case 'remove-account-assignment':
      return `${spec.action}:${spec.accountId}:${spec.permissionSetArn}`;
    case 'deny-in-permission-set':
    case 'provision-permission-set':
      return `${spec.action}:${spec.permissionSetArn}`;
    default:
      return spec.action;
  }
}

/** A one-line description of what the step does, naming the API call (dry-run prints these). */
export function describeStep(spec: StepSpec): string {
  return containKind(spec).describe(spec);
}

/** Turns specs into fresh `pending` journal records. */
export function pendingRecords(specs: readonly StepSpec[]): StepRecord[] {
  return specs.map((spec) => ({ id: stepId(spec), spec, description: describeStep(spec), status: 'pending' as const }));
}
