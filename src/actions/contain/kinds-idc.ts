/**
 * Containment step kinds on S3 bucket policies (`--bucket-access`) and IAM Identity Center:
 * memberships and assignments removed, a deny statement in each permission set, provisioning.
 * Each declares its plan text, permissions, apply, undo and the same change as AWS CLI text.
 */
import type { PolicyDocumentJson } from '../../model/snapshot/types.js';
import { awsCommand } from '../aws-cli.js';
import type { UndoOutcome } from '../steps/step.js';
import { bucketDenyStatement, idcDenyStatement, withStatement, withoutStatement } from './deny-policy.js';
import type { ContainmentGateway } from './gateway.js';
import type { ContainKinds } from './handlers.js';

const done: UndoOutcome = { status: 'done' };
const json = (doc: unknown) => JSON.stringify(doc);

async function putMergedBucketStatement(gw: ContainmentGateway, bucket: string, statement: Record<string, unknown>): Promise<void> {
  const current = await gw.getBucketPolicy(bucket);
  await gw.putBucketPolicy(bucket, withStatement(current, statement));
}

async function removeBucketStatement(gw: ContainmentGateway, bucket: string, sid: string): Promise<void> {
  const current = await gw.getBucketPolicy(bucket);
  if (!current) return;
  const rest = withoutStatement(current, sid);
  if (rest) await gw.putBucketPolicy(bucket, rest);
  else await gw.deleteBucketPolicy(bucket);
}

/** The account assignment a step names, as the SSO Admin API takes it. */
const assignmentArgs = (s: { instanceArn: string; accountId: string; permissionSetArn: string; principalId: string }) => ({
  'instance-arn': s.instanceArn, 'target-id': s.accountId, 'target-type': 'AWS_ACCOUNT', 'permission-set-arn': s.permissionSetArn, 'principal-type': 'USER', 'principal-id': s.principalId,
});

type IdcAction = 'deny-in-bucket-policy' | 'remove-group-membership' | 'remove-account-assignment' | 'deny-in-permission-set' | 'provision-permission-set';

