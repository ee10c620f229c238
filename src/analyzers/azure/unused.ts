/**
 * Unused Azure access, only where sign-in data was given (Graph `signInActivity` on users, the
 * service-principal sign-in activity report): active role assignments of a principal that has
 * not signed in for `maxAgeDays`. Without sign-in data nothing is claimed.
 */
import { findingId } from '../../model/finding-id.js';
import type { FindingDraft } from '../../model/finding.js';
import { accountOf, assignmentEvidence, roleName, type AzureAnalysis } from './context.js';

const DAY = 86_400_000;

export function analyzeAzureUnused(a: AzureAnalysis, maxAgeDays = 90): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const x of a.az.roleAssignments) {
    if (x.tier !== 'active') continue;
    const p = a.principals.get(x.principalId);
    if (!p.lastSignIn) continue;
    const age = Math.floor((a.now.getTime() - Date.parse(p.lastSignIn)) / DAY);
    if (!(age >= maxAgeDays)) continue;
    out.push({
      id: findingId('UnusedRole', 'azure', x.id), type: 'UnusedRole', severity: 'MEDIUM', ruleId: 'azure-unused-001',
      title: `${p.kind} ${p.name} has not signed in for ${age} days but holds ${roleName(a, x)} at ${x.scope}`, accountId: accountOf(a, x.scope), resource: x.id,
      resourceType: 'Microsoft.Authorization/roleAssignments', principal: p.id, evidence: [assignmentEvidence(a, x)],
      rationale: 'Standing access nobody uses is pure risk: remove it, or make it PIM-eligible.',
      details: { cloud: 'azure', lastSignIn: p.lastSignIn, ageDays: age, thresholdDays: maxAgeDays },
    });
  }
  return out;
}
