/**
 * Reads one classified GCP export item into the GCP snapshot model. Field names follow the REST
 * resources (camelCase, as `gcloud --format=json` prints them); Cloud Asset's export files use
 * snake_case, read too. Bad entries become issues with file and JSON pointer, never a crash.
 */
import type { ValidationIssue } from '../../model/validation.js';
import type { GcpBinding, GcpCondition, GcpDenyRule, GcpOrigin, GcpSnapshot } from '../../model/gcp/snapshot.js';
import { denyAttachmentPoint, hierarchyFullName } from '../../model/gcp/names.js';
import type { GcpItemKind } from './formats.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function condition(v: unknown): GcpCondition | undefined {
  const c = obj(v);
  const expression = str(c?.expression);
  return expression === undefined ? undefined : { expression, title: str(c?.title), description: str(c?.description) };
}

function bindings(policy: Obj | undefined, origin: GcpOrigin, issues: ValidationIssue[]): GcpBinding[] {
  const out: GcpBinding[] = [];
  const list = policy?.bindings;
  if (list !== undefined && !Array.isArray(list)) issues.push({ code: 'gcp_bad_bindings', severity: 'warning', message: '`bindings` is not an array', file: origin.file, pointer: `${origin.pointer}/policy/bindings` });
  for (const [i, b] of (Array.isArray(list) ? list : []).entries()) {
    const role = str(obj(b)?.role);
    if (!role) {
      issues.push({ code: 'gcp_bad_binding', severity: 'warning', message: 'binding without a role skipped', file: origin.file, pointer: `${origin.pointer}/bindings/${i}` });
      continue;
    }
    out.push({ role, members: strs(obj(b)?.members), condition: condition(obj(b)?.condition) });
  }
  return out;
}

/** Service-account emails a resource runs as, wherever its export puts them. */
function attachedServiceAccounts(item: Obj): string[] {
  const found = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string' && v.includes('@')) found.add(v.replace(/^serviceAccount:/, '').toLowerCase());
  };
  const attrs = obj(item.additionalAttributes);
  for (const v of [attrs?.serviceAccount, attrs?.serviceAccountEmail]) add(v);
  for (const v of Array.isArray(attrs?.serviceAccounts) ? attrs.serviceAccounts : []) add(obj(v)?.email ?? v);
  const data = obj(obj(item.resource)?.data);
  for (const v of [data?.serviceAccountEmail, data?.serviceAccount, obj(data?.spec)?.serviceAccountName]) add(v);
  for (const v of Array.isArray(data?.serviceAccounts) ? data.serviceAccounts : []) add(obj(v)?.email);
  const template = obj(obj(obj(data?.spec)?.template)?.spec) ?? obj(data?.template);
  add(template?.serviceAccountName ?? template?.serviceAccount);
  return [...found].sort();
}

