/**
 * Every AWS call Cordon makes, declared as the IAM actions it needs, by command and step
 * (cloud-custodian's "actions declare their permissions"). `cordon permissions --role ...` prints
 * least-privilege policies from these rows, and test/aws/permissions.test.ts records the calls each
 * command really makes against the sandbox and fails when one is missing here.
 */

/** The commands whose AWS calls are declared. */
export type CordonAwsCommand =
  | 'collect'
  | 'collect-organization'
  | 'cloudtrail-s3'
  | 'watch-sqs'
  | 'watch-reread'
  | 'notify-sns'
  | 'remediate'
  | 'remediate-sqs'
  | 'contain'
  | 'release'
  | 'report-bucket';

/** One step of a command and the actions it calls. */
export interface PermissionDeclaration {
  command: CordonAwsCommand;
  step: string;
  actions: readonly string[];
  /** Why the step needs them (shown in `cordon permissions --output table`). */
  rationale: string;
}

export const PERMISSION_DECLARATIONS: readonly PermissionDeclaration[] = [
  {
    command: 'collect',
    step: 'IAM entities and policies',
    actions: [
      'iam:GetAccountAuthorizationDetails',
      'iam:ListAccountAliases',
      'iam:GetPolicy',
      'iam:GetPolicyVersion',
      'iam:GetRole',
    ],
    rationale: 'users, groups, roles, policies (GAAD), AWS managed policy documents, role last use',
  },
  {
    command: 'collect',
    step: 'IAM credentials',
    actions: ['iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed', 'iam:GetLoginProfile', 'iam:ListMFADevices'],
    rationale: 'access keys, their last use, console passwords and MFA devices (unused-access findings)',
  },
  {
    command: 'collect',
    step: 'S3 and KMS resource policies',
    actions: [
      's3:ListAllMyBuckets',
      's3:GetBucketLocation',
      's3:GetBucketPolicy',
      's3:GetBucketAcl',
      's3:GetBucketPublicAccessBlock',
      'kms:ListKeys',
      'kms:DescribeKey',
      'kms:GetKeyPolicy',
    ],
    rationale: 'bucket and key policies, ACLs and Block Public Access (external and public access)',
  },
  {
    command: 'collect',
    step: 'other resource policies',
    actions: [
      'sqs:ListQueues',
      'sqs:GetQueueAttributes',
      'sns:ListTopics',
      'sns:GetTopicAttributes',
      'lambda:ListFunctions',
      'lambda:GetPolicy',
      'secretsmanager:ListSecrets',
      'secretsmanager:GetResourcePolicy',
      'ecr:DescribeRepositories',
      'ecr:GetRepositoryPolicy',
      'elasticfilesystem:DescribeFileSystems',
      'elasticfilesystem:DescribeFileSystemPolicy',
      'dynamodb:ListTables',
      'dynamodb:DescribeTable',
      'dynamodb:GetResourcePolicy',
      'ec2:DescribeSnapshots',
      'ec2:DescribeSnapshotAttribute',
      'rds:DescribeDBSnapshots',
      'rds:DescribeDBSnapshotAttributes',
    ],
    rationale: 'resource policies and snapshot shares of the services Access Analyzer covers',
  },
  {
    command: 'collect',
    step: 'organization policies (when the account is the management account or delegated administrator)',
    actions: [
      'organizations:DescribeOrganization',
      'organizations:ListRoots',
      'organizations:ListOrganizationalUnitsForParent',
      'organizations:ListAccountsForParent',
      'organizations:ListPolicies',
      'organizations:DescribePolicy',
      'organizations:ListTargetsForPolicy',
    ],
    rationale: 'the OU tree with its SCPs and RCPs (they cap every permission)',
  },
  {
    command: 'collect',
    step: 'IAM Identity Center',
    actions: [
      'sso:ListInstances',
      'sso:ListPermissionSets',
      'sso:DescribePermissionSet',
      'sso:GetInlinePolicyForPermissionSet',
      'sso:ListManagedPoliciesInPermissionSet',
      'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
      'sso:GetPermissionsBoundaryForPermissionSet',
      'sso:ListAccountsForProvisionedPermissionSet',
      'sso:ListAccountAssignments',
      'identitystore:ListUsers',
      'identitystore:ListGroups',
      'identitystore:ListGroupMemberships',
    ],
    rationale: 'permission sets, their assignments and the users and groups behind them',
  },
  {
    command: 'collect-organization',
    step: 'member accounts',
    actions: ['sts:AssumeRole'],
    rationale: 'assume the read-only collector role (--role-name) in each member account',
  },
  {
    command: 'cloudtrail-s3',
    step: 'read the trail bucket',
    actions: ['s3:ListBucket', 's3:GetObject'],
    rationale: 'list and read CloudTrail log objects (detect, generate-policy, scan --cloudtrail over s3://)',
  },
  {
    command: 'watch-sqs',
    step: 'consume the queue',
    actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
    rationale: 'EventBridge or S3-notification messages; delete after the alerts are stored',
  },
  {
    command: 'watch-reread',
    step: 're-read uncertain IAM entities',
    actions: [
      'iam:GetUser',
      'iam:ListUserPolicies',
      'iam:GetUserPolicy',
      'iam:ListAttachedUserPolicies',
      'iam:ListGroupsForUser',
      'iam:GetRole',
      'iam:ListRolePolicies',
      'iam:GetRolePolicy',
      'iam:ListAttachedRolePolicies',
      'iam:ListInstanceProfilesForRole',
      'iam:GetGroup',
      'iam:ListGroupPolicies',
      'iam:GetGroupPolicy',
      'iam:ListAttachedGroupPolicies',
      'iam:GetPolicy',
      'iam:ListPolicyVersions',
      'iam:GetPolicyVersion',
    ],
    rationale: '`watch --snapshot`: read again only the users, roles, groups and policies an event left uncertain',
  },
  {
    command: 'notify-sns',
    step: 'SNS sink',
    actions: ['sns:Publish'],
    rationale: 'send alerts to the configured topic',
  },
  {
    command: 'remediate',
    step: 'read the current state',
    actions: [
      'iam:GetRole',
      'iam:GetPolicy',
      'iam:GetPolicyVersion',
      'iam:ListAccessKeys',
      'iam:ListAttachedUserPolicies',
      'iam:ListAttachedRolePolicies',
      'iam:ListAttachedGroupPolicies',
      's3:GetBucketPolicy',
    ],
    rationale: 'what a step changes is read first, so the journal can undo it exactly',
  },
  {
    command: 'remediate',
    step: 'apply and roll back',
    actions: [
      'iam:UpdateAssumeRolePolicy',
      'iam:CreatePolicy',
      'iam:DeletePolicy',
      'iam:AttachUserPolicy',
      'iam:AttachRolePolicy',
      'iam:AttachGroupPolicy',
      'iam:DetachUserPolicy',
      'iam:DetachRolePolicy',
      'iam:DetachGroupPolicy',
      'iam:UpdateAccessKey',
      's3:PutBucketPolicy',
      's3:DeleteBucketPolicy',
    ],
    rationale: 'trust and bucket Deny statements, cordon-restrict-<id> policies, key deactivation, and their undo',
  },
  {
    command: 'remediate-sqs',
    step: 'alert queue',
    actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
    rationale: '`remediate --from-sqs`: read alerts, delete them after the journaled apply',
  },
  {
    command: 'contain',
    step: 'IAM user or role',
    actions: [
      'iam:GetUser',
      'iam:GetRole',
      'iam:GetPolicy',
      'iam:GetPolicyVersion',
      'iam:ListAccessKeys',
      'iam:UpdateAccessKey',
      'iam:GetLoginProfile',
      'iam:DeleteLoginProfile',
      'iam:ListMFADevices',
      'iam:DeactivateMFADevice',
      'iam:ListUserPolicies',
      'iam:GetUserPolicy',
      'iam:PutUserPolicy',
      'iam:ListRolePolicies',
      'iam:GetRolePolicy',
      'iam:PutRolePolicy',
      'iam:ListAttachedUserPolicies',
      'iam:ListAttachedRolePolicies',
      'iam:ListGroupsForUser',
      'iam:ListUserTags',
      'iam:TagUser',
      'iam:ListRoleTags',
      'iam:TagRole',
      's3:GetBucketPolicy',
      's3:PutBucketPolicy',
    ],
    rationale: 'keys off, password and MFA removed, deny policy, containment tag, bucket deny (--bucket-access)',
  },
  {
    command: 'contain',
    step: 'Identity Center user',
    actions: [
      'sso:ListInstances',
      'sso:ListAccountAssignments',
      'sso:ListAccountAssignmentsForPrincipal',
      'sso:DeleteAccountAssignment',
      'sso:DescribeAccountAssignmentDeletionStatus',
      'sso:DescribePermissionSet',
      'sso:GetInlinePolicyForPermissionSet',
      'sso:PutInlinePolicyToPermissionSet',
      'sso:ProvisionPermissionSet',
      'sso:DescribePermissionSetProvisioningStatus',
      'identitystore:GetUserId',
      'identitystore:DescribeUser',
      'identitystore:ListUsers',
      'identitystore:DescribeGroup',
      'identitystore:ListGroupMembershipsForMember',
      'identitystore:DeleteGroupMembership',
    ],
    rationale: 'memberships and assignments removed, session-revoking deny in the permission sets',
  },
  {
    command: 'release',
    step: 'undo a containment',
    actions: [
      'iam:GetUser',
      'iam:GetRole',
      'iam:ListAccessKeys',
      'iam:UpdateAccessKey',
      'iam:GetLoginProfile',
      'iam:CreateLoginProfile',
      'iam:ListMFADevices',
      'iam:ListUserPolicies',
      'iam:ListRolePolicies',
      'iam:ListAttachedUserPolicies',
      'iam:ListAttachedRolePolicies',
      'iam:ListGroupsForUser',
      'iam:GetUserPolicy',
      'iam:DeleteUserPolicy',
      'iam:GetRolePolicy',
      'iam:DeleteRolePolicy',
      'iam:ListUserTags',
      'iam:UntagUser',
      'iam:ListRoleTags',
      'iam:UntagRole',
      's3:GetBucketPolicy',
      's3:PutBucketPolicy',
      's3:DeleteBucketPolicy',
      'sso:ListInstances',
      'sso:CreateAccountAssignment',
      'sso:DescribeAccountAssignmentCreationStatus',
      'sso:GetInlinePolicyForPermissionSet',
      'sso:PutInlinePolicyToPermissionSet',
      'sso:DeleteInlinePolicyFromPermissionSet',
      'sso:ProvisionPermissionSet',
      'sso:DescribePermissionSetProvisioningStatus',
      'sso:DescribePermissionSet',
      'sso:ListAccountAssignments',
      'sso:ListAccountAssignmentsForPrincipal',
      'identitystore:CreateGroupMembership',
      'identitystore:DescribeUser',
      'identitystore:GetUserId',
      'identitystore:DescribeGroup',
      'identitystore:ListGroupMembershipsForMember',
    ],
    rationale: 'reads the identity as it is now, then restores what the report says was changed',
  },
  {
    command: 'report-bucket',
    step: 'containment reports in S3',
    actions: [
      's3:CreateBucket',
      's3:ListBucket',
      's3:GetBucketAcl',
      's3:GetBucketPolicy',
      's3:GetBucketPublicAccessBlock',
      's3:PutBucketPublicAccessBlock',
      's3:PutEncryptionConfiguration',
      's3:PutObject',
      's3:GetObject',
    ],
    rationale: '`--report-bucket`: a private, encrypted bucket for reports; written before each change',
  },
];

