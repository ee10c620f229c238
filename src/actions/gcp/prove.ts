/**
 * The proof before apply: the plan applied to a copy of the snapshot, the GCP analyzers run again,
 * and the finding must be gone (the deny breaks the path through the engine, not by string
 * matching). With activity given, permissions the principal was seen using that the plan denies
 * are reported as broken usage.
 */
import type { FindingDraft } from '../../model/finding.js';
import type { GcpSnapshot } from '../../model/gcp/snapshot.js';
import type { Snapshot } from '../../model/snapshot/types.js';
import { analyzeGcp } from '../../analyzers/gcp/index.js';
import { compileGcp } from '../../engine/gcp/index.js';
import { denyPermissionMatches } from '../../engine/gcp/permissions.js';
import { denyStepName, type GcpRemediationPlan } from './plan.js';

export interface GcpProof {
  findingResolved: boolean;
  /** Permissions the principal used (activity) that the plan would deny. */
  brokenUsage: string[];
  /** Findings of the changed snapshot with the same principal and rule (what still remains). */
  remaining: string[];
}

/** The GCP part with the plan's changes made. */
export function applyPlanToSnapshot(gcp: GcpSnapshot, plan: GcpRemediationPlan): GcpSnapshot {
  const copy: GcpSnapshot = structuredClone(gcp);
  const canon = compileGcp(gcp).canon;
  for (const step of plan.steps) {
    if (step.kind === 'CreateDenyPolicy') {
      copy.denyPolicies.push({ name: denyStepName(step), attachmentPoint: step.attachmentPoint, displayName: step.policy.displayName, rules: step.policy.rules.map((r) => ({ deniedPrincipals: r.denyRule.deniedPrincipals, exceptionPrincipals: r.denyRule.exceptionPrincipals ?? [], deniedPermissions: r.denyRule.deniedPermissions, exceptionPermissions: [] })), origin: { file: `plan:${plan.planId}`, pointer: '' } });
    } else if (step.kind === 'RemoveBinding') {
      for (const p of copy.allowPolicies) {
        if (canon(p.resource) !== canon(step.resource)) continue;
        p.bindings = p.bindings.map((b) => (b.role === step.role && (b.condition?.expression ?? '') === (step.condition?.expression ?? '') ? { ...b, members: b.members.filter((m) => m !== step.member) } : b));
      }
    } else if (step.kind === 'DisableServiceAccount') {
      for (const sa of copy.serviceAccounts) if (sa.name === step.name) sa.disabled = true;
    } else {
      for (const k of copy.keys) if (k.name === step.name) k.disabled = true;
    }
  }
  return copy;
}

/** Proves `plan` resolves `finding` on `snapshot`. */
export function proveGcpRemediation(snapshot: Snapshot, finding: FindingDraft, plan: GcpRemediationPlan, now: Date): GcpProof {
  if (!snapshot.gcp) return { findingResolved: false, brokenUsage: [], remaining: ['the snapshot has no GCP part'] };
  const changed = applyPlanToSnapshot(snapshot.gcp, plan);
  const after = analyzeGcp({ ...snapshot, gcp: changed }, now);
  const used = snapshot.gcp.activity.filter((a) => a.principal === finding.principal).flatMap((a) => a.permissions ?? []);
  const denied = plan.steps.flatMap((s) => (s.kind === 'CreateDenyPolicy' ? s.policy.rules.flatMap((r) => r.denyRule.deniedPermissions) : []));
  return {
    findingResolved: !after.some((f) => f.id === finding.id),
    brokenUsage: [...new Set(used.filter((p) => denied.some((d) => denyPermissionMatches(d, p))))].sort(),
    remaining: after.filter((f) => f.principal === finding.principal && f.ruleId === finding.ruleId).map((f) => f.title),
  };
}
