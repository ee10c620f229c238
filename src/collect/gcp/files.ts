/**
 * GCP's offline inputs, recognised by content (docs/decisions.md "GCP inputs"):
 * `gcloud asset search-all-iam-policies --format=json`, `gcloud asset list|export
 * --content-type=iam-policy` (allow policies with ancestors), `gcloud asset search-all-resources`,
 * role definitions (`gcloud iam roles describe|list --format=json`, REST `roles.list` view=FULL),
 * deny policies (`gcloud iam policies get|list --kind=denypolicies`), service accounts and keys
 * (`gcloud iam service-accounts [keys] list`), PAB policies and policy bindings,
 * `gcloud organizations list` (the org's domain), and two Cordon-native files: group memberships
 * `{"groupMemberships": {"group@x": ["user:a@x"]}}` and activity `{"gcpActivity": [...]}`.
 */
import type { GcpSnapshot } from '../../model/gcp/snapshot.js';
import { emptyGcpSnapshot } from '../../model/gcp/snapshot.js';
import type { ProviderFileReader } from '../providers/types.js';
import { classifyGcpItem, gcpItems, isGcpExport } from './formats.js';
import { readGcpItem } from './readers.js';

/** A GCP part with every list present (parts from older snapshot files may lack some). */
export function normaliseGcpPart(part: Partial<GcpSnapshot> | undefined): GcpSnapshot {
  return { ...emptyGcpSnapshot(), ...(part ?? {}), sources: [...(part?.sources ?? [])], groups: { ...(part?.groups ?? {}) } };
}

function mergeParts(a: GcpSnapshot, b: GcpSnapshot): GcpSnapshot {
  const groups = { ...a.groups };
  for (const [g, m] of Object.entries(b.groups)) groups[g] = [...new Set([...(groups[g] ?? []), ...m])];
  return {
    sources: [...a.sources, ...b.sources],
    organizations: [...a.organizations, ...b.organizations],
    nodes: [...a.nodes, ...b.nodes],
    allowPolicies: [...a.allowPolicies, ...b.allowPolicies],
    roles: [...a.roles, ...b.roles],
    denyPolicies: [...a.denyPolicies, ...b.denyPolicies],
    serviceAccounts: [...a.serviceAccounts, ...b.serviceAccounts],
    keys: [...a.keys, ...b.keys],
    pabPolicies: [...a.pabPolicies, ...b.pabPolicies],
    pabBindings: [...a.pabBindings, ...b.pabBindings],
    groups,
    activity: [...a.activity, ...b.activity],
  };
}

export const gcpFileReader: ProviderFileReader<'gcp'> = {
  part: 'gcp',
  recognise: isGcpExport,
  read: (value, file, current, issues): GcpSnapshot => {
    const part = normaliseGcpPart(current);
    part.sources.push(file);
    for (const { item, pointer } of gcpItems(value)) readGcpItem(classifyGcpItem(item)!, item, { file, pointer }, part, issues);
    return part;
  },
  merge: (part, file, current): GcpSnapshot => {
    const merged = mergeParts(normaliseGcpPart(current), normaliseGcpPart(part));
    merged.sources.push(file);
    return merged;
  },
};
