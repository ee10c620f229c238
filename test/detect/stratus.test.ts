/**
 * Every Stratus Red Team detonation log produces exactly the alerts its technique implies. The
 * file name is the label (../shared/corpora/stratus, DataDog stratus-red-team 7c9a7a5); the
 * expected rule ids below were derived by hand from each technique's documented CloudTrail
 * footprint (https://stratus-red-team.cloud/attack-techniques/AWS/) and the events in the file.
 * The sets are exact: a missing alert and an unexpected one both fail.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readTrailFiles } from '../../src/activity/readers/read-events.js';
import { ruleContext } from '../../src/detect/context.js';
import { RuleSet } from '../../src/detect/rule-set.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';
import { STRATUS_DIR } from '../activity/corpora.js';

const IAM_WRITE = ['iam-any-call', 'iam-authn-authz-change', 'iam-change'];

/** technique → [expected rule ids, reason]. */
const TABLE: Record<string, [string[], string]> = {
  'aws.credential-access.ec2-get-password-data': [['cis-aws-4.1'], '30 GetPasswordData calls fail with Client.UnauthorizedOperation → unauthorized API calls'],
  'aws.credential-access.ec2-steal-instance-credentials': [[], 'SSM SendCommand + describes: legitimate-looking admin calls; theft shows only off-AWS (GuardDuty territory)'],
  'aws.credential-access.secretsmanager-batch-retrieve-secrets': [[], 'successful BatchGetSecretValue reads: needs a volume baseline, not a single-event pattern'],
  'aws.credential-access.secretsmanager-retrieve-secrets': [[], '20 successful GetSecretValue reads: volume-based, not a single-event pattern'],
  'aws.credential-access.ssm-retrieve-securestring-parameters': [[], 'successful GetParameters reads: volume-based, not a single-event pattern'],
  'aws.defense-evasion.cloudtrail-delete': [['cis-aws-4.5', 'cloudtrail-deleted'], 'DeleteTrail → CloudTrail configuration change + trail deleted'],
  'aws.defense-evasion.cloudtrail-event-selectors': [['cloudtrail-selectors-changed'], 'PutEventSelectors excluding management events; CIS 4.5 does not list PutEventSelectors'],
  'aws.defense-evasion.cloudtrail-stop': [['cis-aws-4.5', 'cloudtrail-stopped'], 'StopLogging → CloudTrail configuration change + CloudTrail stopped'],
  'aws.defense-evasion.dns-delete-logs': [['network-logging-deleted'], 'DeleteResolverQueryLogConfig removes DNS query logging'],
  'aws.defense-evasion.organizations-leave': [['cis-aws-4.1', 'cis-aws-4.15', 'organization-leave-attempt'], 'LeaveOrganization denied (AccessDenied → 4.1), still an Organizations change attempt (4.15 has no errorCode condition)'],
  'aws.defense-evasion.vpc-remove-flow-logs': [['network-logging-deleted'], 'DeleteFlowLogs removes VPC flow logs'],
  'aws.discovery.ec2-download-user-data': [['cis-aws-4.1'], 'DescribeInstanceAttribute fails with Client.UnauthorizedOperation'],
  'aws.execution.ec2-launch-unusual-instances': [['cis-aws-4.1'], 'RunInstances fails with Client.UnauthorizedOperation'],
  'aws.execution.ec2-user-data': [['ec2-user-data-modified'], 'ModifyInstanceAttribute sets userData (runs at next boot)'],
  'aws.execution.ssm-send-command': [[], 'SendCommand: routine administration without context (no single-event rule)'],
  'aws.execution.ssm-start-session': [[], 'StartSession: routine administration without context'],
  'aws.exfiltration.ec2-security-group-open-port-22-ingress': [['cis-aws-4.10'], 'AuthorizeSecurityGroupIngress → security group change'],
  'aws.exfiltration.ec2-share-ami': [['snapshot-or-ami-shared-external'], 'launchPermission added for account 846424999548, outside the zone of trust (not public: no group all)'],
  'aws.exfiltration.ec2-share-ebs-snapshot': [['snapshot-or-ami-shared-external'], 'createVolumePermission added for another account'],
  'aws.exfiltration.rds-share-snapshot': [['snapshot-or-ami-shared-external'], 'restore attribute valuesToAdd another account'],
  'aws.impact.bedrock-invoke-model': [[], 'model access + invocation: billing impact, no IAM or logging change'],
  'aws.initial-access.console-login-without-mfa': [['cis-aws-4.2'], 'ConsoleLogin with additionalEventData.MFAUsed = No'],
  'aws.lateral-movement.ec2-instance-connect': [[], 'SendSSHPublicKey: normal EC2 Instance Connect use'],
  'aws.lateral-movement.ec2-serial-console-send-ssh-public-key': [['ec2-serial-console-enabled'], 'EnableSerialConsoleAccess before the serial-console keys'],
  'aws.persistence.iam-backdoor-role': [[...IAM_WRITE, 'iam-policy-changes-extended', 'trust-policy-external'], 'UpdateAssumeRolePolicy adds arn:aws:iam::193672423079:root (outside 751203476945) → trust-policy-external; not in CIS 4.4\'s 16 names, in the extended 19'],
  'aws.persistence.iam-backdoor-user': [[...IAM_WRITE, 'access-key-created-for-other-user'], 'christophe creates a key for stratus-red-team-backdoor-u-user'],
  'aws.persistence.iam-create-admin-user': [[...IAM_WRITE, 'access-key-created-for-other-user', 'admin-policy-attached', 'cis-aws-4.4', 'iam-policy-changes-extended'], 'CreateUser + AttachUserPolicy AdministratorAccess (admin-attached, CIS 4.4) + CreateAccessKey for the new user (key-created)'],
  'aws.persistence.iam-create-backdoor-role': [[...IAM_WRITE, 'admin-policy-attached', 'cis-aws-4.4', 'iam-policy-changes-extended', 'trust-policy-external'], 'CreateRole trusting account 193672423079 + AttachRolePolicy AdministratorAccess'],
  'aws.persistence.iam-create-user-login-profile': [[...IAM_WRITE, 'login-profile-changed-for-other-user'], 'CreateLoginProfile for another user (the failed DeleteLoginProfile only reaches iam-any-call)'],
  'aws.persistence.lambda-backdoor-function': [['lambda-permission-external'], 'AddPermission with principal * on the function'],
  'aws.persistence.lambda-layer-extension': [['lambda-code-or-layers-changed'], 'UpdateFunctionConfiguration adds a layer (extension)'],
  'aws.persistence.lambda-overwrite-code': [['lambda-code-or-layers-changed'], 'UpdateFunctionCode replaces the code'],
  'aws.persistence.rolesanywhere-create-trust-anchor': [['rolesanywhere-trust-anchor-changed'], 'CreateTrustAnchor with an attacker CA'],
  'aws.persistence.sts-federation-token': [['federation-token-issued'], 'GetFederationToken (survives key deletion)'],
  'aws.privilege-escalation.iam-update-user-login-profile': [[...IAM_WRITE, 'login-profile-changed-for-other-user'], 'UpdateLoginProfile of another user → takeover'],
};

describe('Stratus Red Team detonations → alerts', () => {
  const produced = new Map<string, string[]>();
  before(async () => {
    const rules = new RuleSet(BUILTIN_RULES, ruleContext());
    for await (const { file, parsed } of readTrailFiles(STRATUS_DIR)) {
      assert.equal(parsed.issue, undefined);
      const ids = new Set<string>();
      for (const e of parsed.events) for (const a of rules.evaluate(e)) ids.add(a.ruleId);
      produced.set(file.path.split('/').pop()!.replace(/\.json$/, ''), [...ids].sort());
    }
  });

  test('the table covers every detonation log (35)', () => {
    assert.equal(produced.size, 35);
    assert.deepEqual([...produced.keys()].sort(), Object.keys(TABLE).sort());
  });

  for (const [technique, [expected, reason]] of Object.entries(TABLE)) {
    test(`${technique}: ${reason}`, () => assert.deepEqual(produced.get(technique), [...expected].sort()));
  }
});
