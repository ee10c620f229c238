/** Azure's analyzers (escalation, risky, exposure, unused) over `snapshot.azure`. Placeholder until issue 20 lands. */
import type { FindingDraft } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot/types.js';

export function analyzeAzure(snapshot: Snapshot, _now: Date): FindingDraft[] {
  return snapshot.azure ? [] : [];
}
