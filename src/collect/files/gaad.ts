/**
 * One page of `aws iam get-account-authorization-details` → snapshot entities. Policy documents
 * may be objects (the CLI decodes them) or URL-encoded strings (the API's form). A document that
 * is not valid JSON skips that one entity with an issue naming file and pointer; the rest loads.
 */
import { InputError, MalformedPolicyError } from '../../model/errors.js';
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

/** JSON's name for the type of `v`, for messages. */
export function jsonType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** A field of the wrong type: an error naming the field (never "0 accounts" or a TypeError later). */
export function wrongType(file: string, pointer: string, expected: string, v: unknown): InputError {
  return new InputError(`\`${file}\`: \`${pointer}\` must be ${expected}, got ${jsonType(v)}`, { file, pointer });
}

/** The list at `pointer` (absent: empty); anything but an array of objects is an error naming the field. */
const list = (v: unknown, file: string, pointer: string): Json[] => {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw wrongType(file, pointer, 'an array', v);
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== 'object' || x === null || Array.isArray(x)) throw wrongType(file, `${pointer}/${i}`, 'an object', x);
  }
  return v as Json[];
};
/** A required string field. */
const need = (v: unknown, file: string, pointer: string): string => {
  if (typeof v !== 'string') throw wrongType(file, pointer, 'a string', v);
  return v;
};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : undefined);

/**
 * Converts one page. Bad policy documents become issues (that entity is skipped); a field of the
 * wrong JSON type (a list that is not an array, an `Arn` that is not a string) is an `InputError`
 * naming its pointer, since nothing sensible can be read from such a file.
 */
export function readGaadPage(page: Json, file: string, issues: ValidationIssue[]): GaadEntities {
  const arr = (v: unknown, pointer: string) => list(v, file, pointer);
  const tags = (v: unknown, pointer: string): Tags => {
    const out: Tags = {};
    for (const t of arr(v, pointer)) out[String(t.Key)] = String(t.Value ?? '');
    return out;
  };
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
    for (const [i, p] of arr(list, base).entries()) {
      const pointer = `${base}/${i}/PolicyDocument`;
      const document = doc(p.PolicyDocument, pointer);
      if (!document) return undefined;
      out.push({ name: need(p.PolicyName, file, `${base}/${i}/PolicyName`), document, origin: { file, pointer: `${base}/${i}` } });
    }
    return out;
  };
  const attached = (v: unknown, base: string) => arr(v, base).map((p, i) => need(p.PolicyArn, file, `${base}/${i}/PolicyArn`));
  const groupNames = (v: unknown, base: string): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw wrongType(file, base, 'an array', v);
    return v.map((g: unknown, i) => need(g, file, `${base}/${i}`));
  };
  const boundary = (v: unknown) => (typeof v === 'object' && v ? str((v as Json).PermissionsBoundaryArn) : undefined);

  const users: IamUser[] = [];
  for (const [i, u] of arr(page.UserDetailList, '/UserDetailList').entries()) {
    const base = `/UserDetailList/${i}`;
    const inlinePolicies = inline(u.UserPolicyList, `${base}/UserPolicyList`);
    if (!inlinePolicies) continue;
    users.push({
      kind: 'user', arn: need(u.Arn, file, `${base}/Arn`), name: need(u.UserName, file, `${base}/UserName`), id: str(u.UserId), path: str(u.Path) ?? '/', createDate: str(u.CreateDate),
      tags: tags(u.Tags, `${base}/Tags`), inlinePolicies, attachedPolicyArns: attached(u.AttachedManagedPolicies, `${base}/AttachedManagedPolicies`), permissionsBoundaryArn: boundary(u.PermissionsBoundary),
      groupNames: groupNames(u.GroupList, `${base}/GroupList`), accessKeys: [] as AccessKey[], mfaDevices: [], origin: { file, pointer: base },
    });
  }
  const groups: IamGroup[] = [];
  for (const [i, g] of arr(page.GroupDetailList, '/GroupDetailList').entries()) {
    const base = `/GroupDetailList/${i}`;
    const inlinePolicies = inline(g.GroupPolicyList, `${base}/GroupPolicyList`);
    if (!inlinePolicies) continue;
    groups.push({ kind: 'group', arn: need(g.Arn, file, `${base}/Arn`), name: need(g.GroupName, file, `${base}/GroupName`), id: str(g.GroupId), path: str(g.Path) ?? '/', createDate: str(g.CreateDate), inlinePolicies, attachedPolicyArns: attached(g.AttachedManagedPolicies, `${base}/AttachedManagedPolicies`), origin: { file, pointer: base } });
  }
  const roles: IamRole[] = [];
  for (const [i, r] of arr(page.RoleDetailList, '/RoleDetailList').entries()) {
    const base = `/RoleDetailList/${i}`;
    const inlinePolicies = inline(r.RolePolicyList, `${base}/RolePolicyList`);
    const trustPolicy = doc(r.AssumeRolePolicyDocument ?? { Version: '2012-10-17', Statement: [] }, `${base}/AssumeRolePolicyDocument`);
    if (!inlinePolicies || !trustPolicy) continue;
    const path = str(r.Path) ?? '/';
    const lastUsed = typeof r.RoleLastUsed === 'object' && r.RoleLastUsed ? (r.RoleLastUsed as Json) : {};
    roles.push({
      kind: 'role', arn: need(r.Arn, file, `${base}/Arn`), name: need(r.RoleName, file, `${base}/RoleName`), id: str(r.RoleId), path, createDate: str(r.CreateDate), tags: tags(r.Tags, `${base}/Tags`),
      inlinePolicies, attachedPolicyArns: attached(r.AttachedManagedPolicies, `${base}/AttachedManagedPolicies`), permissionsBoundaryArn: boundary(r.PermissionsBoundary), trustPolicy,
      description: str(r.Description), maxSessionDuration: typeof r.MaxSessionDuration === 'number' ? r.MaxSessionDuration : undefined,
      lastUsed: str(lastUsed.LastUsedDate) || str(lastUsed.Region) ? { date: str(lastUsed.LastUsedDate), region: str(lastUsed.Region) } : undefined,
      instanceProfileArns: arr(r.InstanceProfileList, `${base}/InstanceProfileList`).map((p) => String(p.Arn)), serviceLinked: path.startsWith('/aws-service-role/'), origin: { file, pointer: base },
    });
  }
  const policies: ManagedPolicy[] = [];
  for (const [i, p] of arr(page.Policies, '/Policies').entries()) {
    const base = `/Policies/${i}`;
    const arn = need(p.Arn, file, `${base}/Arn`);
    const versions = [];
    let broken = false;
    for (const [j, v] of arr(p.PolicyVersionList, `${base}/PolicyVersionList`).entries()) {
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
