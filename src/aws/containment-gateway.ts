/**
 * The SDK implementation of `ContainmentGateway`: IAM, S3 bucket policies, sso-admin and
 * identitystore, every client built from the CLI's global flags (`sdkClientConfig`).
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { DeleteBucketPolicyCommand, GetBucketPolicyCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { BucketPolicyRecord } from '../actions/contain/config.js';
import type { ContainmentGateway, DeleteOutcome } from '../actions/contain/gateway.js';
import { sdkClientConfig, type AwsTarget } from './client-config.js';
import { IamContainment } from './contain-iam.js';
import { IdcContainment } from './contain-idc.js';
import { call, callOrAbsent, decodeDocument } from './contain-errors.js';

/** Builds the gateway for the account and endpoint the global flags name. */
export function createContainmentGateway(target: AwsTarget): ContainmentGateway {
  const config = sdkClientConfig(target);
  const iam = new IamContainment(new IAMClient(config));
  const idc = new IdcContainment(new SSOAdminClient(config), new IdentitystoreClient(config));
  const s3 = new S3Client(config);

  const getBucketPolicy = async (bucket: string) => {
    const r = await callOrAbsent('s3:GetBucketPolicy', () => s3.send(new GetBucketPolicyCommand({ Bucket: bucket })));
    return decodeDocument(r?.Policy);
  };
  const bucketPolicies = async (buckets: readonly string[]): Promise<BucketPolicyRecord[]> =>
    Promise.all([...buckets].sort().map(async (bucket) => {
      const policy = await getBucketPolicy(bucket);
      return policy ? { bucket, policy } : { bucket };
    }));
  const deleted = (v: unknown): DeleteOutcome => (v ? 'deleted' : 'absent');

  const sts = new STSClient(config);
  return {
    callerArn: async () => (await call('sts:GetCallerIdentity', () => sts.send(new GetCallerIdentityCommand({})))).Arn ?? '',
    readIamUser: async (name, buckets) => ({ ...(await iam.readUser(name)), bucketPolicies: await bucketPolicies(buckets) }),
    readIamRole: async (name, buckets) => ({ ...(await iam.readRole(name)), bucketPolicies: await bucketPolicies(buckets) }),
    discoverIdc: () => idc.discover(),
    readIdcUser: async (location, name, buckets) => ({ ...(await idc.readUser(location, name)), bucketPolicies: await bucketPolicies(buckets) }),
    getPermissionSetInlinePolicy: (instanceArn, arn) => idc.getInlinePolicy(instanceArn, arn),
    getBucketPolicy,
    findGroupMembership: (storeId, groupId, userId) => idc.findGroupMembership(storeId, groupId, userId),
    hasAccountAssignment: (instanceArn, a) => idc.hasAssignment(instanceArn, a),

    updateAccessKey: (u, k, s) => iam.updateAccessKey(u, k, s),
    deleteLoginProfile: (u) => iam.deleteLoginProfile(u),
    createLoginProfile: (u, p, r) => iam.createLoginProfile(u, p, r),
    deactivateMfaDevice: (u, s) => iam.deactivateMfaDevice(u, s),
    putUserPolicy: (u, n, d) => iam.putUserPolicy(u, n, d),
    deleteUserPolicy: (u, n) => iam.deleteUserPolicy(u, n),
    tagUser: (u, t) => iam.tagUser(u, t),
    untagUser: (u, k) => iam.untagUser(u, k),
    putRolePolicy: (r, n, d) => iam.putRolePolicy(r, n, d),
    deleteRolePolicy: (r, n) => iam.deleteRolePolicy(r, n),
    tagRole: (r, t) => iam.tagRole(r, t),
    untagRole: (r, k) => iam.untagRole(r, k),

    putBucketPolicy: async (bucket, document) => {
      await call('s3:PutBucketPolicy', () => s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(document) })));
    },
    deleteBucketPolicy: async (bucket) => deleted(await callOrAbsent('s3:DeleteBucketPolicy', () => s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket })))),

    deleteGroupMembership: (storeId, id) => idc.deleteMembership(storeId, id),
    createGroupMembership: (storeId, groupId, userId) => idc.createMembership(storeId, groupId, userId),
    deleteAccountAssignment: (instanceArn, a) => idc.deleteAssignment(instanceArn, a),
    createAccountAssignment: (instanceArn, a) => idc.createAssignment(instanceArn, a),
    putPermissionSetInlinePolicy: (instanceArn, arn, d) => idc.putInlinePolicy(instanceArn, arn, d),
    deletePermissionSetInlinePolicy: (instanceArn, arn) => idc.deleteInlinePolicy(instanceArn, arn),
    provisionPermissionSet: (instanceArn, arn) => idc.provision(instanceArn, arn),
  };
}
