/**
 * Remediation's steps as step-machine kinds (../steps/): plan text, IAM permissions, the state
 * read before (journaled so undo can restore it), apply and undo (both idempotent: a step already
 * in place is a no-op, so a resumed plan never duplicates), and the same change as AWS CLI text.
 */
import { awsCommand, type CliTarget } from '../aws-cli.js';
import { kindLookup, type StepTable } from '../steps/step.js';
import { hasSid, withoutStatement, withStatement } from './documents.js';
import type { PolicyDocument, RemediationGateway } from './gateway.js';
import type { RemediationStep } from './plan.js';

/** The step kinds of remediation: the context is the gateway, the renderer `aws`. */
export type RemediationKinds = StepTable<RemediationStep, 'kind', RemediationGateway, CliTarget>;

const json = (doc: unknown) => JSON.stringify(doc);
const sidOf = (s: { statement: { Sid?: unknown } }) => s.statement.Sid as string;
const restrictDescription = (policyName: string) => `Cordon remediation: explicit Deny for finding ${policyName.slice('cordon-restrict-'.length)}`;
const done = { status: 'done' as const };

/** Every remediation step kind. */
export const REMEDIATION_KINDS: RemediationKinds = {
  AddTrustPolicyDeny: {
    describe: (s) => `iam:UpdateAssumeRolePolicy ${s.roleName}: add Deny statement ${sidOf(s)}`,
    permissions: ['iam:GetRole', 'iam:UpdateAssumeRolePolicy'],
    before: (s, gw) => gw.getRoleTrustPolicy(s.roleName),
    async apply(s, gw) {
      const current = await gw.getRoleTrustPolicy(s.roleName);
      if (!hasSid(current, sidOf(s))) await gw.updateRoleTrustPolicy(s.roleName, withStatement(current, s.statement));
    },
    async undo(s, gw, before) {
      const current = await gw.getRoleTrustPolicy(s.roleName);
      if (hasSid(current, sidOf(s))) await gw.updateRoleTrustPolicy(s.roleName, withoutStatement(current, sidOf(s), before as PolicyDocument) ?? (before as PolicyDocument));
      return done;
    },
    resolve: (s, before) => ({ ...s, document: withStatement(before as PolicyDocument, s.statement) }),
    cli: (s, _j, t) => awsCommand('iam', 'update-assume-role-policy', { 'role-name': s.roleName, 'policy-document': json(s.document) }, t),
    undoCli: (s, j, t) => awsCommand('iam', 'update-assume-role-policy', { 'role-name': s.roleName, 'policy-document': json(j.before) }, t),
  },
  AddBucketPolicyDeny: {
    describe: (s) => `s3:PutBucketPolicy ${s.bucket}: add Deny statement ${sidOf(s)}`,
    permissions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
    before: async (s, gw) => (await gw.getBucketPolicy(s.bucket)) ?? null,
    async apply(s, gw) {
      const current = await gw.getBucketPolicy(s.bucket);
      if (!hasSid(current, sidOf(s))) await gw.putBucketPolicy(s.bucket, withStatement(current, s.statement));
    },
    async undo(s, gw, before) {
      const current = await gw.getBucketPolicy(s.bucket);
      if (!hasSid(current, sidOf(s))) return done;
      const rest = withoutStatement(current, sidOf(s), before as PolicyDocument | null);
      if (rest) await gw.putBucketPolicy(s.bucket, rest);
      else await gw.deleteBucketPolicy(s.bucket);
      return done;
    },
    resolve: (s, before) => ({ ...s, document: withStatement((before as PolicyDocument | null) ?? undefined, s.statement) }),
    cli: (s, _j, t) => awsCommand('s3api', 'put-bucket-policy', { bucket: s.bucket, policy: json(s.document) }, t),
    undoCli: (s, j, t) => (j.before ? awsCommand('s3api', 'put-bucket-policy', { bucket: s.bucket, policy: json(j.before) }, t) : awsCommand('s3api', 'delete-bucket-policy', { bucket: s.bucket }, t)),
  },
  CreateDenyPolicy: {
    describe: (s) => `iam:CreatePolicy ${s.policyName}`,
    permissions: ['iam:CreatePolicy', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:DeletePolicy'],
    before: async (s, gw) => ({ existed: (await gw.getManagedPolicy(s.policyArn)) !== undefined }),
    async apply(s, gw) {
      if ((await gw.getManagedPolicy(s.policyArn)) === undefined) await gw.createPolicy(s.policyName, s.document, restrictDescription(s.policyName));
    },
    async undo(s, gw, before) {
      if (!(before as { existed?: boolean } | undefined)?.existed) await gw.deletePolicy(s.policyArn);
      return done;
    },
    cli: (s, _j, t) => awsCommand('iam', 'create-policy', { 'policy-name': s.policyName, 'policy-document': json(s.document), description: restrictDescription(s.policyName) }, t),
    undoCli: (s, _j, t) => awsCommand('iam', 'delete-policy', { 'policy-arn': s.policyArn }, t),
  },
  AttachPolicy: {
    describe: (s) => `iam:Attach${s.principalKind[0]!.toUpperCase()}${s.principalKind.slice(1)}Policy ${s.policyArn} to ${s.principalKind} ${s.principalName}`,
    permissions: ['iam:AttachUserPolicy', 'iam:AttachRolePolicy', 'iam:AttachGroupPolicy', 'iam:DetachUserPolicy', 'iam:DetachRolePolicy', 'iam:DetachGroupPolicy', 'iam:ListAttachedUserPolicies', 'iam:ListAttachedRolePolicies', 'iam:ListAttachedGroupPolicies'],
    before: async (s, gw) => ({ attached: (await gw.attachedPolicies(s.principalKind, s.principalName)).includes(s.policyArn) }),
    async apply(s, gw) {
      if (!(await gw.attachedPolicies(s.principalKind, s.principalName)).includes(s.policyArn)) await gw.attachPolicy(s.principalKind, s.principalName, s.policyArn);
    },
    async undo(s, gw, before) {
      if (!(before as { attached?: boolean } | undefined)?.attached) await gw.detachPolicy(s.principalKind, s.principalName, s.policyArn);
      return done;
    },
    cli: (s, _j, t) => awsCommand('iam', `attach-${s.principalKind}-policy`, { [`${s.principalKind}-name`]: s.principalName, 'policy-arn': s.policyArn }, t),
    undoCli: (s, _j, t) => awsCommand('iam', `detach-${s.principalKind}-policy`, { [`${s.principalKind}-name`]: s.principalName, 'policy-arn': s.policyArn }, t),
  },
  DeactivateAccessKey: {
    describe: (s) => `iam:UpdateAccessKey ${s.accessKeyId} of user ${s.userName} to Inactive`,
    permissions: ['iam:ListAccessKeys', 'iam:UpdateAccessKey'],
    before: async (s, gw) => ({ status: await gw.accessKeyStatus(s.userName, s.accessKeyId) }),
    async apply(s, gw) {
      if ((await gw.accessKeyStatus(s.userName, s.accessKeyId)) === 'Active') await gw.setAccessKeyStatus(s.userName, s.accessKeyId, 'Inactive');
    },
    async undo(s, gw, before) {
      if ((before as { status?: string } | undefined)?.status === 'Active') await gw.setAccessKeyStatus(s.userName, s.accessKeyId, 'Active');
      return done;
    },
    cli: (s, _j, t) => awsCommand('iam', 'update-access-key', { 'user-name': s.userName, 'access-key-id': s.accessKeyId, status: 'Inactive' }, t),
    undoCli: (s, _j, t) => awsCommand('iam', 'update-access-key', { 'user-name': s.userName, 'access-key-id': s.accessKeyId, status: 'Active' }, t),
  },
};

/** The kind of a remediation step. */
export const remediationKind = kindLookup<RemediationStep, 'kind', RemediationGateway, CliTarget>(REMEDIATION_KINDS, 'kind');
