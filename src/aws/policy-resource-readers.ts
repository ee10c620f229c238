/**
 * Readers of resource-based policies and shares beyond S3 and KMS, as a table: one entry per
 * resource type, each listing the resources of the region (fully paginated) and reading the
 * policy or share list of each. A missing policy is normal (the service's "not found" error names
 * are listed per entry); any other per-resource error is reported in `errors`, never thrown, so
 * one AccessDenied resource never stops a collection.
 */
import { DynamoDBClient, GetResourcePolicyCommand as GetTablePolicyCommand, paginateListTables, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeSnapshotAttributeCommand, EC2Client, paginateDescribeSnapshots } from '@aws-sdk/client-ec2';
import { ECRClient, GetRepositoryPolicyCommand, paginateDescribeRepositories } from '@aws-sdk/client-ecr';
import { DescribeFileSystemPolicyCommand, EFSClient, paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import { GetPolicyCommand, LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { DescribeDBSnapshotAttributesCommand, paginateDescribeDBSnapshots, RDSClient } from '@aws-sdk/client-rds';
import { GetResourcePolicyCommand as GetSecretPolicyCommand, paginateListSecrets, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetTopicAttributesCommand, paginateListTopics, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, paginateListQueues, SQSClient } from '@aws-sdk/client-sqs';
import { sdkClientConfig, type AwsTarget, type SdkClientConfig } from './client-config.js';

/** What a reader knows of one resource: its policy text and/or who it is shared with. */
export interface ResourceFacts {
  arn: string;
  resourceType: string;
  region: string;
  policy?: string;
  /** Account ids (or `all` for public) a snapshot is shared with. */
  sharedWith?: string[];
  /** The API call that read it. */
  api: string;
  errors: string[];
}

/** One resource type's reader. */
export interface PolicyResourceReader {
  resourceType: string;
  /** The service name used in warnings (`partial_<service>`). */
  service: string;
  read(config: SdkClientConfig): Promise<ResourceFacts[]>;
}

const errorName = (err: unknown) => (err as { name?: string }).name ?? 'Error';

/** Runs one per-resource read; "not found" names mean "no policy", anything else is recorded. */
async function readOne<T>(facts: ResourceFacts, call: string, absent: readonly string[], fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (!absent.includes(errorName(err))) facts.errors.push(`${call}: ${errorName(err)}`);
    return undefined;
  }
}

/** Lists items page by page and reads each item's facts. */
async function collectPaged<Page, Item>(pages: AsyncIterable<Page>, itemsOf: (page: Page) => Item[] | undefined, read: (item: Item) => Promise<ResourceFacts | undefined>): Promise<ResourceFacts[]> {
  const out: ResourceFacts[] = [];
  for await (const page of pages) {
    for (const item of itemsOf(page) ?? []) {
      const facts = await read(item);
      if (facts) out.push(facts);
    }
  }
  return out;
}

/** A client for one reader run, destroyed afterwards. */
async function withClient<C extends { destroy(): void }, R>(client: C, fn: (client: C) => Promise<R>): Promise<R> {
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
}

export const POLICY_RESOURCE_READERS: readonly PolicyResourceReader[] = [
  {
    resourceType: 'AWS::SQS::Queue',
    service: 'sqs',
    read: (config) =>
      withClient(new SQSClient(config), (sqs) =>
        collectPaged(paginateListQueues({ client: sqs }, {}), (p) => p.QueueUrls, async (url) => {
          const facts: ResourceFacts = { arn: '', resourceType: 'AWS::SQS::Queue', region: config.region, api: 'sqs:GetQueueAttributes', errors: [] };
          const attrs = await readOne(facts, 'GetQueueAttributes', [], async () => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy', 'QueueArn'] }))).Attributes);
          // An unreadable queue is reported under its URL (the collector warns), never dropped silently.
          if (!attrs?.QueueArn) return facts.errors.length ? { ...facts, arn: url } : undefined;
          return { ...facts, arn: attrs.QueueArn, policy: attrs.Policy };
        }),
      ),
  },
  {
    resourceType: 'AWS::SNS::Topic',
    service: 'sns',
    read: (config) =>
      withClient(new SNSClient(config), (sns) =>
        collectPaged(paginateListTopics({ client: sns }, {}), (p) => p.Topics, async (topic) => {
          const facts: ResourceFacts = { arn: topic.TopicArn!, resourceType: 'AWS::SNS::Topic', region: config.region, api: 'sns:GetTopicAttributes', errors: [] };
          const attrs = await readOne(facts, 'GetTopicAttributes', [], async () => (await sns.send(new GetTopicAttributesCommand({ TopicArn: topic.TopicArn! }))).Attributes);
          return { ...facts, policy: attrs?.Policy };
        }),
      ),
  },
  {
    resourceType: 'AWS::Lambda::Function',
    service: 'lambda',
    read: (config) =>
      withClient(new LambdaClient(config), (lambda) =>
        collectPaged(paginateListFunctions({ client: lambda }, {}), (p) => p.Functions, async (fn) => {
          const facts: ResourceFacts = { arn: fn.FunctionArn!, resourceType: 'AWS::Lambda::Function', region: config.region, api: 'lambda:GetPolicy', errors: [] };
          facts.policy = await readOne(facts, 'GetPolicy', ['ResourceNotFoundException'], async () => (await lambda.send(new GetPolicyCommand({ FunctionName: fn.FunctionName! }))).Policy);
          return facts;
        }),
      ),
  },
  {
    resourceType: 'AWS::SecretsManager::Secret',
    service: 'secretsmanager',
    read: (config) =>
      withClient(new SecretsManagerClient(config), (sm) =>
        collectPaged(paginateListSecrets({ client: sm }, {}), (p) => p.SecretList, async (secret) => {
          const facts: ResourceFacts = { arn: secret.ARN!, resourceType: 'AWS::SecretsManager::Secret', region: config.region, api: 'secretsmanager:GetResourcePolicy', errors: [] };
          facts.policy = await readOne(facts, 'GetResourcePolicy', ['ResourceNotFoundException'], async () => (await sm.send(new GetSecretPolicyCommand({ SecretId: secret.ARN! }))).ResourcePolicy);
          return facts;
        }),
      ),
  },
  {
    resourceType: 'AWS::ECR::Repository',
    service: 'ecr',
    read: (config) =>
      withClient(new ECRClient(config), (ecr) =>
        collectPaged(paginateDescribeRepositories({ client: ecr }, {}), (p) => p.repositories, async (repo) => {
          const facts: ResourceFacts = { arn: repo.repositoryArn!, resourceType: 'AWS::ECR::Repository', region: config.region, api: 'ecr:GetRepositoryPolicy', errors: [] };
          facts.policy = await readOne(facts, 'GetRepositoryPolicy', ['RepositoryPolicyNotFoundException'], async () => (await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: repo.repositoryName! }))).policyText);
          return facts;
        }),
      ),
  },
  {
    resourceType: 'AWS::EFS::FileSystem',
    service: 'elasticfilesystem',
    read: (config) =>
      withClient(new EFSClient(config), (efs) =>
        collectPaged(paginateDescribeFileSystems({ client: efs }, {}), (p) => p.FileSystems, async (fs) => {
          const facts: ResourceFacts = { arn: fs.FileSystemArn!, resourceType: 'AWS::EFS::FileSystem', region: config.region, api: 'elasticfilesystem:DescribeFileSystemPolicy', errors: [] };
          facts.policy = await readOne(facts, 'DescribeFileSystemPolicy', ['PolicyNotFound'], async () => (await efs.send(new DescribeFileSystemPolicyCommand({ FileSystemId: fs.FileSystemId! }))).Policy);
          return facts;
        }),
      ),
  },
  {
    resourceType: 'AWS::DynamoDB::Table',
    service: 'dynamodb',
    read: (config) =>
      withClient(new DynamoDBClient(config), (ddb) =>
        collectPaged(paginateListTables({ client: ddb }, {}), (p) => p.TableNames, async (table) => {
          const facts: ResourceFacts = { arn: '', resourceType: 'AWS::DynamoDB::Table', region: config.region, api: 'dynamodb:GetResourcePolicy', errors: [] };
          const arn = await readOne(facts, 'DescribeTable', [], async () => (await ddb.send(new DescribeTableCommand({ TableName: table }))).Table?.TableArn);
          if (!arn) return facts.errors.length ? { ...facts, arn: `table ${table}` } : undefined;
          facts.arn = arn;
          facts.policy = await readOne(facts, 'GetResourcePolicy', ['PolicyNotFoundException', 'ResourceNotFoundException'], async () => (await ddb.send(new GetTablePolicyCommand({ ResourceArn: arn }))).Policy);
          return facts;
        }),
      ),
  },
  {
    resourceType: 'AWS::EC2::Snapshot',
    service: 'ec2',
    read: (config) =>
      withClient(new EC2Client(config), (ec2) =>
        collectPaged(paginateDescribeSnapshots({ client: ec2 }, { OwnerIds: ['self'] }), (p) => p.Snapshots, async (snap) => {
          const arn = `arn:aws:ec2:${config.region}:${snap.OwnerId}:snapshot/${snap.SnapshotId}`;
          const facts: ResourceFacts = { arn, resourceType: 'AWS::EC2::Snapshot', region: config.region, api: 'ec2:DescribeSnapshotAttribute', errors: [] };
          const perms = await readOne(facts, 'DescribeSnapshotAttribute', [], async () => (await ec2.send(new DescribeSnapshotAttributeCommand({ SnapshotId: snap.SnapshotId!, Attribute: 'createVolumePermission' }))).CreateVolumePermissions);
          const shared = (perms ?? []).map((p) => (p.Group === 'all' ? 'all' : p.UserId)).filter((v): v is string => !!v);
          return shared.length ? { ...facts, sharedWith: shared } : facts;
        }),
      ),
  },
  {
    resourceType: 'AWS::RDS::DBSnapshot',
    service: 'rds',
    read: (config) =>
      withClient(new RDSClient(config), (rds) =>
        collectPaged(paginateDescribeDBSnapshots({ client: rds }, { SnapshotType: 'manual' }), (p) => p.DBSnapshots, async (snap) => {
          const facts: ResourceFacts = { arn: snap.DBSnapshotArn!, resourceType: 'AWS::RDS::DBSnapshot', region: config.region, api: 'rds:DescribeDBSnapshotAttributes', errors: [] };
          const attrs = await readOne(facts, 'DescribeDBSnapshotAttributes', [], async () => (await rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: snap.DBSnapshotIdentifier! }))).DBSnapshotAttributesResult?.DBSnapshotAttributes);
          const shared = (attrs ?? []).filter((a) => a.AttributeName === 'restore').flatMap((a) => a.AttributeValues ?? []);
          return shared.length ? { ...facts, sharedWith: shared } : facts;
        }),
      ),
  },
];

/** Runs every reader for `target`'s region; a reader that fails as a whole is reported by service. */
export async function readPolicyResources(target: AwsTarget, readers: readonly PolicyResourceReader[] = POLICY_RESOURCE_READERS): Promise<{ resources: ResourceFacts[]; failures: { service: string; error: string }[] }> {
  const config = sdkClientConfig(target);
  const resources: ResourceFacts[] = [];
  const failures: { service: string; error: string }[] = [];
  for (const reader of readers) {
    try {
      resources.push(...(await reader.read(config)));
    } catch (err) {
      failures.push({ service: reader.service, error: `${errorName(err)}: ${(err as Error).message}` });
    }
  }
  return { resources, failures };
}
