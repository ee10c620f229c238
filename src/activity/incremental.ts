/**
 * Incremental re-evaluation after one replayed change: only the analyzers whose inputs the change
 * can reach run again, through the same `runAnalyzers`, and the other findings are kept. What
 * each event kind can reach is data (`IMPACT`); the property test in
 * `test/activity/replay-property.test.ts` checks the result equals a full re-scan at every step.
 */
import { runAnalyzers } from '../analyzers/index.js';
import type { ZoneKind } from '../analyzers/exposure/zone.js';
import type { CloudTrailEvent } from '../model/cloudtrail.js';
import type { FindingDraft } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot/types.js';

/** Which analyzers a change can affect: `none` (credentials only), escalation only, or both. */
export type Impact = 'none' | 'escalation' | 'both';

// Identity policies decide what insiders may do (escalation) but never who outside may reach a
// role or resource (exposure reads trust and resource policies only). Keys and passwords feed
// neither analyzer. Anything that creates or deletes principals, or changes trust, resource
// policies or tags (conditions), re-runs both.
const ESCALATION_ONLY = /^(Put|Delete|Attach|Detach)(User|Role|Group)Policy$|^(Put|Delete)(User|Role)PermissionsBoundary$|^(CreatePolicy|DeletePolicy|CreatePolicyVersion|SetDefaultPolicyVersion|DeletePolicyVersion|AddUserToGroup|RemoveUserFromGroup|AddRoleToInstanceProfile|RemoveRoleFromInstanceProfile)$/;
const NO_IMPACT = /^(Create|Delete)AccessKey$|^(Create|Update|Delete)LoginProfile$/;

/** The analyzers an applied event can change the findings of. */
export function impactOf(event: Pick<CloudTrailEvent, 'eventSource' | 'eventName'>): Impact {
  if (event.eventSource !== 'iam.amazonaws.com') return 'both';
  if (NO_IMPACT.test(event.eventName)) return 'none';
  return ESCALATION_ONLY.test(event.eventName) ? 'escalation' : 'both';
}

const ESCALATION_TYPES = new Set(['PrivilegeEscalation']);
const byTypeThenId = (a: FindingDraft, b: FindingDraft) => a.type.localeCompare(b.type) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Findings of `next` after `event`, given the findings of the state before it; same as a full `runAnalyzers(['escalation','exposure'])`. */
export function reevaluate(previous: readonly FindingDraft[], next: Snapshot, event: CloudTrailEvent, now: Date, zone: ZoneKind = 'account'): FindingDraft[] {
  const impact = impactOf(event);
  if (impact === 'none') return [...previous];
  if (impact === 'both') return runAnalyzers({ snapshot: next, now, zone }, ['escalation', 'exposure']);
  const kept = previous.filter((f) => !ESCALATION_TYPES.has(f.type));
  return [...kept, ...runAnalyzers({ snapshot: next, now, zone }, ['escalation'])].sort(byTypeThenId);
}
