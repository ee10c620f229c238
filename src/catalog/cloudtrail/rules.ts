/**
 * CloudTrail record → IAM action mapping, as data. Each exception cites where it comes from
 * (provenance): the Service Authorization Reference (SAR) page of the service, or the CloudTrail
 * documentation of the service. Everything not listed here maps by the generic rule
 * (`s3.amazonaws.com` + `GetBucketAcl` → `s3:GetBucketAcl`) and is checked against the catalog.
 */

/** `eventSource` host prefix → IAM service prefix, where the two differ. */
export const SERVICE_PREFIX_EXCEPTIONS: Readonly<Record<string, { prefix: string; provenance: string }>> = {
  monitoring: { prefix: 'cloudwatch', provenance: 'SAR "Amazon CloudWatch" (service prefix cloudwatch; API host monitoring)' },
  tagging: { prefix: 'tag', provenance: 'SAR "Amazon Resource Group Tagging API" (prefix tag)' },
  email: { prefix: 'ses', provenance: 'SAR "Amazon SES" (prefix ses; API host email)' },
  'servicecatalog-appregistry': { prefix: 'servicecatalog', provenance: 'SAR "AWS Service Catalog" (AppRegistry actions use prefix servicecatalog)' },
  'streams.dynamodb': { prefix: 'dynamodb', provenance: 'SAR "Amazon DynamoDB" (stream actions GetRecords/GetShardIterator under dynamodb)' },
  'metering-marketplace': { prefix: 'aws-marketplace', provenance: 'SAR "AWS Marketplace Metering Service" (prefix aws-marketplace)' },
  'elasticloadbalancingv2': { prefix: 'elasticloadbalancing', provenance: 'SAR "Elastic Load Balancing V2" (prefix elasticloadbalancing)' },
  sso: { prefix: 'sso', provenance: 'SAR "AWS IAM Identity Center" (prefix sso)' },
  'execute-api': { prefix: 'execute-api', provenance: 'SAR "Amazon API Gateway" execute-api' },
};

/** Events that IAM does not authorize (no action to grant); reported, never granted. */
export const NO_ACTION_EVENTS: Readonly<Record<string, string>> = {
  'signin.amazonaws.com:ConsoleLogin': 'console sign-in is authenticated, not authorized by an IAM action',
  'signin.amazonaws.com:CheckMfa': 'console sign-in step, no IAM action',
  'signin.amazonaws.com:SwitchRole': 'console role switch; the authorized call is sts:AssumeRole',
  'signin.amazonaws.com:ExitRole': 'console role switch, no IAM action',
  'signin.amazonaws.com:RenewRole': 'console session renewal, no IAM action',
  'sts.amazonaws.com:GetCallerIdentity': 'STS docs: "No permissions are required to perform this operation"',
  's3.amazonaws.com:GetStorageLensDashboardDataInternal': 'console-internal call behind s3:GetStorageLensDashboard; granted through that action',
};

/**
 * `eventSource:eventName` → the IAM action(s) the call needs, where the name differs or several
 * actions are required. Provenance: SAR action tables and the S3 "Required permissions for
 * Amazon S3 API operations" page (docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html).
 */
export const EVENT_ACTION_EXCEPTIONS: Readonly<Record<string, { actions: readonly string[]; provenance: string }>> = {
  's3.amazonaws.com:GetBucketLifecycle': { actions: ['s3:GetLifecycleConfiguration'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:GetBucketLifecycleConfiguration': { actions: ['s3:GetLifecycleConfiguration'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:PutBucketLifecycle': { actions: ['s3:PutLifecycleConfiguration'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:PutBucketLifecycleConfiguration': { actions: ['s3:PutLifecycleConfiguration'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:DeleteBucketLifecycle': { actions: ['s3:PutLifecycleConfiguration'], provenance: 'S3 API→permission table (delete needs Put)' },
  's3.amazonaws.com:GetBucketEncryption': { actions: ['s3:GetEncryptionConfiguration'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:PutBucketEncryption': { actions: ['s3:PutEncryptionConfiguration'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:DeleteBucketEncryption': { actions: ['s3:PutEncryptionConfiguration'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:GetBucketReplication': { actions: ['s3:GetReplicationConfiguration'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:PutBucketReplication': { actions: ['s3:PutReplicationConfiguration'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:DeleteBucketReplication': { actions: ['s3:PutReplicationConfiguration'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:GetBucketCors': { actions: ['s3:GetBucketCORS'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:PutBucketCors': { actions: ['s3:PutBucketCORS'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:DeleteBucketCors': { actions: ['s3:PutBucketCORS'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:DeleteBucketTagging': { actions: ['s3:PutBucketTagging'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:DeleteBucketPublicAccessBlock': { actions: ['s3:PutBucketPublicAccessBlock'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:DeletePublicAccessBlock': { actions: ['s3:PutBucketPublicAccessBlock'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:GetPublicAccessBlock': { actions: ['s3:GetBucketPublicAccessBlock'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:PutPublicAccessBlock': { actions: ['s3:PutBucketPublicAccessBlock'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:ListBuckets': { actions: ['s3:ListAllMyBuckets'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:HeadBucket': { actions: ['s3:ListBucket'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:ListObjects': { actions: ['s3:ListBucket'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:ListObjectsV2': { actions: ['s3:ListBucket'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:ListObjectVersions': { actions: ['s3:ListBucketVersions'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:HeadObject': { actions: ['s3:GetObject'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:CreateMultipartUpload': { actions: ['s3:PutObject'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:UploadPart': { actions: ['s3:PutObject'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:CompleteMultipartUpload': { actions: ['s3:PutObject'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:UploadPartCopy': { actions: ['s3:GetObject', 's3:PutObject'], provenance: 'S3 API→permission table (source read + destination write)' },
  's3.amazonaws.com:CopyObject': { actions: ['s3:GetObject', 's3:PutObject'], provenance: 'S3 API→permission table (source read + destination write)' },
  's3.amazonaws.com:DeleteObjects': { actions: ['s3:DeleteObject'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:ListMultipartUploads': { actions: ['s3:ListBucketMultipartUploads'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:ListParts': { actions: ['s3:ListMultipartUploadParts'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:PutBucketNotificationConfiguration': { actions: ['s3:PutBucketNotification'], provenance: 'S3 API→permission table' },
  's3.amazonaws.com:GetBucketNotificationConfiguration': { actions: ['s3:GetBucketNotification'], provenance: 'S3 API→permission table' },
  'kms.amazonaws.com:ReEncrypt': { actions: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'], provenance: 'SAR "AWS KMS": ReEncrypt needs ReEncryptFrom and ReEncryptTo' },
  'kms.amazonaws.com:GenerateDataKeyPairWithoutPlaintext': { actions: ['kms:GenerateDataKeyPairWithoutPlaintext'], provenance: 'SAR "AWS KMS"' },
  'lambda.amazonaws.com:Invoke': { actions: ['lambda:InvokeFunction'], provenance: 'SAR "AWS Lambda": Invoke API → lambda:InvokeFunction' },
  'lambda.amazonaws.com:InvokeAsync': { actions: ['lambda:InvokeFunction'], provenance: 'SAR "AWS Lambda"' },
  'lambda.amazonaws.com:InvokeWithResponseStream': { actions: ['lambda:InvokeFunction'], provenance: 'SAR "AWS Lambda"' },
};

/** Error codes that mean "not authorized" (the call was denied by IAM, not failed after it). */
export const DENIED_ERROR_CODES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'Client.UnauthorizedOperation',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'Client.AccessDenied',
  'AuthorizationError',
  'Forbidden',
]);
