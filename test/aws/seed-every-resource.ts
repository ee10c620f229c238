/**
 * Seeds one resource of every type `cordon collect` reads, each with a policy or share where the
 * service has one, so that every declared collector action is exercised (test/aws/permissions.test.ts).
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateSnapshotCommand, CreateVolumeCommand, EC2Client, ModifySnapshotAttributeCommand } from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, ECRClient, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { CreateFileSystemCommand, EFSClient, PutFileSystemPolicyCommand } from '@aws-sdk/client-efs';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateDBInstanceCommand, CreateDBSnapshotCommand, ModifyDBSnapshotAttributeCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import type { SdkClientConfig } from '../../src/aws/client-config.js';

const OUTSIDER = '444455556666';
const grant = (action: string, resource?: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Outsider', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OUTSIDER}:root` }, Action: action, ...(resource ? { Resource: resource } : {}) }] });

/** Creates the resources in the account `config` reaches. */
export async function seedEveryResourceType(config: SdkClientConfig, account: string): Promise<void> {
  const iam = new IAMClient(config);
  const role = await iam.send(new CreateRoleCommand({ RoleName: 'app-function', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
  const s3 = new S3Client(config);
  await s3.send(new CreateBucketCommand({ Bucket: `data-${account}` }));
  await s3.send(new PutBucketPolicyCommand({ Bucket: `data-${account}`, Policy: grant('s3:GetObject', `arn:aws:s3:::data-${account}/*`) }));
  await new KMSClient(config).send(new CreateKeyCommand({ Policy: grant('kms:Decrypt', '*') }));
  await new SQSClient(config).send(new CreateQueueCommand({ QueueName: 'jobs' }));
  await new SNSClient(config).send(new CreateTopicCommand({ Name: 'events' }));
  const sm = new SecretsManagerClient(config);
  const secret = await sm.send(new CreateSecretCommand({ Name: 'db-password', SecretString: 'not-a-real-secret' }));
  await sm.send(new PutResourcePolicyCommand({ SecretId: secret.ARN!, ResourcePolicy: grant('secretsmanager:GetSecretValue', '*') }));
  const ecr = new ECRClient(config);
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
  await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'app', policyText: grant('ecr:BatchGetImage') }));
  const efs = new EFSClient(config);
  const fs = await efs.send(new CreateFileSystemCommand({ CreationToken: 'shared' }));
  await efs.send(new PutFileSystemPolicyCommand({ FileSystemId: fs.FileSystemId!, Policy: grant('elasticfilesystem:ClientMount', fs.FileSystemArn!) }));
  await new DynamoDBClient(config).send(new CreateTableCommand({ TableName: 'orders', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
  const ec2 = new EC2Client(config);
  const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 1 }));
  const snapshot = await ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId! }));
  await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: snapshot.SnapshotId!, Attribute: 'createVolumePermission', OperationType: 'add', UserIds: [OUTSIDER] }));
  const rds = new RDSClient(config);
  await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'orders-db', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', MasterUsername: 'admin', MasterUserPassword: 'not-a-real-password', AllocatedStorage: 20 }));
  await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: 'orders-db', DBSnapshotIdentifier: 'orders-snap' }));
  await rds.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: 'orders-snap', AttributeName: 'restore', ValuesToAdd: [OUTSIDER] }));
  const lambda = new LambdaClient(config);
  await lambda.send(new CreateFunctionCommand({ FunctionName: 'handler', Runtime: 'nodejs20.x', Role: role.Role!.Arn!, Handler: 'index.handler', Code: { ZipFile: Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64') } }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'handler', StatementId: 'outsider', Action: 'lambda:InvokeFunction', Principal: OUTSIDER }));
  for (const c of [iam, s3, sm, ecr, efs, ec2, rds, lambda]) c.destroy();
}
