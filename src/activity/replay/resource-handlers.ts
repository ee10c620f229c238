/**
 * Replay rows for resource-based policies (S3, KMS, SQS, SNS, Secrets Manager, ECR) and S3 Block
 * Public Access. A resource the snapshot did not list is added with what the event says, in the
 * account the event was recorded in.
 */
import type { PolicyDocumentJson, ResourcePolicyEntry } from '../../model/snapshot/types.js';
import { policyDocument, str } from './decode.js';
import type { HandlerContext, HandlerResult, ReplayHandler } from './types.js';

const missing = (what: string): HandlerResult => ({ changed: false, status: 'unknown-entity', note: `${what} missing from the request` });

/** The entry for `arn` in the account copy, created when absent. */
function resource(ctx: HandlerContext, arn: string, resourceType: string): ResourcePolicyEntry {
  const found = ctx.account.resources.find((r) => r.arn === arn);
  if (found) return ctx.own(ctx.account.resources, found);
  const entry: ResourcePolicyEntry = { arn, resourceType, accountId: ctx.account.accountId, region: ctx.event.awsRegion, origin: { api: `cloudtrail:${ctx.event.eventID}` } };
  ctx.account.resources.push(entry);
  return entry;
}

/** Sets (document) or removes (undefined) a resource policy; an unreadable document marks it uncertain. */
function setPolicy(ctx: HandlerContext, arn: string, resourceType: string, raw: unknown, remove: boolean): HandlerResult {
  const entry = resource(ctx, arn, resourceType);
  ctx.touch(arn);
  if (remove) {
    delete entry.policy;
    return { changed: true, note: `resource policy of ${arn} deleted` };
  }
  const document: PolicyDocumentJson | undefined = policyDocument(raw);
  if (!document) {
    ctx.uncertain(arn, 'new resource policy unreadable');
    return { changed: true, note: `resource policy of ${arn} replaced by an unreadable document (kept the old one)` };
  }
  entry.policy = document;
  return { changed: true, note: `resource policy of ${arn} set` };
}

const region = (ctx: HandlerContext) => ctx.event.awsRegion ?? 'us-east-1';
const ARN_RE = /^arn:/;

