/**
 * Replay rows for IAM events that create or delete identities and their credentials: users, roles,
 * groups, memberships, access keys, login profiles, trust policies, instance profiles and tags.
 */
import { policyDocument, str, tagList } from './decode.js';
import { ensurePolicy, findGroup, findRole, findUser, iamArn } from './entities.js';
import type { HandlerContext, HandlerResult, ReplayHandler } from './types.js';

const IAM = 'iam.amazonaws.com';
const missing = (what: string): HandlerResult => ({ changed: false, status: 'unknown-entity', note: `${what} is not in the snapshot` });
const stamp = (ctx: HandlerContext) => ({ api: `cloudtrail:${ctx.event.eventID}` });

/** Users, roles and groups appearing and disappearing, with memberships and credentials. */
export const LIFECYCLE_HANDLERS: readonly ReplayHandler[] = [
  {
    eventSource: IAM, eventName: 'CreateUser', title: 'creates a user',
    apply(ctx) {
      const name = str(ctx.params, 'userName');
      if (!name) return missing('userName');
      const arn = iamArn(ctx, 'user', name, str(ctx.params, 'path'));
      ctx.account.users = ctx.account.users.filter((u) => u.name !== name);
      const boundary = str(ctx.params, 'permissionsBoundary');
      ctx.account.users.push({ kind: 'user', arn, name, path: str(ctx.params, 'path') ?? '/', createDate: ctx.event.eventTime, tags: tagList(ctx.params.tags), inlinePolicies: [], attachedPolicyArns: [], groupNames: [], accessKeys: [], mfaDevices: [], origin: stamp(ctx), ...(boundary ? { permissionsBoundaryArn: boundary } : {}) });
      if (boundary) ensurePolicy(ctx, boundary, arn);
      ctx.touch(arn);
      return { changed: true, note: `user ${arn} created` };
    },
  },
  {
    eventSource: IAM, eventName: 'DeleteUser', title: 'deletes a user',
    apply(ctx) {
      const user = findUser(ctx, str(ctx.params, 'userName'));
      if (!user) return missing(`user ${String(ctx.params.userName)}`);
      ctx.account.users = ctx.account.users.filter((u) => u !== user);
      ctx.touch(user.arn);
      return { changed: true, note: `user ${user.arn} deleted` };
    },
  },
  {
    eventSource: IAM, eventName: 'CreateRole', title: 'creates a role with its trust policy',
    apply(ctx) {
      const name = str(ctx.params, 'roleName');
      if (!name) return missing('roleName');
      const path = str(ctx.params, 'path') ?? '/';
      const arn = iamArn(ctx, 'role', name, path);
      const trustPolicy = policyDocument(ctx.params.assumeRolePolicyDocument);
      // No readable trust: the role exists but nobody is known to reach it; say so.
      if (!trustPolicy) ctx.uncertain(arn, 'trust policy unreadable');
      const boundary = str(ctx.params, 'permissionsBoundary');
      ctx.account.roles = ctx.account.roles.filter((r) => r.name !== name);
      ctx.account.roles.push({
        kind: 'role', arn, name, path, createDate: ctx.event.eventTime, tags: tagList(ctx.params.tags), inlinePolicies: [], attachedPolicyArns: [],
        trustPolicy: trustPolicy ?? { Version: '2012-10-17', Statement: [] }, instanceProfileArns: [], serviceLinked: path.startsWith('/aws-service-role/'), origin: stamp(ctx),
        ...(boundary ? { permissionsBoundaryArn: boundary } : {}), ...(str(ctx.params, 'description') ? { description: str(ctx.params, 'description') } : {}),
      });
      if (boundary) ensurePolicy(ctx, boundary, arn);
      ctx.touch(arn);
      return { changed: true, note: `role ${arn} created` };
    },
  },
  {
    eventSource: IAM, eventName: 'DeleteRole', title: 'deletes a role',
    apply(ctx) {
      const role = findRole(ctx, str(ctx.params, 'roleName'));
      if (!role) return missing(`role ${String(ctx.params.roleName)}`);
      ctx.account.roles = ctx.account.roles.filter((r) => r !== role);
      ctx.touch(role.arn);
      return { changed: true, note: `role ${role.arn} deleted` };
    },
  },
  {
    eventSource: IAM, eventName: 'UpdateAssumeRolePolicy', title: 'replaces the trust policy of a role',
    apply(ctx) {
      const role = findRole(ctx, str(ctx.params, 'roleName'));
      if (!role) return missing(`role ${String(ctx.params.roleName)}`);
      const document = policyDocument(ctx.params.policyDocument);
      ctx.touch(role.arn);
      if (!document) {
        ctx.uncertain(role.arn, 'new trust policy unreadable');
        return { changed: true, note: `trust policy of ${role.arn} replaced by an unreadable document (kept the old one)` };
      }
      role.trustPolicy = document;
      return { changed: true, note: `trust policy of ${role.arn} replaced` };
    },
  },
  {
    eventSource: IAM, eventName: 'CreateGroup', title: 'creates a group',
    apply(ctx) {
      const name = str(ctx.params, 'groupName');
      if (!name) return missing('groupName');
      const arn = iamArn(ctx, 'group', name, str(ctx.params, 'path'));
      ctx.account.groups = ctx.account.groups.filter((g) => g.name !== name);
      ctx.account.groups.push({ kind: 'group', arn, name, path: str(ctx.params, 'path') ?? '/', createDate: ctx.event.eventTime, inlinePolicies: [], attachedPolicyArns: [], origin: stamp(ctx) });
      ctx.touch(arn);
      return { changed: true, note: `group ${arn} created` };
    },
  },
  {
    eventSource: IAM, eventName: 'DeleteGroup', title: 'deletes a group',
    apply(ctx) {
      const group = findGroup(ctx, str(ctx.params, 'groupName'));
      if (!group) return missing(`group ${String(ctx.params.groupName)}`);
      ctx.account.groups = ctx.account.groups.filter((g) => g !== group);
      ctx.touch(group.arn);
      return { changed: true, note: `group ${group.arn} deleted` };
    },
  },
  ...(['AddUserToGroup', 'RemoveUserFromGroup'] as const).map((eventName): ReplayHandler => ({
    eventSource: IAM, eventName, title: eventName === 'AddUserToGroup' ? 'adds a user to a group' : 'removes a user from a group',
    apply(ctx) {
      const user = findUser(ctx, str(ctx.params, 'userName'));
      const groupName = str(ctx.params, 'groupName');
      if (!user || !groupName) return missing(`user ${String(ctx.params.userName)}`);
      const group = findGroup(ctx, groupName);
      if (!group) ctx.uncertain(user.arn, `group ${groupName} is not in the snapshot`);
      user.groupNames = user.groupNames.filter((g) => g !== groupName);
      if (eventName === 'AddUserToGroup') user.groupNames.push(groupName);
      ctx.touch(user.arn);
      return { changed: true, note: `${user.arn} ${eventName === 'AddUserToGroup' ? 'added to' : 'removed from'} group ${groupName}` };
    },
  })),
  {
    eventSource: IAM, eventName: 'CreateAccessKey', title: 'creates an access key for a user',
    apply(ctx) {
      const user = findUser(ctx, str(ctx.params, 'userName'));
      if (!user) return missing(`user ${String(ctx.params.userName ?? ctx.event.userIdentity?.userName)}`);
      const key = (ctx.event.responseElements?.accessKey ?? {}) as Record<string, unknown>;
      const id = typeof key.accessKeyId === 'string' ? key.accessKeyId : `unknown-${ctx.event.eventID}`;
      user.accessKeys = [...user.accessKeys.filter((k) => k.accessKeyId !== id), { accessKeyId: id, status: 'Active', createDate: ctx.event.eventTime }];
      ctx.touch(user.arn);
      return { changed: true, note: `access key ${id} created for ${user.arn}` };
    },
  },
  {
    eventSource: IAM, eventName: 'DeleteAccessKey', title: 'deletes an access key',
    apply(ctx) {
      const user = findUser(ctx, str(ctx.params, 'userName'));
      const id = str(ctx.params, 'accessKeyId');
      if (!user || !id) return missing(`user ${String(ctx.params.userName ?? ctx.event.userIdentity?.userName)}`);
      user.accessKeys = user.accessKeys.filter((k) => k.accessKeyId !== id);
      ctx.touch(user.arn);
      return { changed: true, note: `access key ${id} of ${user.arn} deleted` };
    },
  },
  ...(['CreateLoginProfile', 'UpdateLoginProfile', 'DeleteLoginProfile'] as const).map((eventName): ReplayHandler => ({
    eventSource: IAM, eventName, title: `${eventName.slice(0, 6).toLowerCase()}s the console password of a user`,
    apply(ctx) {
      const user = findUser(ctx, str(ctx.params, 'userName'));
      if (!user) return missing(`user ${String(ctx.params.userName)}`);
      ctx.touch(user.arn);
      if (eventName === 'DeleteLoginProfile') delete user.loginProfile;
      else user.loginProfile = { createDate: user.loginProfile?.createDate ?? ctx.event.eventTime, passwordResetRequired: ctx.params.passwordResetRequired === true };
      const by = ctx.event.userIdentity?.arn ?? 'unknown actor';
      return { changed: true, note: `console password of ${user.arn} ${eventName === 'DeleteLoginProfile' ? 'deleted' : 'set'} by ${by}` };
    },
  })),
  ...(['AddRoleToInstanceProfile', 'RemoveRoleFromInstanceProfile'] as const).map((eventName): ReplayHandler => ({
    eventSource: IAM, eventName, title: eventName === 'AddRoleToInstanceProfile' ? 'puts a role in an instance profile' : 'takes a role out of an instance profile',
    apply(ctx) {
      const role = findRole(ctx, str(ctx.params, 'roleName'));
      const profile = str(ctx.params, 'instanceProfileName');
      if (!role || !profile) return missing(`role ${String(ctx.params.roleName)}`);
      const arn = `arn:${ctx.partition}:iam::${ctx.account.accountId}:instance-profile/${profile}`;
      role.instanceProfileArns = role.instanceProfileArns.filter((a) => !a.endsWith(`:instance-profile/${profile}`) && !a.endsWith(`/${profile}`));
      if (eventName === 'AddRoleToInstanceProfile') role.instanceProfileArns.push(arn);
      ctx.touch(role.arn);
      return { changed: true, note: `${role.arn} ${eventName === 'AddRoleToInstanceProfile' ? 'added to' : 'removed from'} ${arn}` };
    },
  })),
  ...(['TagUser', 'UntagUser', 'TagRole', 'UntagRole'] as const).map((eventName): ReplayHandler => ({
    eventSource: IAM, eventName, title: `${eventName.startsWith('Tag') ? 'adds' : 'removes'} tags (they decide ABAC conditions)`,
    apply(ctx) {
      const holder = eventName.endsWith('User') ? findUser(ctx, str(ctx.params, 'userName')) : findRole(ctx, str(ctx.params, 'roleName'));
      if (!holder) return missing(`${eventName.endsWith('User') ? 'user' : 'role'}`);
      const tags = { ...holder.tags };
      if (eventName.startsWith('Tag')) Object.assign(tags, tagList(ctx.params.tags));
      else for (const k of Array.isArray(ctx.params.tagKeys) ? ctx.params.tagKeys : []) if (typeof k === 'string') delete tags[k];
      holder.tags = tags;
      ctx.touch(holder.arn);
      return { changed: true, note: `tags of ${holder.arn} changed` };
    },
  })),
];
