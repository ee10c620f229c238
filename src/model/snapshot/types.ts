/**
 * The neutral model every analysis runs on: one AWS account or a whole organization. Live
 * collection (SDK) and file loading (GAAD JSON, resources.json, org.json) both produce this type;
 * analyzers never know which it was (DESIGN.md §3). Policy documents are kept as the raw JSON
 * object (already URL-decoded); the engine parses them into its typed AST.
 */
import type { AzureSnapshot } from '../azure/snapshot.js';
import type { GcpSnapshot } from '../gcp/snapshot.js';

/** Where an object came from: a file and JSON pointer, or an API call. */
export interface Origin {
  file?: string;
  /** RFC 6901 pointer inside `file`. */
  pointer?: string;
  /** API operation that returned it, e.g. `iam:GetAccountAuthorizationDetails`. */
  api?: string;
  accountId?: string;
  region?: string;
}

/** Key/value tags as AWS returns them, folded into a map. */
export type Tags = Record<string, string>;

/** A raw policy document (a JSON object as AWS stores it, URL-decoded). */
export type PolicyDocumentJson = Record<string, unknown>;

/** An inline policy embedded in a user, group, role or permission set. */
export interface InlinePolicy {
  name: string;
  document: PolicyDocumentJson;
  origin: Origin;
}

/** One version of a managed policy. */
export interface ManagedPolicyVersion {
  versionId: string;
  isDefault: boolean;
  document: PolicyDocumentJson;
  createDate?: string;
}

/**
 * A managed policy, customer or AWS. `documentStatus` says whether the default version's document
 * is known: `present` (in the input), `bundled` (filled from Cordon's bundled copy of AWS-managed
 * policies) or `unknown` (referenced but not available: analyses must report, not assume empty).
 */
export interface ManagedPolicy {
  arn: string;
  name: string;
  id?: string;
  path: string;
  defaultVersionId?: string;
  versions: ManagedPolicyVersion[];
  attachmentCount?: number;
  permissionsBoundaryUsageCount?: number;
  isAwsManaged: boolean;
  documentStatus: 'present' | 'bundled' | 'unknown';
  createDate?: string;
  updateDate?: string;
  origin: Origin;
}

export interface AccessKey {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate?: string;
  lastUsedDate?: string;
  lastUsedService?: string;
  lastUsedRegion?: string;
}

export interface MfaDevice {
  serialNumber: string;
  enableDate?: string;
  /** true for virtual MFA devices (arn:...:mfa/...). */
  virtual: boolean;
}

export interface LoginProfile {
  createDate?: string;
  passwordResetRequired?: boolean;
}

interface PrincipalBase {
  arn: string;
  name: string;
  id?: string;
  path: string;
  createDate?: string;
  tags: Tags;
  inlinePolicies: InlinePolicy[];
  /** ARNs of attached managed policies (customer or AWS). */
  attachedPolicyArns: string[];
  permissionsBoundaryArn?: string;
  origin: Origin;
}

export interface IamUser extends PrincipalBase {
  kind: 'user';
  /** Names of the groups the user belongs to. */
  groupNames: string[];
  accessKeys: AccessKey[];
  loginProfile?: LoginProfile;
  mfaDevices: MfaDevice[];
  passwordLastUsed?: string;
}

export interface IamGroup {
  kind: 'group';
  arn: string;
  name: string;
  id?: string;
  path: string;
  createDate?: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicyArns: string[];
  origin: Origin;
}

export interface IamRole extends PrincipalBase {
  kind: 'role';
  /** The AssumeRolePolicyDocument (trust policy). */
  trustPolicy: PolicyDocumentJson;
  description?: string;
  maxSessionDuration?: number;
  lastUsed?: { date?: string; region?: string };
  instanceProfileArns: string[];
  /** true for service-linked roles (path `/aws-service-role/`): AWS manages and protects them. */
  serviceLinked: boolean;
}