/** Commands that run another command's calls: remediation re-reads the account to prove its plan. */
export const COMMAND_USES: Partial<Record<CordonAwsCommand, readonly CordonAwsCommand[]>> = {
  remediate: ['collect'],
};

/** Cordon's deployment roles and the commands each one runs. */
export const ROLE_COMMANDS = {
  // sts:AssumeRole is only used with --accounts; the member accounts' role needs the rest.
  collector: ['collect', 'collect-organization'],
  // Reads activity where it lives and watches it: the trail bucket, the queue, the alert topic.
  watcher: ['watch-sqs', 'watch-reread', 'cloudtrail-s3', 'notify-sns'],
  responder: ['remediate', 'remediate-sqs', 'contain', 'release', 'report-bucket'],
} as const satisfies Record<string, readonly CordonAwsCommand[]>;

export type CordonRole = keyof typeof ROLE_COMMANDS;

/** The actions declared for `commands`, sorted and unique. */
export function declaredActions(commands: readonly CordonAwsCommand[]): string[] {
  const wanted = new Set<CordonAwsCommand>();
  const add = (c: CordonAwsCommand): void => {
    if (wanted.has(c)) return;
    wanted.add(c);
    for (const used of COMMAND_USES[c] ?? []) add(used);
  };
  commands.forEach(add);
  const actions = PERMISSION_DECLARATIONS.filter((d) => wanted.has(d.command)).flatMap((d) => d.actions);
  return [...new Set(actions)].sort();
}
