/**
 * Containment step kinds on IAM users and roles: credentials off, a deny-all policy cutting
 * sessions issued before it, tags. Each declares its plan text, IAM permissions, apply, undo
 * (restoring what the initial configuration recorded) and the same change as AWS CLI text.
 */
import { awsCommand } from '../aws-cli.js';
import type { UndoOutcome } from '../steps/step.js';
import type { PrincipalConfiguration } from './config.js';
import { roleDenyDocument, userDenyDocument } from './deny-policy.js';
import type { ContainKinds } from './handlers.js';

const done: UndoOutcome = { status: 'done' };
/** The session cut-off a deny policy was written with (journaled), or a placeholder before it ran. */
const cutOff = (result: Record<string, unknown> | undefined) => String(result?.revokeSessionsBefore ?? '<time of apply>');
const json = (doc: unknown) => JSON.stringify(doc);
const tagList = (tags: Record<string, string>) => json(Object.keys(tags).sort().map((Key) => ({ Key, Value: tags[Key] })));

function formatTags(tags: Record<string, string>): string {
  return Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join(',');
}

function initialTags(initial: PrincipalConfiguration): Record<string, string> {
  return initial.type === 'idc-user' ? {} : initial.tags;
}

/** Removes the tags containment added and puts back the values they replaced. */
async function undoTags(tags: Record<string, string>, initial: Record<string, string>, retag: (t: Record<string, string>) => Promise<void>, untag: (k: string[]) => Promise<void>): Promise<void> {
  const restore: Record<string, string> = {};
  const remove: string[] = [];
  for (const key of Object.keys(tags).sort()) {
    if (key in initial) restore[key] = initial[key]!;
    else remove.push(key);
  }
  if (remove.length > 0) await untag(remove);
  if (Object.keys(restore).length > 0) await retag(restore);
}

type IamAction = 'deactivate-access-key' | 'delete-login-profile' | 'deactivate-mfa-device' | 'put-user-deny-policy' | 'put-role-deny-policy' | 'tag-user' | 'tag-role';

