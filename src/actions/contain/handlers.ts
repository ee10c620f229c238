/**
 * How each step runs and how release undoes it: one table entry per step action. Undo always
 * restores the value recorded in the initial configuration, so undoing a step that never ran (or
 * ran twice) is harmless — that is what lets release work from any partial report.
 */
import type { PolicyDocumentJson } from '../../model/snapshot/types.js';
import type { PrincipalConfiguration } from './config.js';
import { bucketDenyStatement, idcDenyStatement, roleDenyDocument, userDenyDocument, withStatement, withoutStatement } from './deny-policy.js';
import type { ContainmentGateway } from './gateway.js';
import type { StepAction, StepSpec } from './steps.js';

/** What a step needs while running. */
export interface StepContext {
  gateway: ContainmentGateway;
  /** Injected clock (ISO time). */
  now: () => string;
  initial: PrincipalConfiguration;
}

/** Release options that change how steps are undone. */
export interface UndoContext extends StepContext {
  reactivateKeys: boolean;
  /** Set when the responder asked to recreate the console password (it is never recorded). */
  newPassword?: () => string;
  /** Receives a recreated password so the CLI can show it once. */
  onPassword?: (userName: string, password: string) => void;
}

/** What undoing one step achieved. */
export interface UndoOutcome {
  status: 'done' | 'skipped' | 'unrestorable';
  notes?: string[];
}

interface Handler<S extends StepSpec> {
  run(spec: S, ctx: StepContext): Promise<Record<string, unknown> | void>;
  undo(spec: S, ctx: UndoContext): Promise<UndoOutcome>;
}

type HandlerTable = { [A in StepAction]: Handler<Extract<StepSpec, { action: A }>> };

const done: UndoOutcome = { status: 'done' };

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

function initialTags(initial: PrincipalConfiguration): Record<string, string> {
  return initial.type === 'idc-user' ? {} : initial.tags;
}

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

