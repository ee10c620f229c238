/** GCP's analyzers (escalation, risky, public/external, unused) over `snapshot.gcp`. Placeholder until issue 21 lands. */
import type { FindingDraft } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot/types.js';

export function analyzeGcp(snapshot: Snapshot, _now: Date): FindingDraft[] {
  return snapshot.gcp ? [] : [];
}
