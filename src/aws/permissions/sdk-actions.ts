/**
 * The IAM action each AWS SDK operation Cordon sends is authorized as. Most operations are
 * authorized as `<service prefix>:<operation name>`; the exceptions are listed with their source
 * (Service Authorization Reference, "Actions, resources, and condition keys for <service>").
 */

/** SDK v3 client class name → IAM service prefix. */
const SERVICE_PREFIX: Readonly<Record<string, string>> = {
  AthenaClient: 'athena',
  CloudFormationClient: 'cloudformation',
  CloudTrailClient: 'cloudtrail',
  DynamoDBClient: 'dynamodb',
  EC2Client: 'ec2',
  ECRClient: 'ecr',
  EFSClient: 'elasticfilesystem',
  GlueClient: 'glue',
  IAMClient: 'iam',
  IdentitystoreClient: 'identitystore',
  KMSClient: 'kms',
  LambdaClient: 'lambda',
  OrganizationsClient: 'organizations',
  RDSClient: 'rds',
  S3Client: 's3',
  S3ControlClient: 's3',
  SecretsManagerClient: 'secretsmanager',
  SNSClient: 'sns',
  SQSClient: 'sqs',
  SSOAdminClient: 'sso',
  STSClient: 'sts',
};

/** Operations whose IAM action has another name (S3's are documented under "Amazon S3 actions"). */
const RENAMED: Readonly<Record<string, string>> = {
  's3:ListObjectsV2': 's3:ListBucket',
  's3:ListObjects': 's3:ListBucket',
  's3:HeadBucket': 's3:ListBucket',
  's3:HeadObject': 's3:GetObject',
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:PutPublicAccessBlock': 's3:PutBucketPublicAccessBlock',
  's3:DeletePublicAccessBlock': 's3:PutBucketPublicAccessBlock',
  's3:PutBucketEncryption': 's3:PutEncryptionConfiguration',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:DeleteBucketPolicy': 's3:DeleteBucketPolicy',
  'lambda:ListFunctions': 'lambda:ListFunctions',
};

/**
 * Calls AWS authorizes whatever the policies say: `sts:GetCallerIdentity` works even under an
 * explicit Deny (STS API reference, GetCallerIdentity), so no policy of Cordon's lists it.
 */
export const ALWAYS_ALLOWED: ReadonlySet<string> = new Set(['sts:GetCallerIdentity']);

/** The IAM action that authorizes `command` of `client` (e.g. `IAMClient`, `ListRolesCommand` → `iam:ListRoles`). */
export function iamActionForSdkCall(client: string, command: string): string {
  const prefix = SERVICE_PREFIX[client];
  if (!prefix) throw new Error(`no IAM service prefix known for SDK client \`${client}\``);
  const action = `${prefix}:${command.replace(/Command$/, '')}`;
  return RENAMED[action] ?? action;
}
