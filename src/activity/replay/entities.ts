/**
 * Finding and creating IAM entities inside the writable account copy of a replay step. ARNs are
 * built the way IAM builds them (`arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`).
 */
import { bundledManagedPolicy, BUNDLED_POLICY_REFERENCE } from '../../catalog/aws-managed-policies.js';
import type { IamGroup, IamRole, IamUser, ManagedPolicy } from '../../model/snapshot/types.js';
import type { HandlerContext } from './types.js';

/** The IAM ARN of an entity of `kind` with `path` and `name`. */
export function iamArn(ctx: HandlerContext, kind: 'user' | 'role' | 'group' | 'policy', name: string, path = '/'): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return `arn:${ctx.partition}:iam::${ctx.account.accountId}:${kind}${p.endsWith('/') ? p : `${p}/`}${name}`;
}

// Every finder hands out the step's own copy (`ctx.own`): handlers edit what they find in place.

/** The user named by `userName`, or (IAM's default for key and password calls) the calling user. */
export function findUser(ctx: HandlerContext, name: string | undefined): IamUser | undefined {
  const userName = name ?? (ctx.event.userIdentity?.type === 'IAMUser' ? ctx.event.userIdentity.userName : undefined);
  const user = userName === undefined ? undefined : ctx.account.users.find((u) => u.name === userName);
  return user && ctx.own(ctx.account.users, user);
}

export function findRole(ctx: HandlerContext, name: string | undefined): IamRole | undefined {
  const role = name === undefined ? undefined : ctx.account.roles.find((r) => r.name === name);
  return role && ctx.own(ctx.account.roles, role);
}

export function findGroup(ctx: HandlerContext, name: string | undefined): IamGroup | undefined {
  const group = name === undefined ? undefined : ctx.account.groups.find((g) => g.name === name);
  return group && ctx.own(ctx.account.groups, group);
}

export function findPolicy(ctx: HandlerContext, arn: string | undefined): ManagedPolicy | undefined {
  const policy = arn === undefined ? undefined : ctx.account.policies.find((p) => p.arn === arn);
  return policy && ctx.own(ctx.account.policies, policy);
}

/**
 * Makes sure a managed policy referenced by an attachment or boundary is in the account: AWS-managed
 * ones come from the bundled copy; a customer policy Cordon has never seen is added with
 * `documentStatus: 'unknown'` and the entity is marked uncertain (analyses report, never assume empty).
 */
export function ensurePolicy(ctx: HandlerContext, arn: string, holder: string): void {
  if (findPolicy(ctx, arn)) return;
  const bundled = bundledManagedPolicy(arn);
  if (bundled) {
    ctx.account.policies.push({
      arn, name: bundled.name, path: '/', defaultVersionId: bundled.versionId, isAwsManaged: true, documentStatus: 'bundled',
      versions: [{ versionId: bundled.versionId, isDefault: true, document: bundled.document }], origin: { file: `${BUNDLED_POLICY_REFERENCE}${bundled.name}.html` },
    });
    return;
  }
  ctx.account.policies.push({ arn, name: arn.slice(arn.lastIndexOf('/') + 1), path: '/', versions: [], isAwsManaged: arn.split(':')[4] === 'aws', documentStatus: 'unknown', origin: { api: `cloudtrail:${ctx.event.eventName}` } });
  ctx.uncertain(holder, `policy ${arn} is not in the snapshot`);
  ctx.uncertain(arn, 'document unknown');
}

/** Principal kinds that carry inline and attached policies, by the CloudTrail parameter naming them. */
export function policyHolder(ctx: HandlerContext, kind: 'User' | 'Role' | 'Group'): IamUser | IamRole | IamGroup | undefined {
  if (kind === 'User') return findUser(ctx, typeof ctx.params.userName === 'string' ? ctx.params.userName : undefined);
  if (kind === 'Role') return findRole(ctx, typeof ctx.params.roleName === 'string' ? ctx.params.roleName : undefined);
  return findGroup(ctx, typeof ctx.params.groupName === 'string' ? ctx.params.groupName : undefined);
}
