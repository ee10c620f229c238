/**
 * Access from outside the tenant's zone of trust, as `ExternalAccess` findings: guest users and
 * foreign groups holding Azure roles or directory roles, service principals of applications
 * owned by another tenant holding roles or Graph permissions, and multi-tenant applications of
 * this tenant whose service principal holds privileged grants (anyone in any tenant can consent
 * to them, and a leaked credential works from anywhere).
 */
import { findingId } from '../../model/finding-id.js';
import type { FindingDraft, Severity } from '../../model/finding.js';
import { entraRoleName } from '../../engine/azure/index.js';
import { accountOf, assignmentEvidence, assignmentPower, roleName, type AzureAnalysis } from './context.js';
import type { PrincipalInfo } from './principals.js';

const MULTI_TENANT = new Set(['azureadmultipleorgs', 'azureadandpersonalmicrosoftaccount']);
const REFS = ['https://learn.microsoft.com/entra/external-id/user-properties', 'https://learn.microsoft.com/entra/identity-platform/single-and-multi-tenant-apps'];

/** Why a principal counts as outside, or undefined. */
function outsider(a: AzureAnalysis, p: PrincipalInfo, principalType?: string): string | undefined {
  if (p.guest) return 'guest user';
  if (p.foreign) return 'service principal of an application owned by another tenant';
  if (principalType?.toLowerCase() === 'foreigngroup') return 'foreign group';
  const sp = a.az.servicePrincipals.find((s) => s.id === p.id);
  const app = sp?.appId ? a.az.applications.find((x) => x.appId === sp.appId) : undefined;
  if (app && MULTI_TENANT.has((app.signInAudience ?? '').toLowerCase())) return 'multi-tenant application';
  return undefined;
}

function severityOf(power: string): Severity {
  return power === 'owner' || power === 'access-admin' ? 'CRITICAL' : power === 'contributor' ? 'HIGH' : 'MEDIUM';
}

export function analyzeAzureExposure(a: AzureAnalysis): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const x of a.az.roleAssignments) {
    const p = a.principals.get(x.principalId);
    const why = outsider(a, p, x.principalType);
    if (!why) continue;
    const power = assignmentPower(a, x);
    // A multi-tenant app is only reported when what it holds is privileged.
    if (why === 'multi-tenant application' && power === 'other') continue;
    out.push({
      id: findingId('ExternalAccess', 'azure', x.id), type: 'ExternalAccess', severity: x.tier === 'eligible' ? 'MEDIUM' : severityOf(power), ruleId: 'azure-exposure-001',
      title: `${why} ${p.name} holds ${roleName(a, x)} at ${x.scope}${x.tier === 'eligible' ? ' (PIM-eligible)' : ''}`, accountId: accountOf(a, x.scope), resource: x.id,
      resourceType: 'Microsoft.Authorization/roleAssignments', principal: p.id, isPublic: false, evidence: [assignmentEvidence(a, x)],
      rationale: 'Identities whose lifecycle another organization controls (guests, foreign tenants\' applications, multi-tenant apps) should not hold standing access to resources.',
      details: { cloud: 'azure', outsider: why, role: roleName(a, x), scope: x.scope, references: REFS },
    });
  }
  for (const d of a.az.directoryRoleAssignments) {
    const p = a.principals.get(d.principalId);
    const why = outsider(a, p);
    if (!why) continue;
    out.push({
      id: findingId('ExternalAccess', 'azure', d.id), type: 'ExternalAccess', severity: 'HIGH', ruleId: 'azure-exposure-002',
      title: `${why} ${p.name} holds the directory role ${d.roleName ?? entraRoleName(d.roleDefinitionId)}`, accountId: a.az.tenantId ?? 'tenant', resource: d.id,
      resourceType: 'Microsoft.Directory/roleAssignments', principal: p.id, isPublic: false, evidence: [{ policy: d.id, policyType: 'directory-role-assignment', pointer: d.origin?.pointer }],
      rationale: 'A directory role held by an outside identity gives another organization administrative control of this tenant.', details: { cloud: 'azure', outsider: why, references: REFS },
    });
  }
  for (const g of a.az.appRoleAssignments) {
    const p = a.principals.get(g.principalId);
    const why = outsider(a, p);
    const names = a.principals.privilegedGrants(g.principalId);
    if (!why || names.length === 0) continue;
    out.push({
      id: findingId('ExternalAccess', 'azure', g.id), type: 'ExternalAccess', severity: 'HIGH', ruleId: 'azure-exposure-003',
      title: `${why} ${p.name} holds privileged Microsoft Graph permissions (${names.join(', ')})`, accountId: a.az.tenantId ?? 'tenant', resource: g.id,
      resourceType: 'Microsoft.Directory/appRoleAssignments', principal: p.id, isPublic: false, evidence: [{ policy: g.id, policyType: 'app-role-assignment', pointer: g.origin?.pointer, note: g.appRoleId }],
      rationale: 'Application permissions of Microsoft Graph act on the whole tenant without a signed-in user.', details: { cloud: 'azure', outsider: why, references: REFS },
    });
  }
  return out;
}