/** The IAM user and role kinds. */
export const IAM_KINDS: ContainKinds<IamAction> = {
  'deactivate-access-key': {
    describe: (s) => `iam:UpdateAccessKey ${s.accessKeyId} of user ${s.userName} to Inactive`,
    permissions: ['iam:UpdateAccessKey'],
    apply: (s, { gateway }) => gateway.updateAccessKey(s.userName, s.accessKeyId, 'Inactive'),
    async undo(s, ctx) {
      if (!ctx.reactivateKeys) {
        return { status: 'unrestorable', notes: [`access key ${s.accessKeyId} left Inactive: a compromised key should be replaced (aws iam create-access-key --user-name ${s.userName}, then delete ${s.accessKeyId}); pass --reactivate-keys to turn it back on anyway`] };
      }
      await ctx.gateway.updateAccessKey(s.userName, s.accessKeyId, 'Active');
      return { status: 'done', notes: [`access key ${s.accessKeyId} reactivated: it was exposed, rotate it as soon as possible`] };
    },
    cli: (s, _j, t) => awsCommand('iam', 'update-access-key', { 'user-name': s.userName, 'access-key-id': s.accessKeyId, status: 'Inactive' }, t),
    undoCli: (s, _j, t) => awsCommand('iam', 'update-access-key', { 'user-name': s.userName, 'access-key-id': s.accessKeyId, status: 'Active' }, t),
  },
  'delete-login-profile': {
    describe: (s) => `iam:DeleteLoginProfile of user ${s.userName} (console password)`,
    permissions: ['iam:DeleteLoginProfile', 'iam:CreateLoginProfile'],
    apply: async (s, { gateway }) => ({ outcome: await gateway.deleteLoginProfile(s.userName) }),
    async undo(s, ctx) {
      if (!ctx.newPassword) {
        return { status: 'unrestorable', notes: [`console password of ${s.userName} was deleted and cannot be restored: rerun release with --recreate-login-profile (a new temporary password, reset required at first sign-in) or run aws iam create-login-profile --user-name ${s.userName} --password-reset-required --password <new>`] };
      }
      const password = ctx.newPassword();
      await ctx.gateway.createLoginProfile(s.userName, password, true);
      ctx.onPassword?.(s.userName, password);
      return { status: 'done', notes: [`console password of ${s.userName} recreated with a new temporary password that must be changed at first sign-in (shown once, never recorded)`] };
    },
    cli: (s, _j, t) => awsCommand('iam', 'delete-login-profile', { 'user-name': s.userName }, t),
    undoCli: (s, _j, t) => awsCommand('iam', 'create-login-profile', { 'user-name': s.userName, 'password-reset-required': true, password: '<new temporary password>' }, t),
  },
  'deactivate-mfa-device': {
    describe: (s) => `iam:DeactivateMFADevice ${s.serialNumber} of user ${s.userName}`,
    permissions: ['iam:DeactivateMFADevice'],
    apply: async (s, { gateway }) => ({ outcome: await gateway.deactivateMfaDevice(s.userName, s.serialNumber) }),
    undo: async (s) => ({
      status: 'unrestorable',
      notes: [`MFA device ${s.serialNumber} must be re-enabled with two consecutive codes from the device: aws iam enable-mfa-device --user-name ${s.userName} --serial-number ${s.serialNumber} --authentication-code1 <code> --authentication-code2 <next code>`],
    }),
    cli: (s, _j, t) => awsCommand('iam', 'deactivate-mfa-device', { 'user-name': s.userName, 'serial-number': s.serialNumber }, t),
    undoCli: (s, _j, t) => awsCommand('iam', 'enable-mfa-device', { 'user-name': s.userName, 'serial-number': s.serialNumber, 'authentication-code1': '<code>', 'authentication-code2': '<next code>' }, t),
  },
  'put-user-deny-policy': {
    describe: (s) => `iam:PutUserPolicy ${s.policyName} on user ${s.userName}: deny all to sessions issued before now and to long-term keys`,
    permissions: ['iam:PutUserPolicy', 'iam:DeleteUserPolicy'],
    async apply(s, { gateway, now }) {
      const revokeSessionsBefore = now();
      await gateway.putUserPolicy(s.userName, s.policyName, userDenyDocument(revokeSessionsBefore));
      return { revokeSessionsBefore };
    },
    async undo(s, { gateway }) {
      await gateway.deleteUserPolicy(s.userName, s.policyName);
      return done;
    },
    cli: (s, j, t) => awsCommand('iam', 'put-user-policy', { 'user-name': s.userName, 'policy-name': s.policyName, 'policy-document': json(userDenyDocument(cutOff(j.result))) }, t),
    undoCli: (s, _j, t) => awsCommand('iam', 'delete-user-policy', { 'user-name': s.userName, 'policy-name': s.policyName }, t),
  },
  'put-role-deny-policy': {
    describe: (s) => `iam:PutRolePolicy ${s.policyName} on role ${s.roleName}: deny all to sessions issued before now (AWSRevokeOlderSessions shape)`,
    permissions: ['iam:PutRolePolicy', 'iam:DeleteRolePolicy'],
    async apply(s, { gateway, now }) {
      const revokeSessionsBefore = now();
      await gateway.putRolePolicy(s.roleName, s.policyName, roleDenyDocument(revokeSessionsBefore));
      return { revokeSessionsBefore };
    },
    async undo(s, { gateway }) {
      await gateway.deleteRolePolicy(s.roleName, s.policyName);
      return done;
    },
    cli: (s, j, t) => awsCommand('iam', 'put-role-policy', { 'role-name': s.roleName, 'policy-name': s.policyName, 'policy-document': json(roleDenyDocument(cutOff(j.result))) }, t),
    undoCli: (s, _j, t) => awsCommand('iam', 'delete-role-policy', { 'role-name': s.roleName, 'policy-name': s.policyName }, t),
  },
  'tag-user': {
    describe: (s) => `iam:TagUser ${s.userName} with ${formatTags(s.tags)}`,
    permissions: ['iam:TagUser', 'iam:UntagUser'],
    apply: (s, { gateway }) => gateway.tagUser(s.userName, s.tags),
    async undo(s, { gateway, initial }) {
      await undoTags(s.tags, initialTags(initial), (t) => gateway.tagUser(s.userName, t), (k) => gateway.untagUser(s.userName, k));
      return done;
    },
    cli: (s, _j, t) => awsCommand('iam', 'tag-user', { 'user-name': s.userName, tags: tagList(s.tags) }, t),
    undoCli: (s, _j, t) => awsCommand('iam', 'untag-user', { 'user-name': s.userName, 'tag-keys': json(Object.keys(s.tags).sort()) }, t),
  },
  'tag-role': {
    describe: (s) => `iam:TagRole ${s.roleName} with ${formatTags(s.tags)}`,
    permissions: ['iam:TagRole', 'iam:UntagRole'],
    apply: (s, { gateway }) => gateway.tagRole(s.roleName, s.tags),
    async undo(s, { gateway, initial }) {
      await undoTags(s.tags, initialTags(initial), (t) => gateway.tagRole(s.roleName, t), (k) => gateway.untagRole(s.roleName, k));
      return done;
    },
    cli: (s, _j, t) => awsCommand('iam', 'tag-role', { 'role-name': s.roleName, tags: tagList(s.tags) }, t),
    undoCli: (s, _j, t) => awsCommand('iam', 'untag-role', { 'role-name': s.roleName, 'tag-keys': json(Object.keys(s.tags).sort()) }, t),
  },
};