/** Run and undo, per step action. */
export const STEP_HANDLERS: HandlerTable = {
  'deactivate-access-key': {
    run: (s, { gateway }) => gateway.updateAccessKey(s.userName, s.accessKeyId, 'Inactive'),
    async undo(s, ctx) {
      if (!ctx.reactivateKeys) {
        return { status: 'unrestorable', notes: [`access key ${s.accessKeyId} left Inactive: a compromised key should be replaced (aws iam create-access-key --user-name ${s.userName}, then delete ${s.accessKeyId}); pass --reactivate-keys to turn it back on anyway`] };
      }
      await ctx.gateway.updateAccessKey(s.userName, s.accessKeyId, 'Active');
      return { status: 'done', notes: [`access key ${s.accessKeyId} reactivated: it was exposed, rotate it as soon as possible`] };
    },
  },
  'delete-login-profile': {
    run: async (s, { gateway }) => ({ outcome: await gateway.deleteLoginProfile(s.userName) }),
    async undo(s, ctx) {
      if (!ctx.newPassword) {
        return { status: 'unrestorable', notes: [`console password of ${s.userName} was deleted and cannot be restored: rerun release with --recreate-login-profile (a new temporary password, reset required at first sign-in) or run aws iam create-login-profile --user-name ${s.userName} --password-reset-required --password <new>`] };
      }
      const password = ctx.newPassword();
      await ctx.gateway.createLoginProfile(s.userName, password, true);
      ctx.onPassword?.(s.userName, password);
      return { status: 'done', notes: [`console password of ${s.userName} recreated with a new temporary password that must be changed at first sign-in (shown once, never recorded)`] };
    },
  },
  'deactivate-mfa-device': {
    run: async (s, { gateway }) => ({ outcome: await gateway.deactivateMfaDevice(s.userName, s.serialNumber) }),
    undo: async (s) => ({
      status: 'unrestorable',
      notes: [`MFA device ${s.serialNumber} must be re-enabled with two consecutive codes from the device: aws iam enable-mfa-device --user-name ${s.userName} --serial-number ${s.serialNumber} --authentication-code1 <code> --authentication-code2 <next code>`],
    }),
  },
  'put-user-deny-policy': {
    async run(s, { gateway, now }) {
      const revokeSessionsBefore = now();
      await gateway.putUserPolicy(s.userName, s.policyName, userDenyDocument(revokeSessionsBefore));
      return { revokeSessionsBefore };
    },
    async undo(s, { gateway }) {
      await gateway.deleteUserPolicy(s.userName, s.policyName);
      return done;
    },
  },
  'put-role-deny-policy': {
    async run(s, { gateway, now }) {
      const revokeSessionsBefore = now();
      await gateway.putRolePolicy(s.roleName, s.policyName, roleDenyDocument(revokeSessionsBefore));
      return { revokeSessionsBefore };
    },
    async undo(s, { gateway }) {
      await gateway.deleteRolePolicy(s.roleName, s.policyName);
      return done;
    },
  },
  'tag-user': {
    run: (s, { gateway }) => gateway.tagUser(s.userName, s.tags),
    async undo(s, { gateway, initial }) {
      await undoTags(s.tags, initialTags(initial), (t) => gateway.tagUser(s.userName, t), (k) => gateway.untagUser(s.userName, k));
      return done;
    },
  },
  'tag-role': {
    run: (s, { gateway }) => gateway.tagRole(s.roleName, s.tags),
    async undo(s, { gateway, initial }) {
      await undoTags(s.tags, initialTags(initial), (t) => gateway.tagRole(s.roleName, t), (k) => gateway.untagRole(s.roleName, k));
      return done;
    },
  },
  'deny-in-bucket-policy': {
    run: (s, { gateway }) => putMergedBucketStatement(gateway, s.bucket, bucketDenyStatement(s.sid, s.bucket, { arn: s.principalArn, idcUserId: s.idcUserId })),
    async undo(s, { gateway }) {
      await removeBucketStatement(gateway, s.bucket, s.sid);
      return done;
    },
  },
  'remove-group-membership': {
    run: async (s, { gateway }) => ({ outcome: await gateway.deleteGroupMembership(s.identityStoreId, s.membershipId) }),
    async undo(s, { gateway }) {
      const existing = await gateway.findGroupMembership(s.identityStoreId, s.groupId, s.userId);
      if (existing) return done;
      const membershipId = await gateway.createGroupMembership(s.identityStoreId, s.groupId, s.userId);
      return { status: 'done', notes: [`membership in group ${s.groupId} recreated as ${membershipId} (membership ids change)`] };
    },
  },
  'remove-account-assignment': {
    run: (s, { gateway }) => gateway.deleteAccountAssignment(s.instanceArn, { accountId: s.accountId, permissionSetArn: s.permissionSetArn, principalType: 'USER', principalId: s.principalId }),
    async undo(s, { gateway }) {
      const assignment = { accountId: s.accountId, permissionSetArn: s.permissionSetArn, principalType: 'USER' as const, principalId: s.principalId };
      if (!(await gateway.hasAccountAssignment(s.instanceArn, assignment))) await gateway.createAccountAssignment(s.instanceArn, assignment);
      return done;
    },
  },
  'deny-in-permission-set': {
    async run(s, { gateway }) {
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
  },
  'provision-permission-set': {
    run: (s, { gateway }) => gateway.provisionPermissionSet(s.instanceArn, s.permissionSetArn),
    // The undo of the deny statement provisions again; nothing of its own to undo.
    undo: async () => ({ status: 'skipped' }),
  },
};

/** Runs one step through the table. */
export async function runStep(spec: StepSpec, ctx: StepContext): Promise<Record<string, unknown> | undefined> {
  const handler = STEP_HANDLERS[spec.action] as Handler<StepSpec>;
  return (await handler.run(spec, ctx)) ?? undefined;
}

/** Undoes one step through the table. */
export function undoStep(spec: StepSpec, ctx: UndoContext): Promise<UndoOutcome> {
  return (STEP_HANDLERS[spec.action] as Handler<StepSpec>).undo(spec, ctx);
}
