/**
 * GCP resource names: full resource names (`//service.googleapis.com/relative/name`), hierarchy
 * nodes, deny-policy attachment points and the two permission spellings (v1 `service.resource.verb`
 * and the deny-policy form `service.googleapis.com/resource.verb`).
 * https://cloud.google.com/iam/docs/full-resource-names, https://cloud.google.com/iam/docs/deny-overview
 */

/** Prefix of organization, folder and project full resource names. */
export const CRM = '//cloudresourcemanager.googleapis.com/';

/** `projects/x`, `folders/1`, `organizations/2` → full resource name; full names pass through. */
export function hierarchyFullName(relative: string): string {
  return relative.startsWith('//') ? relative : CRM + relative;
}

/** The service host of a full resource name (`storage.googleapis.com`), or undefined. */
export function serviceOf(fullName: string): string | undefined {
  if (!fullName.startsWith('//')) return undefined;
  const slash = fullName.indexOf('/', 2);
  return slash < 0 ? fullName.slice(2) : fullName.slice(2, slash);
}

/** The relative part of a full resource name (`projects/_/buckets/b`), as IAM Conditions see `resource.name`. */
export function relativeName(fullName: string): string {
  if (!fullName.startsWith('//')) return fullName;
  const slash = fullName.indexOf('/', 2);
  return slash < 0 ? '' : fullName.slice(slash + 1);
}

/** True for organization, folder and project full names. */
export function isHierarchyNode(fullName: string): boolean {
  return /^\/\/cloudresourcemanager\.googleapis\.com\/(organizations|folders|projects)\/[^/]+$/.test(fullName);
}

/** Kind of a hierarchy node, or undefined for any other resource. */
export function hierarchyKind(fullName: string): 'organization' | 'folder' | 'project' | undefined {
  const m = /^\/\/cloudresourcemanager\.googleapis\.com\/(organizations|folders|projects)\/[^/]+$/.exec(fullName);
  if (!m) return undefined;
  return m[1] === 'organizations' ? 'organization' : m[1] === 'folders' ? 'folder' : 'project';
}

/** The project segment of a resource name (`projects/ID/...`), except the `_` and `-` placeholders. */
export function projectSegment(name: string): string | undefined {
  const m = /(?:^|\/)projects\/([^/]+)/.exec(name);
  return m && m[1] !== '_' && m[1] !== '-' ? m[1] : undefined;
}

/**
 * A deny policy's attachment point from its name `policies/ATTACHMENT_POINT/denypolicies/ID`,
 * where the attachment point is the URL-encoded full name without its leading `//`.
 */
export function denyAttachmentPoint(policyName: string): string | undefined {
  const m = /^policies\/(.+)\/denypolicies\/[^/]+$/.exec(policyName);
  if (!m) return undefined;
  const decoded = decodeURIComponent(m[1]!);
  return decoded.startsWith('//') ? decoded : `//${decoded}`;
}

/** The deny-policy name for an attachment point and id (inverse of `denyAttachmentPoint`). */
export function denyPolicyName(attachmentPoint: string, id: string): string {
  return `policies/${encodeURIComponent(attachmentPoint.replace(/^\/\//, ''))}/denypolicies/${id}`;
}

// Services whose v1 permission prefix is not the first label of their host.
const PERMISSION_PREFIX: Readonly<Record<string, string>> = {
  'cloudresourcemanager.googleapis.com': 'resourcemanager',
};

/**
 * Deny-policy permission (`iam.googleapis.com/serviceAccountKeys.create`, wildcards allowed in
 * the documented places) → v1 spelling (`iam.serviceAccountKeys.create`, `*` kept). A name that is
 * already v1 is returned unchanged.
 */
export function v1Permission(denyPermission: string): string {
  const slash = denyPermission.indexOf('/');
  if (slash < 0) return denyPermission;
  const host = denyPermission.slice(0, slash);
  const prefix = PERMISSION_PREFIX[host] ?? host.split('.')[0]!;
  return `${prefix}.${denyPermission.slice(slash + 1)}`;
}

/** v1 permission → deny-policy spelling (`iam.serviceAccountKeys.create` → `iam.googleapis.com/serviceAccountKeys.create`). */
export function denyPermissionName(permission: string): string {
  const dot = permission.indexOf('.');
  const prefix = permission.slice(0, dot);
  const host = Object.entries(PERMISSION_PREFIX).find(([, p]) => p === prefix)?.[0] ?? `${prefix}.googleapis.com`;
  return `${host}/${permission.slice(dot + 1)}`;
}

/** The project id of a user-managed service account email (`sa@PROJECT.iam.gserviceaccount.com`). */
export function serviceAccountProject(email: string): string | undefined {
  const m = /@([a-z0-9-]+)\.iam\.gserviceaccount\.com$/i.exec(email);
  return m ? m[1] : undefined;
}

/** Full resource name of a service account. */
export function serviceAccountResource(email: string, projectId?: string): string {
  return `//iam.googleapis.com/projects/${projectId ?? serviceAccountProject(email) ?? '-'}/serviceAccounts/${email}`;
}

/**
 * The Cloud Asset type a full resource name implies, for the common IAM resources
 * (hierarchy nodes, service accounts, buckets, objects, instances); undefined otherwise.
 */
export function assetTypeFromName(fullName: string): string | undefined {
  const kind = hierarchyKind(fullName);
  if (kind) return `cloudresourcemanager.googleapis.com/${kind[0]!.toUpperCase()}${kind.slice(1)}`;
  if (/^\/\/iam\.googleapis\.com\/projects\/[^/]+\/serviceAccounts\/[^/]+$/.test(fullName)) return 'iam.googleapis.com/ServiceAccount';
  if (/^\/\/storage\.googleapis\.com\/projects\/_\/buckets\/[^/]+$/.test(fullName)) return 'storage.googleapis.com/Bucket';
  if (/^\/\/storage\.googleapis\.com\/projects\/_\/buckets\/[^/]+\/objects\/.+$/.test(fullName)) return 'storage.googleapis.com/Object';
  if (/^\/\/compute\.googleapis\.com\/projects\/[^/]+\/zones\/[^/]+\/instances\/[^/]+$/.test(fullName)) return 'compute.googleapis.com/Instance';
  return undefined;
}
