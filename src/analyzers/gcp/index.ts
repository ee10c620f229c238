/** GCP's analyzers (escalation, risky, public/external, unused) over `snapshot.gcp`. */
import type { FindingDraft } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot/types.js';
import { gcpScan } from './context.js';
import { gcpEscalationFindings } from './escalation/index.js';
import { gcpExposureFindings } from './exposure.js';
import { gcpRiskyFindings } from './risky.js';
import { gcpUnusedFindings } from './unused.js';

/** Every GCP finding of the snapshot (none when it has no GCP part). */
export function analyzeGcp(snapshot: Snapshot, now: Date): FindingDraft[] {
  if (!snapshot.gcp) return [];
  const scan = gcpScan(snapshot.gcp, now);
  return [...gcpEscalationFindings(scan), ...gcpExposureFindings(scan), ...gcpRiskyFindings(scan), ...gcpUnusedFindings(scan)];
}
