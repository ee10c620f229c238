/**
 * The steps of a containment, as data. A plan is an ordered list of `StepSpec`s derived purely
 * from the recorded configuration; the report journals each as a `StepRecord` with its status,
 * so a crashed run can resume (skip `done` steps) and release can undo exactly what was planned.
 */

export type { StepAction, StepRecord, StepSpec, StepStatus } from '../../model/containment/steps.js';
import type { StepRecord, StepSpec } from '../../model/containment/steps.js';

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
  switch (spec.action) {
    case 'deactivate-access-key':
      return `iam:UpdateAccessKey ${spec.accessKeyId} of user ${spec.userName} to Inactive`;
    case 'delete-login-profile':
      return `iam:DeleteLoginProfile of user ${spec.userName} (console password)`;
    case 'deactivate-mfa-device':
      return `iam:DeactivateMFADevice ${spec.serialNumber} of user ${spec.userName}`;
    case 'put-user-deny-policy':
      return `iam:PutUserPolicy ${spec.policyName} on user ${spec.userName}: deny all to sessions issued before now and to long-term keys`;
    case 'put-role-deny-policy':
      return `iam:PutRolePolicy ${spec.policyName} on role ${spec.roleName}: deny all to sessions issued before now (AWSRevokeOlderSessions shape)`;
    case 'tag-user':
      return `iam:TagUser ${spec.userName} with ${formatTags(spec.tags)}`;
    case 'tag-role':
      return `iam:TagRole ${spec.roleName} with ${formatTags(spec.tags)}`;
    case 'deny-in-bucket-policy':
      return `s3:PutBucketPolicy ${spec.bucket}: add statement ${spec.sid} denying the principal s3:*`;
    case 'remove-group-membership':
      return `identitystore:DeleteGroupMembership ${spec.membershipId} (group ${spec.groupId})`;
    case 'remove-account-assignment':
      return `sso:DeleteAccountAssignment of ${spec.permissionSetArn} in account ${spec.accountId}`;
    case 'deny-in-permission-set':
      return `sso:PutInlinePolicyToPermissionSet ${spec.permissionSetArn}: add statement ${spec.sid} denying user ${spec.userId}`;
    case 'provision-permission-set':
      return `sso:ProvisionPermissionSet ${spec.permissionSetArn} to all provisioned accounts`;
  }
}

function formatTags(tags: Record<string, string>): string {
  return Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join(',');
}

/** Turns specs into fresh `pending` journal records. */
export function pendingRecords(specs: readonly StepSpec[]): StepRecord[] {
  return specs.map((spec) => ({ id: stepId(spec), spec, description: describeStep(spec), status: 'pending' as const }));
}
