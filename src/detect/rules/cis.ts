/**
 * CIS AWS Foundations Benchmark monitoring controls 4.1–4.15 (v1.4.0 numbering, kept through v5.0.0;
 * section 5 from v6.0.0). Each `metricFilter` is the benchmark's pattern VERBATIM for the version its
 * `cisVersion` label names, precedence traps included (4.1: `A || B && C && D` is
 * `A || (B && C && D)` in CloudWatch Logs); Cordon evaluates them exactly as CloudWatch does.
 * Security Hub's CloudWatch.N controls are cited for the same control; where their pattern differs
 * from the benchmark's (4.1), the label says whose text the rule copies.
 *
 * 4.1 copies the v4.0.1+ wording (`||` then `&&`). The v1.4.0–v3.0.0 wording joins all four terms
 * with `||` (`… || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket")`),
 * which matches every CloudTrail record that has a source IP other than delivery.logs: it is not
 * shipped as a rule (it would alert on every event; docs/decisions.md).
 */
import type { DetectionRule } from '../rule-types.js';

const SH = 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html';
const CIS = 'https://www.cisecurity.org/benchmark/amazon_web_services';

const cis = (n: number, sh: number | undefined, title: string, severity: DetectionRule['severity'], metricFilter: string, rationale: string, cisVersion = 'CIS AWS Foundations v1.4.0 and v3.0.0'): DetectionRule => ({
  id: `cis-aws-4.${n}`,
  title,
  severity,
  pattern: { metricFilter },
  rationale,
  references: sh ? [`${SH}#cloudwatch-${sh}`, CIS] : [CIS],
  cisVersion: `${cisVersion} control 4.${n}${sh ? ` (Security Hub CloudWatch.${sh})` : ''}`,
});

/** The fifteen CIS monitoring rules. */
export const CIS_RULES: readonly DetectionRule[] = [
  cis(1, 2, 'Unauthorized API calls', 'LOW',
    '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
    'Repeated AccessDenied/UnauthorizedOperation errors reveal probing with stolen or over-scoped credentials. Note the published precedence: the delivery.logs and HeadBucket exclusions bind only to AccessDenied*. This is the v4.0.1 wording (unchanged in v5.0.0, and as 5.1 in v6.0.0); v1.4.0–v3.0.0 joined all four terms with || (a pattern that matches nearly every event), and Security Hub CloudWatch.2 checks the v1.2.0 3.1 pattern without the exclusions.',
    'CIS AWS Foundations v4.0.1 wording (same in v5.0.0; 5.1 in v6.0.0),'),
  cis(2, 3, 'Management Console sign-in without MFA', 'MEDIUM',
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    'Console sessions without MFA are one stolen password away from compromise.'),
  cis(3, 1, 'Usage of the root user', 'HIGH',
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    'The root user is unrestricted by IAM policies; any use outside break-glass procedures must be explained.'),
  cis(4, 4, 'IAM policy changes', 'MEDIUM',
    '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
    'Changes to IAM policies change who can do what; they must be reviewed. The pattern lists 16 eventNames and does not restrict eventSource (as published).',
    'CIS AWS Foundations v3.0.0 (same pattern in v1.2.0 3.4 and v1.4.0)'),
  cis(5, 5, 'CloudTrail configuration changes', 'HIGH',
    '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
    'Stopping or reconfiguring the trail blinds every other detection.'),
  cis(6, 6, 'Console authentication failures', 'LOW',
    '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    'Repeated console login failures indicate password guessing.'),
  cis(7, 7, 'Disabling or scheduled deletion of customer managed KMS keys', 'MEDIUM',
    '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
    'Data encrypted with a disabled or deleted key becomes unreadable (ransom, sabotage).'),
  cis(8, 8, 'S3 bucket policy changes', 'MEDIUM',
    '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
    'Bucket policy and ACL changes can expose data publicly or to other accounts.'),
  cis(9, 9, 'AWS Config configuration changes', 'MEDIUM',
    '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel) ||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }',
    'Stopping the configuration recorder hides configuration drift.'),
  cis(10, 10, 'Security group changes', 'LOW',
    '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
    'Security group changes can open hosts to the internet.'),
  cis(11, 11, 'Network ACL changes', 'LOW',
    '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
    'NACL changes can open subnets to unwanted traffic.'),
  cis(12, 12, 'Network gateway changes', 'LOW',
    '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
    'Gateways decide which traffic can leave or enter the VPC.'),
  cis(13, 13, 'Route table changes', 'LOW',
    '{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }',
    'Route changes can divert traffic. The benchmark names the seven route calls and no other condition.'),
  cis(14, 14, 'VPC changes', 'LOW',
    '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
    'VPC and peering changes alter network reachability between environments.'),
  cis(15, undefined, 'AWS Organizations changes', 'MEDIUM',
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
    'Organization changes (SCPs, accounts leaving) change the guardrails of every account.'),
];
