/** Azure's analyzers (escalation, risky, exposure, unused) over `snapshot.azure`. */
import type { FindingDraft } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot/types.js';
import { emptyAzureSnapshot, type AzureSnapshot } from '../../model/azure/snapshot.js';
import { azureAnalysis } from './context.js';
import { analyzeAzureEscalation } from './escalation/index.js';
import { analyzeAzureExposure } from './exposure.js';
import { analyzeAzureRisky } from './risky.js';
import { analyzeAzureUnused } from './unused.js';

export function analyzeAzure(snapshot: Snapshot, now: Date, options: { unusedDays?: number } = {}): FindingDraft[] {
  if (!snapshot.azure) return [];
  // Parts written by older Cordon versions may lack lists: fill them rather than crash.
  const az: AzureSnapshot = { ...emptyAzureSnapshot(), ...snapshot.azure };
  const a = azureAnalysis(az, now);
  return [...analyzeAzureEscalation(a.c, a.principals), ...analyzeAzureRisky(a), ...analyzeAzureExposure(a), ...analyzeAzureUnused(a, options.unusedDays)];
}
