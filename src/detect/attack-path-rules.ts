/**
 * The two detections that judge state, not the event alone: after an IAM or resource-policy change
 * is replayed on the watched snapshot and re-analyzed, a finding that was not there before raises
 * `new-escalation-path` (an escalation finding) or `new-external-access` (external or public
 * access). Data rows; the tracker in `activity/path-tracker.ts` decides when they fire.
 */
import type { FindingType, Severity } from '../model/finding.js';

/** A rule that fires when a finding of `findingTypes` appears because of an event. */
export interface AttackPathRule {
  id: 'new-escalation-path' | 'new-external-access';
  title: string;
  severity: Severity;
  findingTypes: readonly FindingType[];
  rationale: string;
  references: readonly string[];
}

/** Both rules, in severity order. */
export const ATTACK_PATH_RULES: readonly AttackPathRule[] = [
  {
    id: 'new-escalation-path',
    title: 'New privilege-escalation path',
    severity: 'CRITICAL',
    findingTypes: ['PrivilegeEscalation'],
    rationale: 'The change let a principal reach administrator power it did not have a moment before (e.g. a PutRolePolicy granting iam:* to a role a user may assume): the path is an attack in progress or a misconfiguration one step from one.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html', 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/'],
  },
  {
    id: 'new-external-access',
    title: 'New external or public access',
    severity: 'HIGH',
    findingTypes: ['ExternalAccess', 'PublicAccess'],
    rationale: 'The change opened a role, bucket, key, queue, topic, secret or repository to a principal outside the zone of trust (backdoor trust policies, public bucket policies): what IAM Access Analyzer would report, tied to the event and actor that caused it.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html'],
  },
];

/** The rule a new finding of `type` raises, if any. */
export function attackPathRuleFor(type: FindingType): AttackPathRule | undefined {
  return ATTACK_PATH_RULES.find((r) => r.findingTypes.includes(type));
}
