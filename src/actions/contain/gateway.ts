/**
 * What containment needs from AWS, as an interface: the SDK implementation lives in
 * `src/aws/containment-gateway.ts`; tests inject fakes and fault-injecting wrappers. Every
 * mutation is idempotent from the caller's point of view (deleting something already gone
 * answers `'absent'` instead of failing), so a step can be retried after a crash.
 */
import type { PolicyDocumentJson } from '../../model/snapshot/types.js';
import type { IamRoleConfiguration, IamUserConfiguration, IdcUserConfiguration } from './config.js';

/** Outcome of a delete-like call: it removed something, or there was nothing to remove. */
export type DeleteOutcome = 'deleted' | 'absent';

/** Where an Identity Center user lives. */
export interface IdcLocation {
  instanceArn: string;
  identityStoreId: string;
}

/** Reads and mutations Cordon's containment and release perform. */
export interface ContainmentGateway {
  // --- reads -------------------------------------------------------------------------------
  /** ARN of the identity making the calls (sts:GetCallerIdentity); optional for fakes. */
  callerArn?(): Promise<string>;
  readIamUser(userName: string, buckets: readonly string[]): Promise<IamUserConfiguration>;
  readIamRole(roleName: string, buckets: readonly string[]): Promise<IamRoleConfiguration>;
  /** Finds the Identity Center instance (sso-admin ListInstances) when the caller gave none. */
  discoverIdc(): Promise<IdcLocation>;
  readIdcUser(location: IdcLocation, userName: string, buckets: readonly string[]): Promise<IdcUserConfiguration>;
  getPermissionSetInlinePolicy(instanceArn: string, permissionSetArn: string): Promise<PolicyDocumentJson | undefined>;
  getBucketPolicy(bucket: string): Promise<PolicyDocumentJson | undefined>;
  /** The user's current membership id in a group, if any (memberships get new ids when re-created). */
  findGroupMembership(identityStoreId: string, groupId: string, userId: string): Promise<string | undefined>;
  hasAccountAssignment(instanceArn: string, assignment: { accountId: string; permissionSetArn: string; principalId: string }): Promise<boolean>;

  // --- IAM user mutations -------------------------------------------------------------------
  updateAccessKey(userName: string, accessKeyId: string, status: 'Active' | 'Inactive'): Promise<void>;
  deleteLoginProfile(userName: string): Promise<DeleteOutcome>;
  /** Recreates a console password; the password is never returned or recorded by Cordon. */
  createLoginProfile(userName: string, password: string, passwordResetRequired: boolean): Promise<void>;
  deactivateMfaDevice(userName: string, serialNumber: string): Promise<DeleteOutcome>;
  putUserPolicy(userName: string, policyName: string, document: PolicyDocumentJson): Promise<void>;
  deleteUserPolicy(userName: string, policyName: string): Promise<DeleteOutcome>;
  tagUser(userName: string, tags: Record<string, string>): Promise<void>;
  untagUser(userName: string, keys: readonly string[]): Promise<void>;

  // --- IAM role mutations -------------------------------------------------------------------
  putRolePolicy(roleName: string, policyName: string, document: PolicyDocumentJson): Promise<void>;
  deleteRolePolicy(roleName: string, policyName: string): Promise<DeleteOutcome>;
  tagRole(roleName: string, tags: Record<string, string>): Promise<void>;
  untagRole(roleName: string, keys: readonly string[]): Promise<void>;

  // --- S3 bucket policies (--bucket-access) -----------------------------------------------------
  putBucketPolicy(bucket: string, document: PolicyDocumentJson): Promise<void>;
  deleteBucketPolicy(bucket: string): Promise<DeleteOutcome>;

  // --- Identity Center mutations -------------------------------------------------------------
  deleteGroupMembership(identityStoreId: string, membershipId: string): Promise<DeleteOutcome>;
  /** Returns the new membership id. */
  createGroupMembership(identityStoreId: string, groupId: string, userId: string): Promise<string>;
  deleteAccountAssignment(instanceArn: string, assignment: { accountId: string; permissionSetArn: string; principalType: 'USER' | 'GROUP'; principalId: string }): Promise<void>;
  createAccountAssignment(instanceArn: string, assignment: { accountId: string; permissionSetArn: string; principalType: 'USER' | 'GROUP'; principalId: string }): Promise<void>;
  putPermissionSetInlinePolicy(instanceArn: string, permissionSetArn: string, document: PolicyDocumentJson): Promise<void>;
  deletePermissionSetInlinePolicy(instanceArn: string, permissionSetArn: string): Promise<DeleteOutcome>;
  /** Pushes a permission set's change to every account it is provisioned in. */
  provisionPermissionSet(instanceArn: string, permissionSetArn: string): Promise<void>;
}

/**
 * The gateway methods that change AWS, in one list: dry-run guards and fault-injection wrappers
 * (tests) use it to tell a mutation from a read.
 */
export const MUTATING_METHODS = [
  'updateAccessKey', 'deleteLoginProfile', 'createLoginProfile', 'deactivateMfaDevice', 'putUserPolicy', 'deleteUserPolicy', 'tagUser', 'untagUser',
  'putRolePolicy', 'deleteRolePolicy', 'tagRole', 'untagRole', 'putBucketPolicy', 'deleteBucketPolicy',
  'deleteGroupMembership', 'createGroupMembership', 'deleteAccountAssignment', 'createAccountAssignment',
  'putPermissionSetInlinePolicy', 'deletePermissionSetInlinePolicy', 'provisionPermissionSet',
] as const satisfies readonly (keyof ContainmentGateway)[];

/** A mutating method's name. */
export type MutatingMethod = (typeof MUTATING_METHODS)[number];