/** The bucket-policy and Identity Center kinds. */
export const IDC_KINDS: ContainKinds<IdcAction> = {
  'deny-in-bucket-policy': {
    describe: (s) => `s3:PutBucketPolicy ${s.bucket}: add statement ${s.sid} denying the principal s3:*`,
    permissions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
    apply: (s, { gateway }) => putMergedBucketStatement(gateway, s.bucket, bucketDenyStatement(s.sid, s.bucket, { arn: s.principalArn, idcUserId: s.idcUserId })),
    async undo(s, { gateway }) {
      await removeBucketStatement(gateway, s.bucket, s.sid);
      return done;
    },
    // The live policy is merged at apply time; the rendering shows the statement added to it.
    cli: (s, _j, t) => awsCommand('s3api', 'put-bucket-policy', { bucket: s.bucket, policy: json(withStatement(undefined, bucketDenyStatement(s.sid, s.bucket, { arn: s.principalArn, idcUserId: s.idcUserId }))) }, t),
    undoCli: (s, _j, t) => `# remove statement ${s.sid} from the policy of bucket ${s.bucket}: ${awsCommand('s3api', 'get-bucket-policy', { bucket: s.bucket }, t)}`,
  },
  'remove-group-membership': {
    describe: (s) => `identitystore:DeleteGroupMembership ${s.membershipId} (group ${s.groupId})`,
    permissions: ['identitystore:DeleteGroupMembership', 'identitystore:CreateGroupMembership', 'identitystore:GetGroupMembershipId'],
    apply: async (s, { gateway }) => ({ outcome: await gateway.deleteGroupMembership(s.identityStoreId, s.membershipId) }),
    async undo(s, { gateway }) {
      const existing = await gateway.findGroupMembership(s.identityStoreId, s.groupId, s.userId);
      if (existing) return done;
      const membershipId = await gateway.createGroupMembership(s.identityStoreId, s.groupId, s.userId);
      return { status: 'done', notes: [`membership in group ${s.groupId} recreated as ${membershipId} (membership ids change)`] };
    },
    cli: (s, _j, t) => awsCommand('identitystore', 'delete-group-membership', { 'identity-store-id': s.identityStoreId, 'membership-id': s.membershipId }, t),
    undoCli: (s, _j, t) => awsCommand('identitystore', 'create-group-membership', { 'identity-store-id': s.identityStoreId, 'group-id': s.groupId, 'member-id': json({ UserId: s.userId }) }, t),
  },
  'remove-account-assignment': {
    describe: (s) => `sso:DeleteAccountAssignment of ${s.permissionSetArn} in account ${s.accountId}`,
    permissions: ['sso:DeleteAccountAssignment', 'sso:CreateAccountAssignment', 'sso:ListAccountAssignments'],
    apply: (s, { gateway }) => gateway.deleteAccountAssignment(s.instanceArn, { accountId: s.accountId, permissionSetArn: s.permissionSetArn, principalType: 'USER', principalId: s.principalId }),
    async undo(s, { gateway }) {
      const assignment = { accountId: s.accountId, permissionSetArn: s.permissionSetArn, principalType: 'USER' as const, principalId: s.principalId };
      if (!(await gateway.hasAccountAssignment(s.instanceArn, assignment))) await gateway.createAccountAssignment(s.instanceArn, assignment);
      return done;
    },
    cli: (s, _j, t) => awsCommand('sso-admin', 'delete-account-assignment', assignmentArgs(s), t),
    undoCli: (s, _j, t) => awsCommand('sso-admin', 'create-account-assignment', assignmentArgs(s), t),
  },
  'deny-in-permission-set': {
    describe: (s) => `sso:PutInlinePolicyToPermissionSet ${s.permissionSetArn}: add statement ${s.sid} denying user ${s.userId}`,
    permissions: ['sso:GetInlinePolicyForPermissionSet', 'sso:PutInlinePolicyToPermissionSet', 'sso:DeleteInlinePolicyFromPermissionSet', 'sso:ProvisionPermissionSet'],
    async apply(s, { gateway }) {
      const current = await gateway.getPermissionSetInlinePolicy(s.instanceArn, s.permissionSetArn);
      await gateway.putPermissionSetInlinePolicy(s.instanceArn, s.permissionSetArn, withStatement(current, idcDenyStatement(s.sid, s.userId)));
      return { mergedIntoExisting: current !== undefined };
    },
    async undo(s, { gateway }) {
      const current: PolicyDocumentJson | undefined = await gateway.getPermissionSetInlinePolicy(s.instanceArn, s.permissionSetArn);
      if (!current) return done;
      const rest = withoutStatement(current, s.sid);
      if (rest) await gateway.putPermissionSetInlinePolicy(s.instanceArn, s.permissionSetArn, rest);
      else await gateway.deletePermissionSetInlinePolicy(s.instanceArn, s.permissionSetArn);
      await gateway.provisionPermissionSet(s.instanceArn, s.permissionSetArn);
      return done;
    },
    cli: (s, _j, t) => awsCommand('sso-admin', 'put-inline-policy-to-permission-set', { 'instance-arn': s.instanceArn, 'permission-set-arn': s.permissionSetArn, 'inline-policy': json(withStatement(undefined, idcDenyStatement(s.sid, s.userId))) }, t),
    undoCli: (s, _j, t) => `# remove statement ${s.sid} from the inline policy: ${awsCommand('sso-admin', 'get-inline-policy-for-permission-set', { 'instance-arn': s.instanceArn, 'permission-set-arn': s.permissionSetArn }, t)}`,
  },
  'provision-permission-set': {
    describe: (s) => `sso:ProvisionPermissionSet ${s.permissionSetArn} to all provisioned accounts`,
    permissions: ['sso:ProvisionPermissionSet', 'sso:DescribePermissionSetProvisioningStatus'],
    apply: (s, { gateway }) => gateway.provisionPermissionSet(s.instanceArn, s.permissionSetArn),
    // The undo of the deny statement provisions again; nothing of its own to undo.
    undo: async () => ({ status: 'skipped' }),
    cli: (s, _j, t) => awsCommand('sso-admin', 'provision-permission-set', { 'instance-arn': s.instanceArn, 'permission-set-arn': s.permissionSetArn, 'target-type': 'ALL_PROVISIONED_ACCOUNTS' }, t),
    undoCli: () => '# nothing to undo: undoing the deny statement provisions again',
  },
};