/** Tags: `tagKeys`/`tagValues` of search results are namespaced (`123/env`, `123/env/prod`). */
function tags(item: Obj): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const t of Array.isArray(item.effectiveTags) ? item.effectiveTags : []) {
    for (const e of Array.isArray(obj(t)?.effectiveTags) ? (obj(t)!.effectiveTags as unknown[]) : []) {
      const key = str(obj(e)?.tagKey);
      const value = str(obj(e)?.tagValue);
      if (key && value) out[key] = value.slice(value.lastIndexOf('/') + 1);
    }
  }
  for (const v of strs(item.tagValues)) {
    const parts = v.split('/');
    if (parts.length >= 3) out[parts.slice(0, -1).join('/')] = parts[parts.length - 1]!;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Folds one item of `kind` into `part`. */
export function readGcpItem(kind: GcpItemKind, value: unknown, origin: GcpOrigin, part: GcpSnapshot, issues: ValidationIssue[]): void {
  const item = obj(value)!;
  const name = str(item.name) ?? '';
  switch (kind) {
    case 'iamPolicySearch': {
      const resource = str(item.resource)!;
      part.allowPolicies.push({ resource, assetType: str(item.assetType), bindings: bindings(obj(item.policy), { ...origin, pointer: `${origin.pointer}/policy` }, issues), origin });
      part.nodes.push({ name: resource, assetType: str(item.assetType), project: str(item.project), ancestors: [...strs(item.folders), ...(str(item.organization) ? [str(item.organization)!] : [])], origin });
      return;
    }
    case 'iamPolicyAsset': {
      const policy = obj(item.iamPolicy) ?? obj(item.iam_policy);
      const assetType = str(item.assetType) ?? str(item.asset_type);
      part.allowPolicies.push({ resource: name, assetType, bindings: bindings(policy, { ...origin, pointer: `${origin.pointer}/${item.iamPolicy ? 'iamPolicy' : 'iam_policy'}` }, issues), origin });
      part.nodes.push({ name, assetType, ancestors: strs(item.ancestors), origin });
      return;
    }
    case 'resource': {
      const attrs = obj(item.additionalAttributes);
      const data = obj(obj(item.resource)?.data);
      part.nodes.push({
        name,
        assetType: str(item.assetType) ?? str(item.asset_type),
        ancestors: strs(item.ancestors).length > 0 ? strs(item.ancestors) : [...strs(item.folders), ...(str(item.organization) ? [str(item.organization)!] : [])],
        parent: str(item.parentFullResourceName) ?? (str(obj(item.resource)?.parent) ? str(obj(item.resource)?.parent) : undefined),
        project: str(item.project),
        projectId: str(attrs?.projectId) ?? str(data?.projectId),
        displayName: str(item.displayName),
        serviceAccounts: attachedServiceAccounts(item),
        tags: tags(item),
        origin,
      });
      // An Organization asset's display name is its primary domain (what `gcloud organizations list` shows).
      if ((str(item.assetType) ?? str(item.asset_type)) === 'cloudresourcemanager.googleapis.com/Organization' && str(item.displayName)?.includes('.') && !part.organizations.some((o) => `//cloudresourcemanager.googleapis.com/${o.name}` === name)) {
        part.organizations.push({ name: name.replace('//cloudresourcemanager.googleapis.com/', ''), domain: str(item.displayName)!.toLowerCase() });
      }
      return;
    }
    case 'role':
      part.roles.push({ name, title: str(item.title), includedPermissions: Array.isArray(item.includedPermissions) ? strs(item.includedPermissions) : undefined, stage: str(item.stage), deleted: item.deleted === true, origin });
      if (!Array.isArray(item.includedPermissions)) issues.push({ code: 'gcp_role_without_permissions', severity: 'warning', message: `role \`${name}\` lists no includedPermissions (export it with view=FULL); it grants nothing known`, file: origin.file, pointer: origin.pointer });
      return;
    case 'denyPolicy': {
      const attachmentPoint = denyAttachmentPoint(name) ?? '';
      if (!attachmentPoint) issues.push({ code: 'gcp_deny_without_attachment', severity: 'warning', message: `deny policy \`${name}\` has no attachment point in its name; it applies nowhere`, file: origin.file, pointer: origin.pointer });
      const rules: GcpDenyRule[] = [];
      for (const r of Array.isArray(item.rules) ? item.rules : []) {
        const d = obj(obj(r)?.denyRule);
        if (!d) continue;
        rules.push({ deniedPrincipals: strs(d.deniedPrincipals), exceptionPrincipals: strs(d.exceptionPrincipals), deniedPermissions: strs(d.deniedPermissions), exceptionPermissions: strs(d.exceptionPermissions), denialCondition: condition(d.denialCondition) });
      }
      part.denyPolicies.push({ name, attachmentPoint, displayName: str(item.displayName), rules, origin });
      return;
    }
    case 'serviceAccount': {
      const email = str(item.email)!.toLowerCase();
      part.serviceAccounts.push({ email, name, projectId: str(item.projectId) ?? name.split('/')[1]!, uniqueId: str(item.uniqueId), disabled: item.disabled === true, displayName: str(item.displayName), origin });
      return;
    }
    case 'serviceAccountKey': {
      const m = /serviceAccounts\/([^/]+)\/keys\/([^/]+)$/.exec(name)!;
      part.keys.push({ name, serviceAccount: m[1]!.toLowerCase(), keyId: m[2]!, keyType: str(item.keyType) ?? 'KEY_TYPE_UNSPECIFIED', disabled: item.disabled === true, validAfterTime: str(item.validAfterTime), validBeforeTime: str(item.validBeforeTime), origin });
      return;
    }
    case 'pabPolicy': {
      const rules = (Array.isArray(obj(item.details)?.rules) ? (obj(item.details)!.rules as unknown[]) : []).map((r) => ({ resources: strs(obj(r)?.resources), effect: str(obj(r)?.effect) ?? 'ALLOW', description: str(obj(r)?.description) }));
      part.pabPolicies.push({ name, rules, enforcementVersion: str(obj(item.details)?.enforcementVersion), origin });
      return;
    }
    case 'policyBinding': {
      const target = obj(item.target);
      part.pabBindings.push({ name, principalSet: str(target?.principalSet) ?? '', policyKind: str(item.policyKind), policy: str(item.policy) ?? '', condition: condition(item.condition), origin });
      return;
    }
    case 'organization':
      part.organizations.push({ name, domain: str(item.displayName)?.toLowerCase(), directoryCustomerId: str(obj(item.owner)?.directoryCustomerId) ?? str(item.directoryCustomerId) });
      part.nodes.push({ name: hierarchyFullName(name), assetType: 'cloudresourcemanager.googleapis.com/Organization', displayName: str(item.displayName), origin });
      return;
    case 'groupMemberships':
      for (const [group, members] of Object.entries(obj(item.groupMemberships)!)) {
        const key = group.replace(/^group:/, '').toLowerCase();
        part.groups[key] = [...new Set([...(part.groups[key] ?? []), ...strs(members)])];
      }
      return;
    case 'lastAuthentication': {
      const activity = obj(item.activity);
      const sa = obj(activity?.serviceAccount) ?? obj(obj(activity?.serviceAccountKey)?.serviceAccount);
      const full = str(sa?.fullResourceName) ?? str(item.fullResourceName) ?? '';
      const last = full.slice(full.lastIndexOf('/') + 1).replace(/\/keys\/.*$/, '');
      const email = full.match(/serviceAccounts\/([^/]+@[^/]+)/)?.[1] ?? (last.includes('@') ? last : undefined);
      const principal = email ? `serviceAccount:${email.toLowerCase()}` : `serviceAccount:${str(sa?.serviceAccountId) ?? last}`;
      part.activity.push({ principal, lastUsed: str(activity?.lastAuthenticatedTime) });
      return;
    }
    case 'activity':
      for (const a of item.gcpActivity as unknown[]) {
        const principal = str(obj(a)?.principal);
        if (principal) part.activity.push({ principal, lastUsed: str(obj(a)?.lastUsed), permissions: Array.isArray(obj(a)?.permissions) ? strs(obj(a)!.permissions) : undefined });
      }
      return;
  }
}
