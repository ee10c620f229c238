/**
 * GCP's part of a `Snapshot`: what the GCP provider's loaders (gcloud / REST exports, see
 * `src/collect/gcp/`) and collector produce and its engine and analyzers read. Values are kept as
 * the exports give them (project ids or numbers, member strings, CEL text); the engine resolves
 * aliases and parses conditions when it compiles the snapshot, so files may come in any order.
 */

/** Where an object came from: a file and JSON pointer, or `live:<api>`. */
export interface GcpOrigin {
  file: string;
  pointer: string;
}

/** An IAM Condition (`expr` in the policy): CEL text plus its title. */
export interface GcpCondition {
  expression: string;
  title?: string;
  description?: string;
}

/** One allow-policy binding: a role granted to members, optionally under a condition. */
export interface GcpBinding {
  role: string;
  members: string[];
  condition?: GcpCondition;
}

/** The allow policy attached to one resource (full resource name, `//service.googleapis.com/...`). */
export interface GcpAllowPolicy {
  resource: string;
  assetType?: string;
  bindings: GcpBinding[];
  origin: GcpOrigin;
}

/**
 * A resource-hierarchy or service resource as the exports describe it. `ancestors` are relative
 * names nearest first (`projects/123`, `folders/4`, `organizations/5`) as Cloud Asset returns them;
 * `parent` a full resource name when the export gives one (`parentFullResourceName`).
 */
export interface GcpNode {
  name: string;
  assetType?: string;
  ancestors?: string[];
  parent?: string;
  /** `projects/NUMBER` (search results) for resources inside a project. */
  project?: string;
  projectId?: string;
  displayName?: string;
  /** Emails of the service accounts the resource runs as (instances, functions, services, ...). */
  serviceAccounts?: string[];
  /** Tags bound to the resource: namespaced key (`123/env` or `my-project/env`) → short value. */
  tags?: Record<string, string>;
  origin: GcpOrigin;
}

/** A predefined or custom role and the permissions it grants (`includedPermissions`). */
export interface GcpRole {
  name: string;
  title?: string;
  /** Undefined when the export did not list them (`view=BASIC`): the role grants nothing known. */
  includedPermissions?: string[];
  stage?: string;
  deleted?: boolean;
  origin: GcpOrigin;
}

/** One deny rule, principals and permissions as written (v2 principal identifiers, FQDN permissions). */
export interface GcpDenyRule {
  deniedPrincipals: string[];
  exceptionPrincipals: string[];
  deniedPermissions: string[];
  exceptionPermissions: string[];
  denialCondition?: GcpCondition;
}

/** A deny policy and the full resource name of its attachment point (decoded from its name). */
export interface GcpDenyPolicy {
  name: string;
  attachmentPoint: string;
  displayName?: string;
  rules: GcpDenyRule[];
  origin: GcpOrigin;
}

export interface GcpServiceAccount {
  email: string;
  /** `projects/PROJECT/serviceAccounts/EMAIL`. */
  name: string;
  projectId: string;
  uniqueId?: string;
  disabled: boolean;
  displayName?: string;
  origin: GcpOrigin;
}

export interface GcpServiceAccountKey {
  /** `projects/P/serviceAccounts/EMAIL/keys/KEY_ID`. */
  name: string;
  serviceAccount: string;
  keyId: string;
  keyType: string;
  disabled: boolean;
  validAfterTime?: string;
  validBeforeTime?: string;
  origin: GcpOrigin;
}

/** A Principal Access Boundary policy: the resources its principals are eligible to access. */
export interface GcpPabPolicy {
  name: string;
  rules: { resources: string[]; effect: string; description?: string }[];
  enforcementVersion?: string;
  origin: GcpOrigin;
}

/** A policy binding attaching a PAB policy to a principal set. */
export interface GcpPolicyBinding {
  name: string;
  principalSet: string;
  policyKind?: string;
  policy: string;
  condition?: GcpCondition;
  origin: GcpOrigin;
}

/** An organization and its primary domain (`gcloud organizations list`: `displayName`). */
export interface GcpOrganization {
  name: string;
  domain?: string;
  directoryCustomerId?: string;
}

/** Observed use of a principal (for unused access), when activity is given. */
export interface GcpActivity {
  principal: string;
  /** ISO time of the last authenticated use, absent when never used in the tracked window. */
  lastUsed?: string;
  permissions?: string[];
}

export interface GcpSnapshot {
  /** Files or `live:` sources this part was read from. */
  sources: string[];
  organizations: GcpOrganization[];
  nodes: GcpNode[];
  allowPolicies: GcpAllowPolicy[];
  roles: GcpRole[];
  denyPolicies: GcpDenyPolicy[];
  serviceAccounts: GcpServiceAccount[];
  keys: GcpServiceAccountKey[];
  pabPolicies: GcpPabPolicy[];
  pabBindings: GcpPolicyBinding[];
  /** Group email → direct members (member strings: `user:`, `group:`, `serviceAccount:`). */
  groups: Record<string, string[]>;
  activity: GcpActivity[];
}

/** An empty GCP part with `sources`. */
export function emptyGcpSnapshot(sources: string[] = []): GcpSnapshot {
  return { sources, organizations: [], nodes: [], allowPolicies: [], roles: [], denyPolicies: [], serviceAccounts: [], keys: [], pabPolicies: [], pabBindings: [], groups: {}, activity: [] };
}
