/**
 * The alert schema of DESIGN.md §2: one detection rule matching one CloudTrail event.
 */
import type { Severity } from './finding.js';
import type { CloudTrailEvent } from './cloudtrail.js';

export interface Alert {
  /** Deterministic: derived from ruleId + eventId, so re-ingesting an event never duplicates it. */
  id: string;
  ruleId: string;
  severity: Severity;
  eventId: string;
  eventTime: string;
  eventName: string;
  eventSource: string;
  accountId: string;
  region: string;
  /** userIdentity ARN of the caller. */
  actor: string;
  summary: string;
  event: CloudTrailEvent;
}
