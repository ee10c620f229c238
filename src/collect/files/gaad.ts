/**
 * One page of `aws iam get-account-authorization-details` → snapshot entities. Policy documents
 * may be objects (the CLI decodes them) or URL-encoded strings (the API's form). A document that
 * is not valid JSON skips that one entity with an issue naming file and pointer; the rest loads.
 */
import { MalformedPolicyError } from '../../model/errors.js';
import { decodePolicyText } from '../../model/policy/index.js';
import type { AccessKey, IamGroup, IamRole, IamUser, InlinePolicy, ManagedPolicy, PolicyDocumentJson, Tags } from '../../model/snapshot/types.js';
import type { ValidationIssue } from '../../model/validation.js';

/** Entities read from one GAAD page, before merging. */
export interface GaadEntities {
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  policies: ManagedPolicy[];
}

type Json = Record<string, unknown>;
const KNOWN_KEYS = new Set(['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies', 'IsTruncated', 'Marker', 'ResponseMetadata']);

/** True when `value` looks like a GAAD page. */
export function isGaadPage(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'].some((k) => k in value);
}

/** The array itself when all its items are objects (the common case: no copy), else the objects in it. */
const arr = (v: unknown): Json[] => {
  if (!Array.isArray(v)) return [];
  for (const x of v) if (typeof x !== 'object' || x === null) return v.filter((y) => typeof y === 'object' && y !== null) as Json[];
  return v as Json[];
};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : undefined);
const tags = (v: unknown): Tags => {
  const out: Tags = {};
  for (const t of arr(v)) out[String(t.Key)] = String(t.Value ?? '');
  return out;
};

/** Converts one page; problems become issues, never exceptions. */
export function readGaadPage(page: Json, file: string, issues: ValidationIssue[]): GaadEntities {
  for (const key of Object.keys(page)) {
    if (!KNOWN_KEYS.has(key)) issues.push({ code: 'unknown_key', severity: 'warning', message: `unknown top-level key \`${key}\` ignored`, file, pointer: `/${key}` });
  }
  const doc = (raw: unknown, pointer: string): PolicyDocumentJson | undefined => {
    try {
      const value = typeof raw === 'string' ? decodePolicyText(raw, file) : raw;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedPolicyError('policy document is not a JSON object', { file, pointer });
      return value as PolicyDocumentJson;
    } catch (err) {
      issues.push({ code: 'invalid_policy_document', severity: 'error', message: `${(err as Error).message}; entity skipped`, file, pointer });
      return undefined;
    }
  };
  const inline = (list: unknown, base: string): InlinePolicy[] | undefined => {
    const out: InlinePolicy[] = [];
    for (const [i, p] of arr(list).entries()) {
      const pointer = `${base}/${i}/PolicyDocument`;
      const document = doc(p.PolicyDocument, pointer);
      if (!document) return undefined;
      out.push({ name: String(p.PolicyName), document, origin: { file, pointer: `${base}/${i}` } });
    }
    return out;
  };
  const attached = (list: unknown) => arr(list).map((p) => String(p.PolicyArn));
  const boundary = (v: unknown) => (typeof v === 'object' && v ? str((v as Json).PermissionsBoundaryArn) : undefined);

  const users: IamUser[] = [];
  for (const [i, u] of arr(page.UserDetailList).entries()) {
    const base = `/UserDetailList/${i}`;
    const inlinePolicies = inline(u.UserPolicyList, `${base}/UserPolicyList`);
    if (!inlinePolicies) continue;
    users.push({
      kind: 'user', arn: String(u.Arn), name: String(u.UserName), id: str(u.UserId), path: str(u.Path) ?? '/', createDate: str(u.CreateDate),
      tags: tags(u.Tags), inlinePolicies, attachedPolicyArns: attached(u.AttachedManagedPolicies), permissionsBoundaryArn: boundary(u.PermissionsBoundary),
      groupNames: Array.isArray(u.GroupList) ? u.GroupList.map(String) : [], accessKeys: [] as AccessKey[], mfaDevices: [], origin: { file, pointer: base },
    });
  }
  const groups: IamGroup[] = [];
  for (const [i, g] of arr(page.GroupDetailList).entries()) {
    const base = `/GroupDetailList/${i}`;
    const inlinePolicies = inline(g.GroupPolicyList, `${base}/GroupPolicyList`);
    if (!inlinePolicies) continue;
    groups.push({ kind: 'group', arn: String(g.Arn), name: String(g.GroupName), id: str(g.GroupId), path: str(g.Path) ?? '/', createDate: str(g.CreateDate), inlinePolicies, attachedPolicyArns: attached(g.AttachedManagedPolicies), origin: { file, pointer: base } });
  }
  const roles: IamRole[] = [];
  for (const [i, r] of arr(page.RoleDetailList).entries()) {
    const base = `/RoleDetailList/${i}`;
    const inlinePolicies = inline(r.RolePolicyList, `${base}/RolePolicyList`);
    const trustPolicy = doc(r.AssumeRolePolicyDocument ?? { Version: '2012-10-17', Statement: [] }, `${base}/AssumeRolePolicyDocument`);
    if (!inlinePolicies || !trustPolicy) continue;
    const path = str(r.Path) ?? '/';
    const lastUsed = typeof r.RoleLastUsed === 'object' && r.RoleLastUsed ? (r.RoleLastUsed as Json) : {};
    roles.push({
      kind: 'role', arn: String(r.Arn), name: String(r.RoleName), id: str(r.RoleId), path, createDate: str(r.CreateDate), tags: tags(r.Tags),
      inlinePolicies, attachedPolicyArns: attached(r.AttachedManagedPolicies), permissionsBoundaryArn: boundary(r.PermissionsBoundary), trustPolicy,
      description: str(r.Description), maxSessionDuration: typeof r.MaxSessionDuration === 'number' ? r.MaxSessionDuration : undefined,
      lastUsed: str(lastUsed.LastUsedDate) || str(lastUsed.Region) ? { date: str(lastUsed.LastUsedDate), region: str(lastUsed.Region) } : undefined,
      instanceProfileArns: arr(r.InstanceProfileList).map((p) => String(p.Arn)), serviceLinked: path.startsWith('/aws-service-role/'), origin: { file, pointer: base },
    });
  }
  const policies: ManagedPolicy[] = [];
  for (const [i, p] of arr(page.Policies).entries()) {
    const base = `/Policies/${i}`;
    const arn = String(p.Arn);
    const versions = [];
    let broken = false;
    for (const [j, v] of arr(p.PolicyVersionList).entries()) {
      const document = doc(v.Document, `${base}/PolicyVersionList/${j}/Document`);
      if (!document) {
        broken = true;
        break;
      }
      versions.push({ versionId: String(v.VersionId), isDefault: v.IsDefaultVersion === true, document, createDate: str(v.CreateDate) });
    }
    if (broken) continue;
    policies.push({
      arn, name: str(p.PolicyName) ?? arn.slice(arn.lastIndexOf('/') + 1), id: str(p.PolicyId), path: str(p.Path) ?? '/', defaultVersionId: str(p.DefaultVersionId) ?? versions.find((v) => v.isDefault)?.versionId,
      versions, attachmentCount: typeof p.AttachmentCount === 'number' ? p.AttachmentCount : undefined, isAwsManaged: arn.split(':')[4] === 'aws',
      documentStatus: versions.some((v) => v.isDefault) ? 'present' : 'unknown', createDate: str(p.CreateDate), updateDate: str(p.UpdateDate), origin: { file, pointer: base },
    });
  }
  return { users, groups, roles, policies };
}