/** S3 and the other resource policies Cordon's exposure analyzer reads. */
export const RESOURCE_HANDLERS: readonly ReplayHandler[] = [
  ...(['PutBucketPolicy', 'DeleteBucketPolicy'] as const).map((eventName): ReplayHandler => ({
    eventSource: 's3.amazonaws.com', eventName, title: `${eventName.startsWith('Put') ? 'sets' : 'deletes'} a bucket policy`,
    apply(ctx) {
      const bucket = str(ctx.params, 'bucketName');
      if (!bucket) return missing('bucketName');
      return setPolicy(ctx, `arn:${ctx.partition}:s3:::${bucket}`, 'AWS::S3::Bucket', ctx.params.bucketPolicy, eventName === 'DeleteBucketPolicy');
    },
  })),
  ...(['PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock'] as const).map((eventName): ReplayHandler => ({
    eventSource: 's3.amazonaws.com', eventName, title: `${eventName.startsWith('Put') ? 'sets' : 'removes'} bucket-level Block Public Access`,
    apply(ctx) {
      const bucket = str(ctx.params, 'bucketName');
      if (!bucket) return missing('bucketName');
      const arn = `arn:${ctx.partition}:s3:::${bucket}`;
      const entry = resource(ctx, arn, 'AWS::S3::Bucket');
      ctx.touch(arn);
      const c = (ctx.params.PublicAccessBlockConfiguration ?? {}) as Record<string, unknown>;
      const on = (k: string) => c[k] === true || c[k] === 'true';
      if (eventName === 'DeleteBucketPublicAccessBlock') delete entry.blockPublicAccess;
      else entry.blockPublicAccess = { blockPublicAcls: on('BlockPublicAcls'), ignorePublicAcls: on('IgnorePublicAcls'), blockPublicPolicy: on('BlockPublicPolicy'), restrictPublicBuckets: on('RestrictPublicBuckets') };
      return { changed: true, note: `Block Public Access of ${arn} ${eventName.startsWith('Put') ? 'set' : 'removed'}` };
    },
  })),
  {
    eventSource: 'kms.amazonaws.com', eventName: 'PutKeyPolicy', title: 'replaces a KMS key policy',
    apply(ctx) {
      const keyId = str(ctx.params, 'keyId');
      if (!keyId) return missing('keyId');
      const arn = ARN_RE.test(keyId) ? keyId : `arn:${ctx.partition}:kms:${region(ctx)}:${ctx.account.accountId}:key/${keyId}`;
      return setPolicy(ctx, arn, 'AWS::KMS::Key', ctx.params.policy, false);
    },
  },
  {
    eventSource: 'sqs.amazonaws.com', eventName: 'SetQueueAttributes', title: 'sets queue attributes (its Policy among them)',
    apply(ctx) {
      const url = str(ctx.params, 'queueUrl');
      const attributes = (ctx.params.attributes ?? {}) as Record<string, unknown>;
      if (!url) return missing('queueUrl');
      if (!('Policy' in attributes)) return { changed: false, status: 'not-state-changing', note: 'no Policy attribute set' };
      const [account, name] = url.split('/').slice(-2);
      const arn = `arn:${ctx.partition}:sqs:${region(ctx)}:${account}:${name}`;
      return setPolicy(ctx, arn, 'AWS::SQS::Queue', attributes.Policy, attributes.Policy === '');
    },
  },
  {
    eventSource: 'sns.amazonaws.com', eventName: 'SetTopicAttributes', title: 'sets a topic attribute (its Policy among them)',
    apply(ctx) {
      const arn = str(ctx.params, 'topicArn');
      if (!arn) return missing('topicArn');
      if (ctx.params.attributeName !== 'Policy') return { changed: false, status: 'not-state-changing', note: 'attribute other than Policy' };
      return setPolicy(ctx, arn, 'AWS::SNS::Topic', ctx.params.attributeValue, false);
    },
  },
  ...(['PutResourcePolicy', 'DeleteResourcePolicy'] as const).map((eventName): ReplayHandler => ({
    eventSource: 'secretsmanager.amazonaws.com', eventName, title: `${eventName.startsWith('Put') ? 'sets' : 'deletes'} a secret's resource policy`,
    apply(ctx) {
      const secretId = str(ctx.params, 'secretId');
      if (!secretId) return missing('secretId');
      // A secret named by name: the ARN suffix is unknown, so match an existing entry by name first.
      const known = ctx.account.resources.find((r) => r.resourceType === 'AWS::SecretsManager::Secret' && (r.arn === secretId || r.arn.includes(`:secret:${secretId}-`)));
      const arn = known?.arn ?? (ARN_RE.test(secretId) ? secretId : `arn:${ctx.partition}:secretsmanager:${region(ctx)}:${ctx.account.accountId}:secret:${secretId}`);
      return setPolicy(ctx, arn, 'AWS::SecretsManager::Secret', ctx.params.resourcePolicy, eventName === 'DeleteResourcePolicy');
    },
  })),
  ...(['AddPermission20150331v2', 'RemovePermission20150331v2'] as const).map((eventName): ReplayHandler => ({
    eventSource: 'lambda.amazonaws.com', eventName, title: `${eventName.startsWith('Add') ? 'adds' : 'removes'} a statement of a function's resource policy`,
    apply(ctx) {
      const fn = str(ctx.params, 'functionName');
      const sid = str(ctx.params, 'statementId');
      if (!fn || !sid) return missing('functionName/statementId');
      // A name, a partial ARN (ACCOUNT:function:NAME) or a full ARN; qualifiers are dropped (the unqualified function is the one shared).
      const name = fn.split(':function:').pop()!.split(':')[0]!;
      const arn = `arn:${ctx.partition}:lambda:${region(ctx)}:${ctx.account.accountId}:function:${name}`;
      const entry = resource(ctx, arn, 'AWS::Lambda::Function');
      const statements = (Array.isArray(entry.policy?.Statement) ? entry.policy.Statement : []) as Record<string, unknown>[];
      const kept = statements.filter((st) => st.Sid !== sid);
      if (eventName.startsWith('Add')) kept.push(lambdaStatement(ctx, sid, arn));
      entry.policy = { Version: '2012-10-17', Id: 'default', Statement: kept };
      ctx.touch(arn);
      return { changed: true, note: `statement ${sid} ${eventName.startsWith('Add') ? 'added to' : 'removed from'} the policy of ${arn}` };
    },
  })),
  ...(['SetRepositoryPolicy', 'DeleteRepositoryPolicy'] as const).map((eventName): ReplayHandler => ({
    eventSource: 'ecr.amazonaws.com', eventName, title: `${eventName.startsWith('Set') ? 'sets' : 'deletes'} an ECR repository policy`,
    apply(ctx) {
      const name = str(ctx.params, 'repositoryName');
      if (!name) return missing('repositoryName');
      const account = str(ctx.params, 'registryId') ?? ctx.account.accountId;
      return setPolicy(ctx, `arn:${ctx.partition}:ecr:${region(ctx)}:${account}:repository/${name}`, 'AWS::ECR::Repository', ctx.params.policyText, eventName === 'DeleteRepositoryPolicy');
    },
  })),
];

/** The statement Lambda writes for AddPermission (principal as AWS expands it, conditions from the request). */
function lambdaStatement(ctx: HandlerContext, sid: string, arn: string): Record<string, unknown> {
  const principal = str(ctx.params, 'principal') ?? '*';
  const p = principal === '*' ? '*' : /^\d{12}$/.test(principal) ? { AWS: `arn:${ctx.partition}:iam::${principal}:root` } : principal.startsWith('arn:') ? { AWS: principal } : { Service: principal };
  const condition: Record<string, Record<string, string>> = {};
  const add = (op: string, key: string, value: string | undefined) => {
    if (value !== undefined) condition[op] = { ...condition[op], [key]: value };
  };
  add('ArnLike', 'AWS:SourceArn', str(ctx.params, 'sourceArn'));
  add('StringEquals', 'AWS:SourceAccount', str(ctx.params, 'sourceAccount'));
  add('StringEquals', 'aws:PrincipalOrgID', str(ctx.params, 'principalOrgID'));
  add('StringEquals', 'lambda:FunctionUrlAuthType', str(ctx.params, 'functionUrlAuthType'));
  return { Sid: sid, Effect: 'Allow', Principal: p, Action: str(ctx.params, 'action') ?? 'lambda:InvokeFunction', Resource: arn, ...(Object.keys(condition).length ? { Condition: condition } : {}) };
}
