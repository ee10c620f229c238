/**
 * IAM side of the containment gateway: reads a user's or role's whole configuration (in
 * parallel) and performs the IAM mutations. Never reads or returns a secret.
 */
import {
  DeactivateMFADeviceCommand, DeleteLoginProfileCommand, DeleteRolePolicyCommand, DeleteUserPolicyCommand, GetLoginProfileCommand,
  GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, GetRolePolicyCommand, GetUserCommand, GetUserPolicyCommand, IAMClient,
  ListAccessKeysCommand, ListAttachedRolePoliciesCommand, ListAttachedUserPoliciesCommand, ListGroupsForUserCommand, ListMFADevicesCommand,
  ListRolePoliciesCommand, ListRoleTagsCommand, ListUserPoliciesCommand, ListUserTagsCommand, PutRolePolicyCommand, PutUserPolicyCommand,
  TagRoleCommand, TagUserCommand, UntagRoleCommand, UntagUserCommand, UpdateAccessKeyCommand, CreateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import type { IamRoleConfiguration, IamUserConfiguration, InlinePolicyRecord, ManagedPolicyRecord } from '../actions/contain/config.js';
import type { DeleteOutcome } from '../actions/contain/gateway.js';
import { call, callOrAbsent, decodeDocument } from './contain-errors.js';

/** Follows IAM's Marker/IsTruncated pagination. */
async function allPages<T>(operation: string, fetch: (marker?: string) => Promise<{ items: T[]; marker?: string; truncated?: boolean }>): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await call(operation, () => fetch(marker));
    out.push(...page.items);
    if (!page.truncated || !page.marker) break;
    marker = page.marker;
  }
  return out;
}

const tagMap = (tags: { Key?: string; Value?: string }[] | undefined) => Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']).sort(([a], [b]) => a!.localeCompare(b!)));
const accountOf = (arn: string) => arn.split(':')[4] ?? '';
const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

/** IAM reads and writes for containment. */
export class IamContainment {
  constructor(private readonly iam: IAMClient) {}

