/**
 * Risky Azure permissions as data rows: broad standing roles at management-group or subscription
 * scope, classic administrators, custom roles with `*`, PIM-eligible broad roles. Power is
 * decided by the engine on the assignment alone (`assignmentPower`), so a custom role that is
 * Owner in all but name is found too.
 */
import { findingId } from '../../model/finding-id.js';
import type { FindingDraft, Severity } from '../../model/finding.js';
import { parseScope } from '../../model/azure/scope.js';
import { accountOf, assignmentEvidence, assignmentPower, roleName, type AzureAnalysis } from './context.js';

export interface AzureRiskyRule {
  id: string;
  title: string;
  severity: Severity;
  rationale: string;
  references: string[];
  check(a: AzureAnalysis): FindingDraft[];
}

const LEARN = 'https://learn.microsoft.com/azure/role-based-access-control';
const BROAD = new Set(['root', 'managementGroup', 'subscription']);

function broadAssignments(a: AzureAnalysis, tier: 'active' | 'eligible', power: readonly string[]) {
  return a.az.roleAssignments.filter((x) => x.tier === tier && BROAD.has(parseScope(x.scope).level) && power.includes(assignmentPower(a, x)));
}

function draft(a: AzureAnalysis, rule: AzureRiskyRule, key: string, fields: Omit<FindingDraft, 'id' | 'type' | 'ruleId' | 'rationale'>): FindingDraft {
  return { id: findingId('RiskyPermission', 'azure', rule.id, key), type: 'RiskyPermission', ruleId: rule.id, rationale: rule.rationale, ...fields, details: { cloud: 'azure', references: rule.references, ...(fields.details ?? {}) } };
}

export const AZURE_RISKY_RULES: readonly AzureRiskyRule[] = [
  {
    id: 'azure-risky-001', title: 'Owner-equivalent role at management group or subscription scope', severity: 'HIGH',
    rationale: 'Owner at a broad scope controls every resource below it and may grant access to anyone; Microsoft recommends at most three subscription owners and narrow scopes.',
    references: [`${LEARN}/best-practices#limit-privileged-administrator-role-assignments`, 'https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-identity'],
    check(a) {
      return broadAssignments(a, 'active', ['owner', 'access-admin']).map((x) => {
        const p = a.principals.get(x.principalId);
        return draft(a, this, x.id, {
          severity: parseScope(x.scope).level === 'subscription' ? 'HIGH' : 'CRITICAL',
          title: `${p.kind} ${p.name} holds ${roleName(a, x)} at ${x.scope}`, accountId: accountOf(a, x.scope), resource: x.id, resourceType: 'Microsoft.Authorization/roleAssignments',
          principal: p.id, actions: ['*'], evidence: [assignmentEvidence(a, x)], details: { scope: x.scope, role: roleName(a, x) },
        });
      });
    },
  },
  {
    id: 'azure-risky-002', title: 'Contributor-equivalent role at management group or subscription scope', severity: 'MEDIUM',
    rationale: 'Contributor at a broad scope may change or delete every resource below it, including running code as their managed identities.',
    references: [`${LEARN}/best-practices`, `${LEARN}/built-in-roles/general#contributor`],
    check(a) {
      return broadAssignments(a, 'active', ['contributor']).map((x) => {
        const p = a.principals.get(x.principalId);
        return draft(a, this, x.id, {
          severity: this.severity, title: `${p.kind} ${p.name} holds ${roleName(a, x)} at ${x.scope}`, accountId: accountOf(a, x.scope), resource: x.id,
          resourceType: 'Microsoft.Authorization/roleAssignments', principal: p.id, actions: ['*'], evidence: [assignmentEvidence(a, x)], details: { scope: x.scope, role: roleName(a, x) },
        });
      });
    },
  },
  {
    id: 'azure-risky-003', title: 'Classic subscription administrator', severity: 'HIGH',
    rationale: 'Classic Service Administrators and Co-Administrators have Owner access to the subscription outside Azure RBAC; Microsoft retired them and asks to convert them to role assignments.',
    references: [`${LEARN}/classic-administrators`],
    check(a) {
      return a.az.classicAdministrators.map((x) => draft(a, this, x.id, {
        severity: this.severity, title: `classic administrator ${x.emailAddress} (${x.role}) on subscription ${x.subscriptionId}`, accountId: x.subscriptionId, resource: x.id,
        resourceType: 'Microsoft.Authorization/classicAdministrators', principal: x.emailAddress, actions: ['*'], evidence: [{ policy: x.id, policyType: 'classic-administrator', pointer: x.origin?.pointer, note: x.role }],
      }));
    },
  },
  {
    id: 'azure-risky-004', title: 'Custom role granting every action (`*`)', severity: 'HIGH',
    rationale: 'A custom role with `*` in Actions or DataActions is Owner (or more) in all but name and grows with every new resource provider operation.',
    references: [`${LEARN}/custom-roles`, `${LEARN}/role-definitions#actions`],
    check(a) {
      return a.az.roleDefinitions.filter((d) => d.roleType === 'CustomRole' && d.permissions.some((p) => p.actions.includes('*') || p.dataActions.includes('*'))).map((d) => draft(a, this, d.id, {
        severity: this.severity, title: `custom role ${d.roleName} grants \`*\``, accountId: accountOf(a, d.assignableScopes[0] ?? d.id), resource: d.id,
        resourceType: 'Microsoft.Authorization/roleDefinitions', actions: ['*'], evidence: [{ policy: d.id, policyType: 'role-definition', pointer: d.origin ? `${d.origin.pointer}/permissions` : undefined, note: `assignable at ${d.assignableScopes.join(', ')}` }],
      }));
    },
  },
  {
    id: 'azure-risky-005', title: 'PIM-eligible Owner- or Contributor-equivalent role at broad scope', severity: 'MEDIUM',
    rationale: 'An eligible assignment is not standing access, but whoever controls the principal can activate it; broad eligible roles deserve approval and MFA on activation.',
    references: ['https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-resource-roles-configure-role-settings'],
    check(a) {
      return broadAssignments(a, 'eligible', ['owner', 'access-admin', 'contributor']).map((x) => {
        const p = a.principals.get(x.principalId);
        return draft(a, this, x.id, {
          severity: this.severity, title: `${p.kind} ${p.name} could activate ${roleName(a, x)} at ${x.scope} (PIM-eligible)`, accountId: accountOf(a, x.scope), resource: x.id,
          resourceType: 'Microsoft.Authorization/roleEligibilitySchedules', principal: p.id, actions: ['*'], evidence: [assignmentEvidence(a, x)], details: { scope: x.scope, role: roleName(a, x), tier: 'eligible' },
        });
      });
    },
  },
];

export function analyzeAzureRisky(a: AzureAnalysis): FindingDraft[] {
  return AZURE_RISKY_RULES.flatMap((r) => r.check(a));
}
