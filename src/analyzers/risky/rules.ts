/**
 * Risky-permission rules as data. Each rule probes the engine with requests on FRESH resources
 * (names no policy can have meant on purpose), so only wildcard or over-broad grants match:
 * "wildcard resource on a sensitive action" is decided by the engine, not by reading strings.
 */
import type { Severity } from '../../model/finding.js';

/** One request a rule sends; `resource` uses the templates of `escalation/templates.ts`. */
export interface RiskProbe {
  action: string;
  resource: string;
}

export interface RiskyPermissionRule {
  /** Stable id: deprecate, never renumber. */
  id: string;
  title: string;
  severity: Severity;
  category: 'full-access' | 'permissions-management' | 'credential-exposure' | 'data-exfiltration' | 'resource-exposure' | 'infrastructure-modification' | 'defense-evasion';
  rationale: string;
  /** The rule matches when ANY probe is allowed; the finding lists every allowed probe. */
  probes: RiskProbe[];
  references: string[];
}

const A = (service: string, rest: string) => `arn:\${Partition}:${service}:\${Region}:\${Account}:${rest}`;
const IAM = (rest: string) => `arn:\${Partition}:iam::\${Account}:${rest}`;
const AWS_SEC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html';

export const RISKY_PERMISSION_RULES: readonly RiskyPermissionRule[] = [
  {
    id: 'risky-permissions-management',
    title: 'Can change IAM permissions of any principal',
    severity: 'HIGH',
    category: 'permissions-management',
    rationale: 'Writing policies or trust on arbitrary principals is equivalent to holding every permission they could be given.',
    probes: [
      { action: 'iam:PutRolePolicy', resource: IAM('role/${Probe}') },
      { action: 'iam:AttachRolePolicy', resource: IAM('role/${Probe}') },
      { action: 'iam:PutUserPolicy', resource: IAM('user/${Probe}') },
      { action: 'iam:AttachUserPolicy', resource: IAM('user/${Probe}') },
      { action: 'iam:CreatePolicyVersion', resource: IAM('policy/${Probe}') },
      { action: 'iam:UpdateAssumeRolePolicy', resource: IAM('role/${Probe}') },
      { action: 'iam:PassRole', resource: IAM('role/${Probe}') },
    ],
    references: [AWS_SEC],
  },
  {
    id: 'risky-credential-exposure',
    title: 'Can create or read credentials of others',
    severity: 'HIGH',
    category: 'credential-exposure',
    rationale: 'New keys, passwords, registry tokens and secrets let the holder act as someone else or reach data outside IAM.',
    probes: [
      { action: 'iam:CreateAccessKey', resource: IAM('user/${Probe}') },
      { action: 'iam:CreateLoginProfile', resource: IAM('user/${Probe}') },
      { action: 'iam:UpdateLoginProfile', resource: IAM('user/${Probe}') },
      { action: 'secretsmanager:GetSecretValue', resource: A('secretsmanager', 'secret:${Probe}-AbCdEf') },
      { action: 'ssm:GetParameter', resource: A('ssm', 'parameter/${Probe}') },
      { action: 'ecr:GetAuthorizationToken', resource: '*' },
      { action: 'ec2:GetPasswordData', resource: A('ec2', 'instance/i-0c0rd0n0pr0be0000') },
      { action: 'sts:GetFederationToken', resource: A('sts', 'federated-user/${Probe}').replace(':${Region}:', '::') },
    ],
    references: ['https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html'],
  },
  {
    id: 'risky-data-exfiltration',
    title: 'Can read data in any bucket, table or key',
    severity: 'MEDIUM',
    category: 'data-exfiltration',
    rationale: 'Read access on every data store, with no resource restriction, lets a compromised identity copy everything.',
    probes: [
      { action: 's3:GetObject', resource: 'arn:${Partition}:s3:::${Probe}/object' },
      { action: 'dynamodb:Scan', resource: A('dynamodb', 'table/${Probe}') },
      { action: 'kms:Decrypt', resource: A('kms', 'key/00000000-0000-0000-0000-00000c0rd0n0') },
      { action: 'rds:CopyDBSnapshot', resource: A('rds', 'snapshot:${Probe}') },
      { action: 'ec2:CreateSnapshot', resource: A('ec2', 'volume/vol-0c0rd0n0pr0be0000') },
    ],
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  },
  {
    id: 'risky-resource-exposure',
    title: 'Can change resource policies or sharing (make resources public or cross-account)',
    severity: 'HIGH',
    category: 'resource-exposure',
    rationale: 'Rewriting a resource policy, ACL or snapshot share can expose data to any AWS account or the public.',
    probes: [
      { action: 's3:PutBucketPolicy', resource: 'arn:${Partition}:s3:::${Probe}' },
      { action: 's3:PutBucketAcl', resource: 'arn:${Partition}:s3:::${Probe}' },
      { action: 's3:PutBucketPublicAccessBlock', resource: 'arn:${Partition}:s3:::${Probe}' },
      { action: 'kms:PutKeyPolicy', resource: A('kms', 'key/00000000-0000-0000-0000-00000c0rd0n0') },
      { action: 'lambda:AddPermission', resource: A('lambda', 'function:${Probe}') },
      { action: 'sqs:SetQueueAttributes', resource: A('sqs', '${Probe}') },
      { action: 'sns:SetTopicAttributes', resource: A('sns', '${Probe}') },
      { action: 'secretsmanager:PutResourcePolicy', resource: A('secretsmanager', 'secret:${Probe}-AbCdEf') },
      { action: 'ecr:SetRepositoryPolicy', resource: A('ecr', 'repository/${Probe}') },
      { action: 'ec2:ModifySnapshotAttribute', resource: A('ec2', 'snapshot/snap-0c0rd0n0pr0be0000').replace(':${Account}:', '::') },
      { action: 'rds:ModifyDBSnapshotAttribute', resource: A('rds', 'snapshot:${Probe}') },
    ],
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html'],
  },
  {
    id: 'risky-defense-evasion',
    title: 'Can stop or delete security logging and detection',
    severity: 'HIGH',
    category: 'defense-evasion',
    rationale: 'Stopping CloudTrail, GuardDuty or Config blinds the security team before an attack.',
    probes: [
      { action: 'cloudtrail:StopLogging', resource: A('cloudtrail', 'trail/${Probe}') },
      { action: 'cloudtrail:DeleteTrail', resource: A('cloudtrail', 'trail/${Probe}') },
      { action: 'cloudtrail:PutEventSelectors', resource: A('cloudtrail', 'trail/${Probe}') },
      { action: 'guardduty:DeleteDetector', resource: A('guardduty', 'detector/${Probe}') },
      { action: 'config:StopConfigurationRecorder', resource: '*' },
      { action: 'ec2:DeleteFlowLogs', resource: '*' },
      { action: 'organizations:LeaveOrganization', resource: '*' },
    ],
    references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html'],
  },
  {
    id: 'risky-infrastructure-modification',
    title: 'Can create or change compute and network infrastructure anywhere',
    severity: 'MEDIUM',
    category: 'infrastructure-modification',
    rationale: 'Unrestricted compute and network changes enable crypto-mining, lateral movement and opening the network.',
    probes: [
      { action: 'ec2:RunInstances', resource: A('ec2', 'instance/*') },
      { action: 'ec2:AuthorizeSecurityGroupIngress', resource: A('ec2', 'security-group/sg-0c0rd0n0pr0be000') },
      { action: 'lambda:UpdateFunctionCode', resource: A('lambda', 'function:${Probe}') },
      { action: 'ec2:CreateVpcPeeringConnection', resource: A('ec2', 'vpc/vpc-0c0rd0n0pr0be000') },
    ],
    references: [AWS_SEC],
  },
];
