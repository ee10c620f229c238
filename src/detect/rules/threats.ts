/**
 * Attack-technique detections outside IAM proper (persistence, defense evasion, execution), each
 * the CloudTrail footprint of a technique Stratus Red Team detonates. Lambda eventNames carry an
 * API-version suffix (`AddPermission20150331v2`), hence the prefix patterns.
 */
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import type { DetectionRule } from '../rule-types.js';
import { principalAccount } from './policy-document.js';

const ok = { errorCode: [{ exists: false }] };
const params = (e: CloudTrailEvent): Record<string, unknown> => (e.requestParameters && typeof e.requestParameters === 'object' ? e.requestParameters : {});
const STRATUS = (t: string) => `https://stratus-red-team.cloud/attack-techniques/AWS/${t}/`;

/** Technique detections. */
export const THREAT_RULES: readonly DetectionRule[] = [
  {
    id: 'lambda-permission-external',
    title: 'Lambda function policy opened to everyone or another account',
    severity: 'HIGH',
    pattern: { eventbridge: { detail: { eventSource: ['lambda.amazonaws.com'], eventName: [{ prefix: 'AddPermission' }], ...ok } } },
    check: (e, ctx) => {
      const p = params(e);
      const principal = String(p.principal ?? '');
      if (principal === '*') return `\`${String(p.functionName ?? '?')}\` invocable by anyone (${String(p.action ?? '?')})`;
      const acct = principalAccount(principal);
      return acct !== undefined && !ctx.zoneFor(e).accounts.has(acct) ? `\`${String(p.functionName ?? '?')}\` granted to ${principal}` : false;
    },
    checkDescription: 'the added principal is `*` or an account outside the zone of trust (service principals are not flagged)',
    rationale: 'A resource policy that lets anyone invoke a function is a backdoor into the account\'s execution role.',
    references: [STRATUS('aws.persistence.lambda-backdoor-function'), 'https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html'],
  },
  {
    id: 'lambda-code-or-layers-changed',
    title: 'Lambda function code or layers replaced',
    severity: 'MEDIUM',
    pattern: {
      eventbridge: {
        detail: {
          eventSource: ['lambda.amazonaws.com'],
          $or: [{ eventName: [{ prefix: 'UpdateFunctionCode' }] }, { eventName: [{ prefix: 'UpdateFunctionConfiguration' }], requestParameters: { layers: [{ exists: true }] } }],
          ...ok,
        },
      },
    },
    rationale: 'New code or a new layer (extension) runs with the function\'s role on every invocation.',
    references: [STRATUS('aws.persistence.lambda-overwrite-code'), STRATUS('aws.persistence.lambda-layer-extension')],
  },
  {
    id: 'rolesanywhere-trust-anchor-changed',
    title: 'IAM Roles Anywhere trust anchor created or updated',
    severity: 'HIGH',
    pattern: { eventbridge: { detail: { eventSource: ['rolesanywhere.amazonaws.com'], eventName: ['CreateTrustAnchor', 'UpdateTrustAnchor'], ...ok } } },
    rationale: 'A trust anchor for an attacker-controlled CA yields role credentials from outside AWS.',
    references: [STRATUS('aws.persistence.rolesanywhere-create-trust-anchor')],
  },
  {
    id: 'federation-token-issued',
    title: 'STS federation token issued',
    severity: 'MEDIUM',
    pattern: { eventbridge: { detail: { eventSource: ['sts.amazonaws.com'], eventName: ['GetFederationToken'], ...ok } } },
    rationale: 'Federation tokens survive deletion of the access key that created them: a persistence trick.',
    references: [STRATUS('aws.persistence.sts-federation-token')],
  },
  {
    id: 'ec2-user-data-modified',
    title: 'EC2 instance user data modified',
    severity: 'MEDIUM',
    pattern: { eventbridge: { detail: { eventSource: ['ec2.amazonaws.com'], eventName: ['ModifyInstanceAttribute'], requestParameters: { userData: [{ exists: true }] }, ...ok } } },
    rationale: 'User data runs as root at the next boot: code execution on the instance.',
    references: [STRATUS('aws.execution.ec2-user-data')],
  },
  {
    id: 'ec2-serial-console-enabled',
    title: 'EC2 serial console access enabled',
    severity: 'MEDIUM',
    pattern: { eventbridge: { detail: { eventSource: ['ec2.amazonaws.com'], eventName: ['EnableSerialConsoleAccess'], ...ok } } },
    rationale: 'The serial console bypasses network controls to reach instances.',
    references: [STRATUS('aws.lateral-movement.ec2-serial-console-send-ssh-public-key')],
  },
  {
    id: 'network-logging-deleted',
    title: 'VPC flow logs or DNS query logging deleted',
    severity: 'HIGH',
    pattern: { eventbridge: { detail: { eventName: ['DeleteFlowLogs', 'DeleteResolverQueryLogConfig', 'DisassociateResolverQueryLogConfig'], ...ok } } },
    rationale: 'Removing network logs hides exfiltration and command-and-control traffic.',
    references: [STRATUS('aws.defense-evasion.vpc-remove-flow-logs'), STRATUS('aws.defense-evasion.dns-delete-logs')],
  },
  {
    id: 'organization-leave-attempt',
    title: 'Attempt to leave the AWS organization',
    severity: 'HIGH',
    pattern: { eventbridge: { detail: { eventSource: ['organizations.amazonaws.com'], eventName: ['LeaveOrganization'] } } },
    rationale: 'Leaving the organization removes SCP guardrails and central logging; even a denied attempt is a strong signal.',
    references: [STRATUS('aws.defense-evasion.organizations-leave')],
  },
];
