/**
 * IAM-wide rules written as patterns: every IAM call, every successful IAM change, the
 * authentication/authorization subset, and the 19-eventName policy-change variant (CloudGuard
 * D9.AWS.MON.04 = CIS 4.4 + SetDefaultPolicyVersion, AddUserToGroup, UpdateAssumeRolePolicy).
 */
import type { DetectionRule } from '../rule-types.js';

// The 13 prefixes plus Tag/Untag: principal tags feed ABAC conditions (aws:PrincipalTag), so
// tagging an IAM entity changes authorization (docs/decisions.md).
const IAM_CHANGE_PREFIXES = ['Add', 'Attach', 'Change', 'Create', 'Deactivate', 'Delete', 'Detach', 'Enable', 'Put', 'Remove', 'Set', 'Tag', 'Untag', 'Update', 'Upload'];
const CT_IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html';

/**
 * Catch-all rules that only run when asked for (`detect`/`watch --include-info`): they match every
 * IAM call, read or failed, so on by default they would bury the alerts that matter (issue #22).
 */
export const OPT_IN_RULE_IDS: ReadonlySet<string> = new Set(['iam-any-call']);

/** Pattern-only IAM rules. */
export const IAM_RULES: readonly DetectionRule[] = [
  {
    id: 'iam-policy-changes-extended',
    title: 'IAM policy changes (extended, 19 eventNames)',
    severity: 'MEDIUM',
    pattern: {
      metricFilter:
        '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=SetDefaultPolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)||($.eventName=AddUserToGroup)||($.eventName=UpdateAssumeRolePolicy)}',
    },
    rationale: 'CIS 4.4 misses three calls that change effective permissions: switching the default policy version, adding a user to a group, and rewriting a role trust policy.',
    references: ['https://docs.cloudguard.checkpoint.com/ (rule D9.AWS.MON.04)', CT_IAM],
  },
  {
    id: 'iam-any-call',
    title: 'Any IAM API call',
    severity: 'INFO',
    pattern: { eventbridge: { detail: { eventSource: ['iam.amazonaws.com'] } } },
    rationale: 'Every IAM call, read or write, successful or not: the raw feed for investigations.',
    references: [CT_IAM],
  },
  {
    id: 'iam-change',
    title: 'IAM change (successful mutating IAM call)',
    severity: 'LOW',
    pattern: {
      eventbridge: {
        detail: {
          eventSource: ['iam.amazonaws.com'],
          eventName: IAM_CHANGE_PREFIXES.map((prefix) => ({ prefix })),
          errorCode: [{ exists: false }],
        },
      },
    },
    rationale: `Every successful IAM call whose name starts with ${IAM_CHANGE_PREFIXES.join(', ')}: the IAM change log. Failed calls changed nothing (see iam-any-call).`,
    references: [CT_IAM],
  },
  {
    id: 'iam-authn-authz-change',
    title: 'IAM authentication or authorization change',
    severity: 'LOW',
    pattern: {
      eventbridge: {
        detail: {
          eventSource: ['iam.amazonaws.com'],
          eventName: ['Put*Policy', 'Attach*', 'Detach*', 'Create*', 'Update*', 'Upload*', 'Delete*', 'Remove*', 'Set*'].map((wildcard) => ({ wildcard })),
          errorCode: [{ exists: false }],
        },
      },
    },
    rationale: 'Successful IAM calls that change who can authenticate (users, keys, certificates, providers) or what they may do (policies, attachments).',
    references: [CT_IAM],
  },
];