/** A resource that carries a resource-based policy or sharing settings. */
export interface ResourcePolicyEntry {
  arn: string;
  /** CloudFormation-style type, e.g. `AWS::S3::Bucket`, `AWS::KMS::Key`, `AWS::Lambda::Function`. */
  resourceType: string;
  accountId: string;
  region?: string;
  /** The resource-based policy, when the resource has one. */
  policy?: PolicyDocumentJson;
  /** S3 only: account- and bucket-level Block Public Access (both considered). */
  blockPublicAccess?: BlockPublicAccess;
  /** S3 only: ACL grants. */
  aclGrants?: AclGrant[];
  /** Snapshots, AMIs, etc.: account ids (or `all`) the resource is shared with. */
  sharedWith?: string[];
  tags?: Tags;
  origin: Origin;
}

export interface BlockPublicAccess {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface AclGrant {
  /** `CanonicalUser`, `Group` (e.g. AllUsers, AuthenticatedUsers) or `AmazonCustomerByEmail`. */
  granteeType: string;
  grantee: string;
  permission: string;
}

export interface SamlProvider {
  arn: string;
  origin: Origin;
}

export interface OidcProvider {
  arn: string;
  url?: string;
  clientIds: string[];
  origin: Origin;
}

/** Everything known about one AWS account. */
export interface AccountSnapshot {
  accountId: string;
  partition: string;
  alias?: string;
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  /** Customer-managed policies and every AWS-managed policy referenced by an attachment. */
  policies: ManagedPolicy[];
  resources: ResourcePolicyEntry[];
  samlProviders: SamlProvider[];
  oidcProviders: OidcProvider[];
}

/** An SCP or RCP of an organization. */
export interface OrgPolicy {
  id: string;
  arn?: string;
  name: string;
  type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  document: PolicyDocumentJson;
  /** Ids of the roots, OUs and accounts it is attached to. */
  targets: string[];
  awsManaged?: boolean;
  origin: Origin;
}

export interface OrgUnit {
  id: string;
  name: string;
  /** Parent id: the root (`r-...`) or another OU. */
  parentId?: string;
}

export interface OrgAccount {
  id: string;
  name?: string;
  email?: string;
  /** Root or OU id the account sits in directly. */
  parentId: string;
  status?: string;
}

/** The organization tree with its SCPs and RCPs. */
export interface OrganizationSnapshot {
  id: string;
  arn?: string;
  managementAccountId: string;
  rootId: string;
  units: OrgUnit[];
  accounts: OrgAccount[];
  policies: OrgPolicy[];
  origin: Origin;
}

export interface IdcUser {
  userId: string;
  userName: string;
  displayName?: string;
  emails?: string[];
}

export interface IdcGroup {
  groupId: string;
  displayName: string;
}

export interface PermissionSet {
  arn: string;
  name: string;
  inlinePolicy?: PolicyDocumentJson;
  managedPolicyArns: string[];
  customerManagedPolicies: { name: string; path: string }[];
  permissionsBoundary?: { managedPolicyArn?: string; customerManaged?: { name: string; path: string } };
  sessionDuration?: string;
}

export interface AccountAssignment {
  accountId: string;
  permissionSetArn: string;
  principalType: 'USER' | 'GROUP';
  principalId: string;
}

/** IAM Identity Center: who gets which permission set in which account (the `AWSReservedSSO_*` roles). */
export interface IdentityCenterSnapshot {
  instanceArn: string;
  identityStoreId: string;
  users: IdcUser[];
  groups: IdcGroup[];
  memberships: { groupId: string; userId: string }[];
  permissionSets: PermissionSet[];
  accountAssignments: AccountAssignment[];
  origin: Origin;
}

/** Something the loader or collector could not do; the snapshot says exactly what is missing. */
export interface SnapshotWarning {
  code: string;
  message: string;
  origin?: Origin;
}

/** The whole input to analysis. */
export interface Snapshot {
  schemaVersion: 1;
  /** ISO time the data was read. */
  collectedAt: string;
  /** Files or `live:` endpoints this snapshot was built from. */
  sources: string[];
  accounts: AccountSnapshot[];
  organization?: OrganizationSnapshot;
  identityCenter?: IdentityCenterSnapshot;
  /** Azure's part (subscriptions, RBAC, Entra ID), when Azure inputs were given. */
  azure?: AzureSnapshot;
  /** GCP's part (allow and deny policies, roles, service accounts), when GCP inputs were given. */
  gcp?: GcpSnapshot;
  /** Non-fatal problems (partial collection, unknown AWS-managed policy documents, bad entries skipped). */
  warnings: SnapshotWarning[];
}
