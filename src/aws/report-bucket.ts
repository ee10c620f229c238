/**
 * Containment reports in an S3 bucket. Before the first write the bucket is checked: it must not
 * be public (Block Public Access, bucket policy, ACL — see `publicReasons`); a bucket that does
 * not exist is created private (ACLs disabled, every Block Public Access setting on, SSE-S3).
 */
import {
  CreateBucketCommand, GetBucketAclCommand, GetBucketPolicyCommand, GetObjectCommand, GetPublicAccessBlockCommand, HeadBucketCommand,
  ListObjectsV2Command, PutBucketEncryptionCommand, PutObjectCommand, PutPublicAccessBlockCommand, S3Client, type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { isReportKey } from '../actions/report/key.js';
import { publicReasons, type BucketExposure } from '../actions/report/public-check.js';
import { parseReport } from '../actions/report/report.js';
import type { ReportSink } from '../actions/report/sink.js';
import { RefusedError } from '../model/errors.js';
import { sdkClientConfig, type AwsTarget } from './client-config.js';
import { call, callOrAbsent, decodeDocument, isNotFound } from './contain-errors.js';

/** Reads what decides whether `bucket` is public. */
export async function readBucketExposure(s3: S3Client, bucket: string): Promise<BucketExposure> {
  const [bpa, policy, acl] = await Promise.all([
    callOrAbsent('s3:GetPublicAccessBlock', async () => {
      try {
        return await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchPublicAccessBlockConfiguration') return undefined;
        throw err;
      }
    }),
    callOrAbsent('s3:GetBucketPolicy', () => s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))),
    call('s3:GetBucketAcl', () => s3.send(new GetBucketAclCommand({ Bucket: bucket }))),
  ]);
  const c = bpa?.PublicAccessBlockConfiguration;
  return {
    bucket,
    ...(c ? { blockPublicAccess: { blockPublicAcls: !!c.BlockPublicAcls, ignorePublicAcls: !!c.IgnorePublicAcls, blockPublicPolicy: !!c.BlockPublicPolicy, restrictPublicBuckets: !!c.RestrictPublicBuckets } } : {}),
    ...(policy?.Policy ? { policy: decodeDocument(policy.Policy) } : {}),
    aclGrants: (acl.Grants ?? []).map((g) => ({ grantee: g.Grantee?.URI ?? g.Grantee?.ID ?? '', permission: g.Permission ?? '' })),
  };
}

/** A report sink over an S3 bucket. */
export function bucketReportSink(bucket: string, target: AwsTarget): ReportSink {
  const config = sdkClientConfig(target);
  const s3 = new S3Client(config);
  const checkedKey = (key: string) => {
    if (!isReportKey(key)) throw new RefusedError(`report key \`${key.slice(0, 120)}\` does not have the layout yyyy/mm/dd/hh/mi/<execution-id>.json`);
    return key;
  };
  let prepared = false;
  return {
    locate: (key) => `s3://${bucket}/${key}`,
    async prepare() {
      if (prepared) return;
      let exists = true;
      try {
        await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (err) {
        const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (!isNotFound(err) && status !== 404) await call('s3:HeadBucket', () => Promise.reject(err));
        exists = false;
      }
      if (!exists) {
        const location = config.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: config.region as BucketLocationConstraint } };
        await call('s3:CreateBucket', () => s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectOwnership: 'BucketOwnerEnforced', ...location })));
        await call('s3:PutPublicAccessBlock', () =>
          s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } })),
        );
        await call('s3:PutBucketEncryption', () =>
          s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } })),
        );
      } else {
        const reasons = publicReasons(await readBucketExposure(s3, bucket));
        if (reasons.length > 0) {
          throw new RefusedError(`report bucket \`${bucket}\` is public; refusing to write a report there`, reasons.map((message) => ({ message, file: `s3://${bucket}` })));
        }
      }
      prepared = true;
    },
    async write(key, report) {
      await call('s3:PutObject', () =>
        s3.send(new PutObjectCommand({ Bucket: bucket, Key: checkedKey(key), Body: `${JSON.stringify(report, null, 2)}\n`, ContentType: 'application/json', ServerSideEncryption: 'AES256' })),
      );
    },
    async read(key) {
      const r = await callOrAbsent('s3:GetObject', async () => {
        try {
          return await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        } catch (err) {
          if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
          throw err;
        }
      });
      if (!r?.Body) return undefined;
      return parseReport(await r.Body.transformToString(), `s3://${bucket}/${key}`);
    },
    async find(executionId) {
      let ContinuationToken: string | undefined;
      const suffix = `/${executionId}.json`;
      do {
        const page = await call('s3:ListObjectsV2', () => s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken })));
        const hit = (page.Contents ?? []).map((o) => o.Key ?? '').find((k) => k.endsWith(suffix) && isReportKey(k));
        if (hit) return hit;
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return undefined;
    },
  };
}
