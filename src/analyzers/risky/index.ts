/**
 * Risky-permission analyzer: for every user and role, the admin check first (an admin gets one
 * `risky-full-access` finding, not one per rule: no noise), then each rule of `rules.ts`.
 */
import { findingId } from '../../model/finding-id.js';
import type { Evidence, FindingDraft } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot/types.js';
import type { AccessOracle } from '../access-oracle.js';
import { indexPrincipals, type Actor } from '../escalation/principal-index.js';
import { fillTemplate } from '../escalation/templates.js';
import { RISKY_PERMISSION_RULES, type RiskyPermissionRule } from './rules.js';

export { RISKY_PERMISSION_RULES } from './rules.js';
export type { RiskyPermissionRule } from './rules.js';

const RESOURCE_TYPE = { user: 'AWS::IAM::User', role: 'AWS::IAM::Role' } as const;

/** Id of the finding for admin-equivalent principals. */
export const FULL_ACCESS_RULE_ID = 'risky-full-access';

/** Every risky grant of every user and role (service-linked roles are AWS's own and skipped). */
export function analyzeRiskyPermissions(snapshot: Snapshot, oracle: AccessOracle, rules: readonly RiskyPermissionRule[] = RISKY_PERMISSION_RULES, region = 'us-east-1'): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const actor of indexPrincipals(snapshot).actors) {
    if (actor.serviceLinked) continue;
    const admin = oracle.isAdmin(actor.arn);
    if (admin.allowed) {
      findings.push(draft(actor, FULL_ACCESS_RULE_ID, 'CRITICAL', `${actor.kind} ${actor.name} has full administrative access`, ['*'], admin.evidence,
        'Admin-equivalent identities can do anything, including erase the trail of what they did; keep them few, MFA-protected and monitored.'));
      continue;
    }
    for (const rule of rules) {
      const allowed: string[] = [];
      const evidence: Evidence[] = [];
      for (const probe of rule.probes) {
        if (!oracle.mayDoAction(actor.arn, probe.action)) continue;
        const resource = fillTemplate(probe.resource, { actor, region });
        const verdict = oracle.decide({ principal: actor.arn, action: probe.action, resource });
        if (!verdict.allowed) continue;
        allowed.push(probe.action);
        evidence.push(...verdict.evidence.map((e) => ({ ...e, note: e.note ?? `allows ${probe.action} on any resource` })));
      }
      if (allowed.length > 0) findings.push(draft(actor, rule.id, rule.severity, `${actor.kind} ${actor.name}: ${rule.title.charAt(0).toLowerCase()}${rule.title.slice(1)}`, allowed, dedupe(evidence), rule.rationale));
    }
  }
  return findings;
}

function draft(actor: Actor, ruleId: string, severity: FindingDraft['severity'], title: string, actions: string[], evidence: Evidence[], rationale: string): FindingDraft {
  return {
    id: findingId('RiskyPermission', ruleId, actor.arn),
    type: 'RiskyPermission',
    severity,
    title,
    accountId: actor.accountId,
    resource: actor.arn,
    resourceType: RESOURCE_TYPE[actor.kind],
    principal: actor.arn,
    actions: [...new Set(actions)].sort(),
    evidence,
    ruleId,
    rationale,
  };
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.policy}|${e.statementIndex}|${e.pointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
