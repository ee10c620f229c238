/**
 * GCP risky grants: basic roles Owner/Editor bound at organization or folder level, service
 * accounts holding Owner, and user-managed service-account keys (long-lived credentials Google
 * recommends avoiding: https://cloud.google.com/iam/docs/best-practices-service-accounts).
 */
import type { FindingDraft } from '../../model/finding.js';
import { findingId } from '../../model/finding-id.js';
import { memberString, parseMember } from '../../model/gcp/members.js';
import { hierarchyKind, serviceAccountResource } from '../../model/gcp/names.js';
import { accountOf, assetTypeOf, type GcpScan } from './context.js';

const BASIC = new Set(['roles/owner', 'roles/editor']);

/** Risky-grant findings. */
export function gcpRiskyFindings(scan: GcpScan): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const policy of scan.model.snapshot.allowPolicies) {
    const resource = scan.model.canon(policy.resource);
    const kind = hierarchyKind(resource);
    policy.bindings.forEach((b, index) => {
      const evidence = [{ policy: resource, policyType: 'gcp-allow', statementIndex: index, pointer: `${policy.origin.pointer}/bindings/${index}`, note: `${b.role} granted to ${b.members.join(', ')}` }];
      for (const raw of b.members) {
        const m = parseMember(raw);
        if (m.kind === 'deleted' || m.kind === 'unknown') continue;
        const who = memberString(m);
        if (BASIC.has(b.role) && (kind === 'organization' || kind === 'folder')) {
          out.push({ id: findingId('gcp', 'RiskyPermission', 'BasicRoleAtHierarchy', resource, who, b.role), type: 'RiskyPermission', severity: b.role === 'roles/owner' ? 'CRITICAL' : 'HIGH', title: `basic role ${b.role} granted to ${who} on ${kind} ${resource}`, accountId: accountOf(scan, resource), resource, resourceType: assetTypeOf(scan, resource), principal: who, actions: [b.role], evidence, ruleId: 'GcpBasicRoleAtOrgOrFolder', rationale: 'Basic roles carry thousands of permissions and are inherited by every project below an organization or folder; grant predefined roles on the narrowest resource instead.', details: { cloud: 'gcp', role: b.role } });
        } else if (m.kind === 'serviceAccount' && b.role === 'roles/owner') {
          out.push({ id: findingId('gcp', 'RiskyPermission', 'ServiceAccountOwner', resource, who), type: 'RiskyPermission', severity: 'HIGH', title: `service account ${m.value} is Owner of ${resource}`, accountId: accountOf(scan, resource), resource, resourceType: assetTypeOf(scan, resource), principal: who, actions: [b.role], evidence, ruleId: 'GcpServiceAccountOwner', rationale: 'Whoever can act as, or get a key or token for, this service account becomes Owner; workloads should hold only the roles they use.', details: { cloud: 'gcp', role: b.role } });
        }
      }
    });
  }
  for (const key of scan.model.snapshot.keys) {
    if (key.keyType !== 'USER_MANAGED' || key.disabled) continue;
    const sa = scan.model.snapshot.serviceAccounts.find((s) => s.email === key.serviceAccount);
    const resource = scan.model.canon(serviceAccountResource(key.serviceAccount, sa?.projectId));
    out.push({ id: findingId('gcp', 'RiskyPermission', 'UserManagedKey', key.name), type: 'RiskyPermission', severity: 'MEDIUM', title: `service account ${key.serviceAccount} has user-managed key ${key.keyId}`, accountId: accountOf(scan, resource), resource, resourceType: assetTypeOf(scan, resource), principal: `serviceAccount:${key.serviceAccount}`, actions: ['iam.serviceAccountKeys.create'], evidence: [{ policy: key.name, policyType: 'gcp-key', pointer: key.origin.pointer, note: `USER_MANAGED key valid from ${key.validAfterTime ?? 'unknown'}` }], ruleId: 'GcpUserManagedKey', rationale: 'User-managed keys are long-lived credentials that leak; prefer attached service accounts, workload identity federation or short-lived tokens.', details: { cloud: 'gcp', keyId: key.keyId, validAfterTime: key.validAfterTime } });
  }
  return out;
}
