/**
 * Containment plans: recorded configuration + options → ordered steps. Pure: the same recorded
 * configuration always yields the same plan, which is what makes resuming safe.
 */
import { RefusedError } from '../../model/errors.js';
import type { IamRoleConfiguration, IamUserConfiguration, IdcUserConfiguration, PrincipalConfiguration } from './config.js';
import { containmentSid, denyPolicyName } from './deny-policy.js';
import type { StepSpec } from './steps.js';

/** What the responder asked for besides the principal. */
export interface ContainOptions {
  executionId: string;
  /** Extra tags from `--tag` (Cordon always adds `cordon:containment`). */
  tags: Record<string, string>;
  /** Buckets from `--bucket-access` whose policies get a deny statement for the principal. */
  bucketAccess: string[];
}

/** Tag key Cordon always sets on a contained user or role (value: the execution id). */
export const CONTAINMENT_TAG = 'cordon:containment';

/** The ordered steps that contain `config`. Throws `RefusedError` for principals AWS protects. */
export function planContainment(config: PrincipalConfiguration, options: ContainOptions): StepSpec[] {
  switch (config.type) {
    case 'iam-user':
      return planUser(config, options);
    case 'iam-role':
      return planRole(config, options);
    case 'idc-user':
      return planIdcUser(config, options);
  }
}

// Order matters: credentials are disabled BEFORE the deny policy is written, so the policy's
// session cut-off (taken when it is written) is later than any session minted with them.
function planUser(user: IamUserConfiguration, options: ContainOptions): StepSpec[] {
  const steps: StepSpec[] = [];
  for (const key of user.accessKeys) {
    if (key.status === 'Active') steps.push({ action: 'deactivate-access-key', userName: user.userName, accessKeyId: key.accessKeyId });
  }
  if (user.loginProfile.exists) steps.push({ action: 'delete-login-profile', userName: user.userName });
  for (const device of user.mfaDevices) steps.push({ action: 'deactivate-mfa-device', userName: user.userName, serialNumber: device.serialNumber });
  steps.push({ action: 'put-user-deny-policy', userName: user.userName, policyName: denyPolicyName(options.executionId) });
  steps.push(...bucketSteps(options, { principalArn: user.arn }));
  steps.push({ action: 'tag-user', userName: user.userName, tags: containmentTags(options) });
  return steps;
}

function planRole(role: IamRoleConfiguration, options: ContainOptions): StepSpec[] {
  if (role.path.startsWith('/aws-service-role/')) {
    throw new RefusedError(`role \`${role.roleName}\` is service-linked: AWS does not allow its sessions to be revoked or its policies edited`);
  }
  if (role.roleName.startsWith('AWSReservedSSO_')) {
    throw new RefusedError(`role \`${role.roleName}\` is managed by IAM Identity Center: contain the user with \`--type idc-user\` instead`);
  }
  return [
    { action: 'put-role-deny-policy', roleName: role.roleName, policyName: denyPolicyName(options.executionId) },
    ...bucketSteps(options, { principalArn: role.arn }),
    { action: 'tag-role', roleName: role.roleName, tags: containmentTags(options) },
  ];
}

// Memberships and assignments go first (no new sessions), then the deny on every permission set
// the user could have a live session from, then one provisioning per changed permission set.
function planIdcUser(user: IdcUserConfiguration, options: ContainOptions): StepSpec[] {
  const steps: StepSpec[] = [];
  const sid = containmentSid(options.executionId);
  for (const m of [...user.memberships].sort((a, b) => a.groupId.localeCompare(b.groupId))) {
    steps.push({ action: 'remove-group-membership', identityStoreId: user.identityStoreId, membershipId: m.membershipId, groupId: m.groupId, userId: user.userId });
  }
  for (const a of sortAssignments(user.assignments)) {
    steps.push({ action: 'remove-account-assignment', instanceArn: user.instanceArn, accountId: a.accountId, permissionSetArn: a.permissionSetArn, principalId: user.userId });
  }
  const sets = [...user.permissionSets].sort((a, b) => a.arn.localeCompare(b.arn));
  for (const ps of sets) steps.push({ action: 'deny-in-permission-set', instanceArn: user.instanceArn, permissionSetArn: ps.arn, sid, userId: user.userId });
  for (const ps of sets) steps.push({ action: 'provision-permission-set', instanceArn: user.instanceArn, permissionSetArn: ps.arn });
  steps.push(...bucketSteps(options, { idcUserId: user.userId }));
  return steps;
}

function bucketSteps(options: ContainOptions, principal: { principalArn?: string; idcUserId?: string }): StepSpec[] {
  const sid = containmentSid(options.executionId);
  return [...new Set(options.bucketAccess)].sort().map((bucket) => ({ action: 'deny-in-bucket-policy' as const, bucket, sid, ...principal }));
}

function containmentTags(options: ContainOptions): Record<string, string> {
  return { ...options.tags, [CONTAINMENT_TAG]: options.executionId };
}

function sortAssignments<T extends { accountId: string; permissionSetArn: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.accountId.localeCompare(b.accountId) || a.permissionSetArn.localeCompare(b.permissionSetArn));
}
