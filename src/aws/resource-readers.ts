/**
 * Reads resource-based policies and public-access settings: S3 buckets (policy, Block Public
 * Access at bucket level, ACL grants) and customer-managed KMS keys (key policy). Each reader
 * returns plain data; a per-resource failure is reported, not thrown, so one AccessDenied bucket
 * never stops a collection.
 */
import { GetKeyPolicyCommand, KMSClient, paginateListKeys, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { GetBucketAclCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand, ListBucketsCommand, S3Client, GetBucketLocationCommand } from '@aws-sdk/client-s3';
import type { AclGrant, BlockPublicAccess } from '../model/snapshot/types.js';
import { sdkClientConfig, type AwsTarget } from './client-config.js';

export interface BucketFacts {
  name: string;
  region?: string;
  policy?: string;
  blockPublicAccess?: BlockPublicAccess;
  aclGrants: AclGrant[];
  ownerId?: string;
  errors: string[];
}

export interface KeyFacts {
  keyId: string;
  arn: string;
  policy?: string;
  errors: string[];
}

const name = (err: unknown) => (err as { name?: string }).name ?? 'Error';

/** Every bucket the caller can list, with what it can read of each. */
export async function readBuckets(target: AwsTarget): Promise<BucketFacts[]> {
  const s3 = new S3Client(sdkClientConfig(target));
  try {
    const listing = await s3.send(new ListBucketsCommand({}));
    const out: BucketFacts[] = [];
    for (const b of listing.Buckets ?? []) {
      const facts: BucketFacts = { name: b.Name!, aclGrants: [], errors: [], ownerId: listing.Owner?.ID };
      const attempt = async (what: string, fn: () => Promise<void>, absent: string[]) => {
        try {
          await fn();
        } catch (err) {
          if (!absent.includes(name(err))) facts.errors.push(`${what}: ${name(err)}`);
        }
      };
      await attempt('GetBucketLocation', async () => {
        facts.region = (await s3.send(new GetBucketLocationCommand({ Bucket: b.Name! }))).LocationConstraint || 'us-east-1';
      }, []);
      await attempt('GetBucketPolicy', async () => {
        facts.policy = (await s3.send(new GetBucketPolicyCommand({ Bucket: b.Name! }))).Policy;
      }, ['NoSuchBucketPolicy']);
      await attempt('GetPublicAccessBlock', async () => {
        const c = (await s3.send(new GetPublicAccessBlockCommand({ Bucket: b.Name! }))).PublicAccessBlockConfiguration;
        if (c) facts.blockPublicAccess = { blockPublicAcls: !!c.BlockPublicAcls, ignorePublicAcls: !!c.IgnorePublicAcls, blockPublicPolicy: !!c.BlockPublicPolicy, restrictPublicBuckets: !!c.RestrictPublicBuckets };
      }, ['NoSuchPublicAccessBlockConfiguration']);
      await attempt('GetBucketAcl', async () => {
        for (const g of (await s3.send(new GetBucketAclCommand({ Bucket: b.Name! }))).Grants ?? []) {
          const grantee = g.Grantee;
          facts.aclGrants.push({ granteeType: grantee?.Type ?? 'Unknown', grantee: grantee?.URI ?? grantee?.ID ?? grantee?.EmailAddress ?? '', permission: g.Permission ?? '' });
        }
      }, []);
      out.push(facts);
    }
    return out;
  } finally {
    s3.destroy();
  }
}

/** Customer-managed KMS keys of the region with their key policies. */
export async function readKeys(target: AwsTarget): Promise<KeyFacts[]> {
  const kms = new KMSClient(sdkClientConfig(target));
  try {
    const out: KeyFacts[] = [];
    for await (const page of paginateListKeys({ client: kms }, {})) {
      for (const k of page.Keys ?? []) {
        const facts: KeyFacts = { keyId: k.KeyId!, arn: k.KeyArn!, errors: [] };
        try {
          const meta = (await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId! }))).KeyMetadata;
          if (meta?.KeyManager === 'AWS') continue; // AWS-managed keys' policies are AWS's
          facts.policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: k.KeyId!, PolicyName: 'default' }))).Policy;
        } catch (err) {
          facts.errors.push(`GetKeyPolicy: ${name(err)}`);
        }
        out.push(facts);
      }
    }
    return out;
  } finally {
    kms.destroy();
  }
}
