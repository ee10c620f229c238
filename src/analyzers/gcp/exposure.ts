/**
 * GCP public and external access: allow bindings to `allUsers` / `allAuthenticatedUsers` on any
 * resource (public), and to users, groups, domains or service accounts outside the organization's
 * domains and projects (external). Public grants are confirmed through the engine per permission,
 * so a deny policy on `principalSet://goog/public:all` removes them.
 */
import type { FindingDraft } from '../../model/finding.js';
import { findingId } from '../../model/finding-id.js';
import { memberDomain, memberString, parseMember } from '../../model/gcp/members.js';
import { serviceAccountProject } from '../../model/gcp/names.js';
import { evaluateGcp } from '../../engine/gcp/index.js';
import { accountOf, assetTypeOf, type GcpScan } from './context.js';

const BROAD = new Set(['roles/owner', 'roles/editor']);

function severityFor(scan: GcpScan, role: string, base: 'HIGH' | 'MEDIUM'): 'CRITICAL' | 'HIGH' | 'MEDIUM' {
  const perms = scan.model.roles.get(scan.model.canon(role));
  if (BROAD.has(role) || [...(perms ?? [])].some((p) => p.endsWith('.setIamPolicy'))) return base === 'HIGH' ? 'CRITICAL' : 'HIGH';
  return base;
}

/** Public and external findings. */
export function gcpExposureFindings(scan: GcpScan): FindingDraft[] {
  const out: FindingDraft[] = [];
  const domains = new Set(scan.model.snapshot.organizations.map((o) => o.domain).filter((d): d is string => d !== undefined));
  const projects = new Set(scan.hierarchy.filter((h) => h.includes('/projects/')).map((h) => h.slice(h.lastIndexOf('/') + 1)));
  for (const p of scan.model.snapshot.serviceAccounts) projects.add(p.projectId);
  for (const policy of scan.model.snapshot.allowPolicies) {
    const resource = scan.model.canon(policy.resource);
    policy.bindings.forEach((b, index) => {
      for (const raw of b.members) {
        const m = parseMember(raw);
        const evidence = [{ policy: resource, policyType: 'gcp-allow', statementIndex: index, pointer: `${policy.origin.pointer}/bindings/${index}`, note: `${b.role} granted to ${raw}${b.condition ? ` if ${b.condition.expression}` : ''}` }];
        const condition = b.condition ? { 'iam.condition': [b.condition.expression] } : undefined;
        if (m.kind === 'allUsers' || m.kind === 'allAuthenticatedUsers') {
          const perms = scan.model.roles.get(scan.model.canon(b.role));
          let actions = [b.role];
          if (perms) {
            actions = [...perms].filter((permission) => evaluateGcp(scan.model, { principal: m.kind, permission, resource, time: scan.now }).access !== 'DENIED').sort();
            if (actions.length === 0) continue;
          }
          out.push({ id: findingId('gcp', 'PublicAccess', resource, m.kind, b.role), type: 'PublicAccess', severity: severityFor(scan, b.role, 'HIGH'), title: `${b.role} on ${resource} is granted to ${m.kind}`, accountId: accountOf(scan, resource), resource, resourceType: assetTypeOf(scan, resource), principal: m.kind, actions, condition, isPublic: true, evidence, ruleId: 'GcpPublicBinding', details: { cloud: 'gcp', role: b.role } });
          continue;
        }
        let external: string | undefined;
        if ((m.kind === 'user' || m.kind === 'group') && domains.size > 0 && !domains.has(memberDomain(m) ?? '')) external = `domain ${memberDomain(m)} is not one of the organization's domains (${[...domains].sort().join(', ')})`;
        if (m.kind === 'domain' && domains.size > 0 && !domains.has(m.value)) external = `domain ${m.value} is not one of the organization's domains`;
        if (m.kind === 'serviceAccount') {
          const project = serviceAccountProject(m.value);
          if (project && !projects.has(project) && !scan.model.projectNumbers.has(project)) external = `service account of project ${project}, outside the exported organization`;
        }
        if (!external) continue;
        out.push({ id: findingId('gcp', 'ExternalAccess', resource, memberString(m), b.role), type: 'ExternalAccess', severity: severityFor(scan, b.role, 'MEDIUM'), title: `${b.role} on ${resource} is granted to ${memberString(m)} outside the organization`, accountId: accountOf(scan, resource), resource, resourceType: assetTypeOf(scan, resource), principal: memberString(m), actions: [b.role], condition, isPublic: false, evidence, ruleId: 'GcpExternalMember', rationale: external, details: { cloud: 'gcp', role: b.role } });
      }
    });
  }
  return out;
}
