/**
 * S3 adapter for CloudTrail logs: list one "folder" (prefix with `/` delimiter, all pages) and get
 * one object's bytes. The walk and parsing live in `activity/readers`; this file only talks to S3.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { AwsCallError } from '../model/errors.js';
import type { AwsTarget } from './client-config.js';
import { sdkClientConfig } from './client-config.js';

/** One object of a listing. */
export interface S3ObjectInfo {
  key: string;
  size?: number;
  etag?: string;
}

/** The two S3 calls the CloudTrail readers need. */
export interface S3TrailObjects {
  /** Sub-prefixes and objects directly under `prefix` (ending in `/` or empty). */
  listFolder(bucket: string, prefix: string): Promise<{ prefixes: string[]; objects: S3ObjectInfo[] }>;
  getObject(bucket: string, key: string): Promise<Buffer>;
}

/** Real S3 through the SDK (`--profile/--region/--endpoint-url` honoured). */
export function s3TrailObjects(target: AwsTarget = {}): S3TrailObjects {
  const client = new S3Client(sdkClientConfig(target));
  return {
    async listFolder(bucket, prefix) {
      const prefixes: string[] = [];
      const objects: S3ObjectInfo[] = [];
      let token: string | undefined;
      do {
        const out = await call('s3:ListObjectsV2', () => client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token })));
        for (const p of out.CommonPrefixes ?? []) if (p.Prefix) prefixes.push(p.Prefix);
        for (const o of out.Contents ?? []) if (o.Key && !o.Key.endsWith('/')) objects.push({ key: o.Key, size: o.Size, etag: o.ETag });
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
      return { prefixes, objects };
    },
    async getObject(bucket, key) {
      const out = await call('s3:GetObject', () => client.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
      if (!out.Body) return Buffer.alloc(0);
      return Buffer.from(await out.Body.transformToByteArray());
    },
  };
}

async function call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new AwsCallError(operation, (err as Error).message, { cause: err });
  }
}