  private async managed(list: { PolicyArn?: string; PolicyName?: string }[]): Promise<ManagedPolicyRecord[]> {
    const records = await Promise.all(
      list.map(async (p) => {
        const arn = p.PolicyArn ?? '';
        const policy = await callOrAbsent('iam:GetPolicy', () => this.iam.send(new GetPolicyCommand({ PolicyArn: arn })));
        const versionId = policy?.Policy?.DefaultVersionId;
        const version = versionId ? await callOrAbsent('iam:GetPolicyVersion', () => this.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }))) : undefined;
        const document = decodeDocument(version?.PolicyVersion?.Document);
        return { arn, name: p.PolicyName ?? arn.split('/').pop() ?? arn, ...(document ? { document } : {}) };
      }),
    );
    return records.sort((a, b) => a.arn.localeCompare(b.arn));
  }

  private async inline(names: string[], get: (name: string) => Promise<string | undefined>): Promise<InlinePolicyRecord[]> {
    const records = await Promise.all(names.map(async (name) => ({ name, document: decodeDocument(await get(name)) ?? {} })));
    return records.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Reads everything recorded about a user. */
  async readUser(userName: string): Promise<Omit<IamUserConfiguration, 'bucketPolicies'>> {
    const iam = this.iam;
    const got = await call('iam:GetUser', () => iam.send(new GetUserCommand({ UserName: userName })));
    const user = got.User!;
    const [inlineNames, attached, groups, keys, login, mfa, tags] = await Promise.all([
      allPages('iam:ListUserPolicies', async (Marker) => { const r = await iam.send(new ListUserPoliciesCommand({ UserName: userName, Marker })); return { items: r.PolicyNames ?? [], marker: r.Marker, truncated: r.IsTruncated }; }),
      allPages('iam:ListAttachedUserPolicies', async (Marker) => { const r = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName, Marker })); return { items: r.AttachedPolicies ?? [], marker: r.Marker, truncated: r.IsTruncated }; }),
      allPages('iam:ListGroupsForUser', async (Marker) => { const r = await iam.send(new ListGroupsForUserCommand({ UserName: userName, Marker })); return { items: r.Groups ?? [], marker: r.Marker, truncated: r.IsTruncated }; }),
      allPages('iam:ListAccessKeys', async (Marker) => { const r = await iam.send(new ListAccessKeysCommand({ UserName: userName, Marker })); return { items: r.AccessKeyMetadata ?? [], marker: r.Marker, truncated: r.IsTruncated }; }),
      callOrAbsent('iam:GetLoginProfile', () => iam.send(new GetLoginProfileCommand({ UserName: userName }))),
      allPages('iam:ListMFADevices', async (Marker) => { const r = await iam.send(new ListMFADevicesCommand({ UserName: userName, Marker })); return { items: r.MFADevices ?? [], marker: r.Marker, truncated: r.IsTruncated }; }),
      allPages('iam:ListUserTags', async (Marker) => { const r = await iam.send(new ListUserTagsCommand({ UserName: userName, Marker })); return { items: r.Tags ?? [], marker: r.Marker, truncated: r.IsTruncated }; }),
    ]);
    const [inlinePolicies, managedPolicies] = await Promise.all([
      this.inline(inlineNames, async (name) => (await call('iam:GetUserPolicy', () => iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: name })))).PolicyDocument),
      this.managed(attached),
    ]);
    const profile = login?.LoginProfile;
    return {
      type: 'iam-user',
      arn: user.Arn!,
      accountId: accountOf(user.Arn!),
      userName: user.UserName ?? userName,
      userId: user.UserId ?? '',
      path: user.Path ?? '/',
      inlinePolicies,
      managedPolicies,
      groups: groups.map((g) => g.GroupName ?? '').sort(),
      accessKeys: keys.map((k) => ({ accessKeyId: k.AccessKeyId!, status: k.Status === 'Inactive' ? ('Inactive' as const) : ('Active' as const), ...(k.CreateDate ? { createDate: iso(k.CreateDate) } : {}) })).sort((a, b) => a.accessKeyId.localeCompare(b.accessKeyId)),
      loginProfile: profile ? { exists: true, createDate: iso(profile.CreateDate), passwordResetRequired: profile.PasswordResetRequired ?? false } : { exists: false },
      mfaDevices: mfa.map((d) => ({ serialNumber: d.SerialNumber!, enableDate: iso(d.EnableDate), virtual: (d.SerialNumber ?? '').startsWith('arn:') })).sort((a, b) => a.serialNumber.localeCompare(b.serialNumber)),
      tags: tagMap(tags),
      ...(user.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundaryArn: user.PermissionsBoundary.PermissionsBoundaryArn } : {}),
    };
  }

  /** Reads everything recorded about a role. */
  async readRole(roleName: string): Promise<Omit<IamRoleConfiguration, 'bucketPolicies'>> {
    const iam = this.iam;
    const got = await call('iam:GetRole', () => iam.send(new GetRoleCommand({ RoleName: roleName })));
    const role = got.Role!;
    const [inlineNames, attached, tags] = await Promise.all([
      allPages('iam:ListRolePolicies', async (Marker) => { const r = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker })); return { items: r.PolicyNames ?? [], marker: r.Marker, truncated: r.IsTruncated }; }),
      allPages('iam:ListAttachedRolePolicies', async (Marker) => { const r = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker })); return { items: r.AttachedPolicies ?? [], marker: r.Marker, truncated: r.IsTruncated }; }),
      allPages('iam:ListRoleTags', async (Marker) => { const r = await iam.send(new ListRoleTagsCommand({ RoleName: roleName, Marker })); return { items: r.Tags ?? [], marker: r.Marker, truncated: r.IsTruncated }; }),
    ]);
    const [inlinePolicies, managedPolicies] = await Promise.all([
      this.inline(inlineNames, async (name) => (await call('iam:GetRolePolicy', () => iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name })))).PolicyDocument),
      this.managed(attached),
    ]);
    return {
      type: 'iam-role',
      arn: role.Arn!,
      accountId: accountOf(role.Arn!),
      roleName: role.RoleName ?? roleName,
      roleId: role.RoleId ?? '',
      path: role.Path ?? '/',
      trustPolicy: decodeDocument(role.AssumeRolePolicyDocument) ?? {},
      inlinePolicies,
      managedPolicies,
      tags: tagMap(tags),
      ...(role.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundaryArn: role.PermissionsBoundary.PermissionsBoundaryArn } : {}),
    };
  }

  async updateAccessKey(userName: string, accessKeyId: string, status: 'Active' | 'Inactive'): Promise<void> {
    await call('iam:UpdateAccessKey', () => this.iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId, Status: status })));
  }
  async deleteLoginProfile(userName: string): Promise<DeleteOutcome> {
    return (await callOrAbsent('iam:DeleteLoginProfile', () => this.iam.send(new DeleteLoginProfileCommand({ UserName: userName })))) ? 'deleted' : 'absent';
  }
  async createLoginProfile(userName: string, password: string, passwordResetRequired: boolean): Promise<void> {
    await call('iam:CreateLoginProfile', () => this.iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: password, PasswordResetRequired: passwordResetRequired })));
  }
  async deactivateMfaDevice(userName: string, serialNumber: string): Promise<DeleteOutcome> {
    return (await callOrAbsent('iam:DeactivateMFADevice', () => this.iam.send(new DeactivateMFADeviceCommand({ UserName: userName, SerialNumber: serialNumber })))) ? 'deleted' : 'absent';
  }
  async putUserPolicy(userName: string, policyName: string, document: object): Promise<void> {
    await call('iam:PutUserPolicy', () => this.iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: policyName, PolicyDocument: JSON.stringify(document) })));
  }
  async deleteUserPolicy(userName: string, policyName: string): Promise<DeleteOutcome> {
    return (await callOrAbsent('iam:DeleteUserPolicy', () => this.iam.send(new DeleteUserPolicyCommand({ UserName: userName, PolicyName: policyName })))) ? 'deleted' : 'absent';
  }
  async tagUser(userName: string, tags: Record<string, string>): Promise<void> {
    await call('iam:TagUser', () => this.iam.send(new TagUserCommand({ UserName: userName, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) })));
  }
  async untagUser(userName: string, keys: readonly string[]): Promise<void> {
    await call('iam:UntagUser', () => this.iam.send(new UntagUserCommand({ UserName: userName, TagKeys: [...keys] })));
  }
  async putRolePolicy(roleName: string, policyName: string, document: object): Promise<void> {
    await call('iam:PutRolePolicy', () => this.iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: JSON.stringify(document) })));
  }
  async deleteRolePolicy(roleName: string, policyName: string): Promise<DeleteOutcome> {
    return (await callOrAbsent('iam:DeleteRolePolicy', () => this.iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })))) ? 'deleted' : 'absent';
  }
  async tagRole(roleName: string, tags: Record<string, string>): Promise<void> {
    await call('iam:TagRole', () => this.iam.send(new TagRoleCommand({ RoleName: roleName, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) })));
  }
  async untagRole(roleName: string, keys: readonly string[]): Promise<void> {
    await call('iam:UntagRole', () => this.iam.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: [...keys] })));
  }
}
