/**
 * The SDK implementation of `RemediationGateway`: IAM (trust policies, managed policies,
 * attachments, access keys) and S3 bucket policies, clients built from the CLI's global flags.
 */
import {
  AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreatePolicyCommand, DeletePolicyCommand, DetachGroupPolicyCommand,
  DetachRolePolicyCommand, DetachUserPolicyCommand, GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, IAMClient, ListAccessKeysCommand,
  paginateListAttachedGroupPolicies, paginateListAttachedRolePolicies, paginateListAttachedUserPolicies, UpdateAccessKeyCommand, UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { DeleteBucketPolicyCommand, GetBucketPolicyCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import type { PolicyDocument, PrincipalKind, RemediationGateway } from '../actions/remediate/gateway.js';
import { sdkClientConfig, type AwsTarget } from './client-config.js';
import { call, callOrAbsent, decodeDocument } from './contain-errors.js';

export function createRemediationGateway(target: AwsTarget): RemediationGateway {
  const config = sdkClientConfig(target);
  const iam = new IAMClient(config);
  const s3 = new S3Client(config);
  const text = (doc: PolicyDocument) => JSON.stringify(doc);
  return {
    async getRoleTrustPolicy(roleName) {
      const role = await call('iam:GetRole', () => iam.send(new GetRoleCommand({ RoleName: roleName })));
      return decodeDocument(role.Role?.AssumeRolePolicyDocument) ?? {};
    },
    updateRoleTrustPolicy: async (roleName, document) => void (await call('iam:UpdateAssumeRolePolicy', () => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: text(document) })))),
    async getBucketPolicy(bucket) {
      const r = await callOrAbsent('s3:GetBucketPolicy', () => s3.send(new GetBucketPolicyCommand({ Bucket: bucket })));
      return decodeDocument(r?.Policy);
    },
    putBucketPolicy: async (bucket, document) => void (await call('s3:PutBucketPolicy', () => s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: text(document) })))),
    deleteBucketPolicy: async (bucket) => void (await callOrAbsent('s3:DeleteBucketPolicy', () => s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket })))),
    async getManagedPolicy(policyArn) {
      const p = await callOrAbsent('iam:GetPolicy', () => iam.send(new GetPolicyCommand({ PolicyArn: policyArn })));
      if (!p?.Policy) return undefined;
      const v = await call('iam:GetPolicyVersion', () => iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: p.Policy!.DefaultVersionId! })));
      return decodeDocument(v.PolicyVersion?.Document) ?? {};
    },
    createPolicy: async (name, document, description) => void (await call('iam:CreatePolicy', () => iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: text(document), Description: description })))),
    deletePolicy: async (policyArn) => void (await callOrAbsent('iam:DeletePolicy', () => iam.send(new DeletePolicyCommand({ PolicyArn: policyArn })))),
    async attachedPolicies(kind: PrincipalKind, name: string) {
      const out: string[] = [];
      if (kind === 'user') for await (const p of paginateListAttachedUserPolicies({ client: iam }, { UserName: name })) out.push(...(p.AttachedPolicies ?? []).map((a) => a.PolicyArn!));
      else if (kind === 'role') for await (const p of paginateListAttachedRolePolicies({ client: iam }, { RoleName: name })) out.push(...(p.AttachedPolicies ?? []).map((a) => a.PolicyArn!));
      else for await (const p of paginateListAttachedGroupPolicies({ client: iam }, { GroupName: name })) out.push(...(p.AttachedPolicies ?? []).map((a) => a.PolicyArn!));
      return out;
    },
    async attachPolicy(kind, name, policyArn) {
      if (kind === 'user') await call('iam:AttachUserPolicy', () => iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: policyArn })));
      else if (kind === 'role') await call('iam:AttachRolePolicy', () => iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn })));
      else await call('iam:AttachGroupPolicy', () => iam.send(new AttachGroupPolicyCommand({ GroupName: name, PolicyArn: policyArn })));
    },
    async detachPolicy(kind, name, policyArn) {
      if (kind === 'user') await callOrAbsent('iam:DetachUserPolicy', () => iam.send(new DetachUserPolicyCommand({ UserName: name, PolicyArn: policyArn })));
      else if (kind === 'role') await callOrAbsent('iam:DetachRolePolicy', () => iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn })));
      else await callOrAbsent('iam:DetachGroupPolicy', () => iam.send(new DetachGroupPolicyCommand({ GroupName: name, PolicyArn: policyArn })));
    },
    async accessKeyStatus(userName, accessKeyId) {
      const keys = await call('iam:ListAccessKeys', () => iam.send(new ListAccessKeysCommand({ UserName: userName })));
      const k = keys.AccessKeyMetadata?.find((m) => m.AccessKeyId === accessKeyId);
      return k?.Status === 'Active' || k?.Status === 'Inactive' ? k.Status : undefined;
    },
    setAccessKeyStatus: async (userName, accessKeyId, status) => void (await call('iam:UpdateAccessKey', () => iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId, Status: status })))),
    close() {
      iam.destroy();
      s3.destroy();
    },
  };
}
