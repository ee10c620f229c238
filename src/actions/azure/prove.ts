/**
 * The engine proof of an Azure plan: the snapshot as it will be after the plan (assignment
 * removed, made eligible, or conditioned), re-analysed; the plan is applied only when the finding
 * is gone. Disabling a principal is not modelled by RBAC evaluation, so that strategy is not proven.
 */
import { analyzeAzure } from '../../analyzers/azure/index.js';
import type { AzureSnapshot } from '../../model/azure/snapshot.js';
import type { FindingDraft } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot/types.js';
import type { AzurePlan } from './plan.js';

/** The Azure part after the plan's role-assignment steps. */
export function azureAfter(az: AzureSnapshot, plan: AzurePlan): AzureSnapshot {
  let assignments = az.roleAssignments;
  for (const s of plan.steps) {
    if (s.kind === 'delete-role-assignment') assignments = assignments.filter((a) => !(a.tier === 'active' && a.name === s.name && a.scope.toLowerCase() === s.scope.toLowerCase()));
    if (s.kind === 'set-assignment-condition') assignments = assignments.map((a) => (a.name === s.name && a.scope.toLowerCase() === s.scope.toLowerCase() ? { ...a, condition: s.condition, conditionVersion: s.conditionVersion } : a));
    if (s.kind === 'make-eligible') {
      const from = assignments.find((a) => a.tier === 'active' && a.principalId === s.principalId && a.scope.toLowerCase() === s.scope.toLowerCase());
      if (from) assignments = [...assignments, { ...from, id: `${from.id}#eligible`, name: s.requestName, tier: 'eligible' }];
    }
  }
  return { ...az, roleAssignments: assignments };
}

/** `proven` when the finding is absent after the plan; `unproven` for strategies outside RBAC. */
export function proveAzurePlan(snapshot: Snapshot, finding: FindingDraft, plan: AzurePlan, now: Date): { proven: boolean; checked: boolean } {
  if (plan.strategy === 'disable') return { proven: false, checked: false };
  const after = analyzeAzure({ ...snapshot, azure: azureAfter(snapshot.azure!, plan) }, now);
  return { proven: !after.some((f) => f.id === finding.id), checked: true };
}
