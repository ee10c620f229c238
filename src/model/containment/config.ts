/**
 * The configuration Cordon records about a principal before it changes anything, and reads again
 * after containment and release. Plain JSON data: it is written verbatim into the report, so it
 * never holds a secret (no secret keys, no passwords — only whether a login profile exists).
 */
import type { PolicyDocumentJson } from '../snapshot/types.js';

/** The three kinds of identity Cordon can contain. */
export type PrincipalType = 'iam-user' | 'iam-role' | 'idc-user';

/** Every principal type, for flag validation and help text. */
export const PRINCIPAL_TYPES: readonly PrincipalType[] = ['iam-user', 'iam-role', 'idc-user'];

/** An inline policy with its document. */
export interface InlinePolicyRecord {
  name: string;
  document: PolicyDocumentJson;
}

/** An attached managed policy with its default version's document (when it could be read). */
export interface ManagedPolicyRecord {
  arn: string;
  name: string;
  document?: PolicyDocumentJson;
}

/** The bucket policy of one `--bucket-access` bucket (absent when the bucket has none). */
export interface BucketPolicyRecord {
  bucket: string;
  policy?: PolicyDocumentJson;
}

/** An IAM user, as recorded. */
export interface IamUserConfiguration {
  type: 'iam-user';
  arn: string;
  accountId: string;
  userName: string;
  userId: string;
  path: string;
  inlinePolicies: InlinePolicyRecord[];
  managedPolicies: ManagedPolicyRecord[];
  groups: string[];
  accessKeys: { accessKeyId: string; status: 'Active' | 'Inactive'; createDate?: string }[];
  loginProfile: { exists: boolean; createDate?: string; passwordResetRequired?: boolean };
  mfaDevices: { serialNumber: string; enableDate?: string; virtual: boolean }[];
  tags: Record<string, string>;
  permissionsBoundaryArn?: string;
  bucketPolicies: BucketPolicyRecord[];
}

/** An IAM role, as recorded. */
export interface IamRoleConfiguration {
  type: 'iam-role';
  arn: string;
  accountId: string;
  roleName: string;
  roleId: string;
  path: string;
  trustPolicy: PolicyDocumentJson;
  inlinePolicies: InlinePolicyRecord[];
  managedPolicies: ManagedPolicyRecord[];
  tags: Record<string, string>;
  permissionsBoundaryArn?: string;
  bucketPolicies: BucketPolicyRecord[];
}

/** One Identity Center account assignment. */
export interface IdcAssignmentRecord {
  accountId: string;
  permissionSetArn: string;
  principalType: 'USER' | 'GROUP';
  principalId: string;
}

/** An Identity Center user with everything that gives it access. */
export interface IdcUserConfiguration {
  type: 'idc-user';
  instanceArn: string;
  identityStoreId: string;
  userId: string;
  userName: string;
  displayName?: string;
  memberships: { membershipId: string; groupId: string; groupName?: string }[];
  /** Assignments made to the user directly (removed on contain, restored on release). */
  assignments: IdcAssignmentRecord[];
  /** Assignments the user holds through its groups (recorded; the membership is what is removed). */
  groupAssignments: IdcAssignmentRecord[];
  /** Permission sets reachable through either kind of assignment, with their inline policy. */
  permissionSets: { arn: string; name?: string; inlinePolicy?: PolicyDocumentJson }[];
  bucketPolicies: BucketPolicyRecord[];
}

/** Whichever principal is being contained. */
export type PrincipalConfiguration = IamUserConfiguration | IamRoleConfiguration | IdcUserConfiguration;

/** A printable id for the principal: its ARN, or the Identity Center user id. */
export function principalLabel(config: PrincipalConfiguration): string {
  return config.type === 'idc-user' ? `${config.identityStoreId}/${config.userId} (${config.userName})` : config.arn;
}
