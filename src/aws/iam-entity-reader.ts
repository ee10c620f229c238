/**
 * Re-reads single IAM entities (a user, role, group or managed policy) live, in the shape of one
 * GetAccountAuthorizationDetails page, so the collector's GAAD reader turns them into snapshot
 * entities exactly as a full collection would. `cordon watch` uses it for the entities a replayed
 * event left uncertain, instead of collecting the whole account again.
 */
import {
  GetGroupCommand, GetGroupPolicyCommand, GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, GetRolePolicyCommand, GetUserCommand, GetUserPolicyCommand, IAMClient,
  paginateListAttachedGroupPolicies, paginateListAttachedRolePolicies, paginateListAttachedUserPolicies, paginateListGroupPolicies, paginateListGroupsForUser,
  paginateListInstanceProfilesForRole, paginateListPolicyVersions, paginateListRolePolicies, paginateListUserPolicies,
} from '@aws-sdk/client-iam';
import { sdkClientConfig, type AwsTarget } from './client-config.js';

type Json = Record<string, unknown>;

/** One GAAD-shaped page holding the entities that still exist, and the ARNs that no longer do. */
export interface IamEntityDetails {
  page: { UserDetailList: Json[]; GroupDetailList: Json[]; RoleDetailList: Json[]; Policies: Json[] };
  gone: string[];
}

export interface IamEntityReader {
  /** Reads `arns` (users, roles, groups, managed policies); other ARNs are the caller's to refuse. */
  read(arns: readonly string[]): Promise<IamEntityDetails>;
  close(): void;
}

const missing = (err: unknown) => ['NoSuchEntityException', 'NoSuchEntity'].includes((err as { name?: string }).name ?? '');
const iso = (d: Date | undefined) => d?.toISOString();
const nameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** The kind of IAM entity an ARN names, or undefined when it is not one this reader re-reads. */
export function iamEntityKind(arn: string): 'user' | 'role' | 'group' | 'policy' | undefined {
  const m = /^arn:[^:]+:iam::(\d{12}|aws):(user|role|group|policy)\//.exec(arn);
  return m ? (m[2] as 'user' | 'role' | 'group' | 'policy') : undefined;
}

/** The SDK implementation (IAM read-only calls; declared in `src/aws/permissions/declarations.ts`). */
export function sdkIamEntityReader(target: AwsTarget): IamEntityReader {
  const iam = new IAMClient(sdkClientConfig(target));

  const collect = async <T>(pages: AsyncIterable<T>, pick: (page: T) => readonly unknown[] | undefined): Promise<unknown[]> => {
    const out: unknown[] = [];
    for await (const page of pages) out.push(...(pick(page) ?? []));
    return out;
  };
  /** Every inline policy of a principal: `list` names them, `get` reads one document. */
  const inline = async (names: unknown[], get: (PolicyName: string) => Promise<string | undefined>) => {
    const out = [];
    for (const PolicyName of names as string[]) out.push({ PolicyName, PolicyDocument: await get(PolicyName) });
    return out;
  };
  const attached = (items: unknown[]) => items.map((p) => ({ PolicyArn: (p as { PolicyArn?: string }).PolicyArn }));
  const tags = (t: { Key?: string; Value?: string }[] | undefined) => (t ?? []).map((x) => ({ Key: x.Key, Value: x.Value }));

  async function user(arn: string): Promise<Json> {
    const UserName = nameOf(arn);
    const u = (await iam.send(new GetUserCommand({ UserName }))).User!;
    const names = await collect(paginateListUserPolicies({ client: iam }, { UserName }), (p) => p.PolicyNames);
    const UserPolicyList = await inline(names, async (PolicyName) => (await iam.send(new GetUserPolicyCommand({ UserName, PolicyName }))).PolicyDocument);
    const groups = await collect(paginateListGroupsForUser({ client: iam }, { UserName }), (p) => p.Groups);
    return {
      UserName: u.UserName, UserId: u.UserId, Arn: u.Arn, Path: u.Path, CreateDate: iso(u.CreateDate), Tags: tags(u.Tags), UserPolicyList,
      AttachedManagedPolicies: attached(await collect(paginateListAttachedUserPolicies({ client: iam }, { UserName }), (p) => p.AttachedPolicies)),
      GroupList: groups.map((g) => (g as { GroupName?: string }).GroupName),
      ...(u.PermissionsBoundary ? { PermissionsBoundary: { PermissionsBoundaryArn: u.PermissionsBoundary.PermissionsBoundaryArn } } : {}),
    };
  }

  async function role(arn: string): Promise<Json> {
    const RoleName = nameOf(arn);
    const r = (await iam.send(new GetRoleCommand({ RoleName }))).Role!;
    const names = await collect(paginateListRolePolicies({ client: iam }, { RoleName }), (p) => p.PolicyNames);
    const RolePolicyList = await inline(names, async (PolicyName) => (await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }))).PolicyDocument);
    const profiles = await collect(paginateListInstanceProfilesForRole({ client: iam }, { RoleName }), (p) => p.InstanceProfiles);
    return {
      RoleName: r.RoleName, RoleId: r.RoleId, Arn: r.Arn, Path: r.Path, CreateDate: iso(r.CreateDate), Tags: tags(r.Tags), Description: r.Description, MaxSessionDuration: r.MaxSessionDuration,
      AssumeRolePolicyDocument: r.AssumeRolePolicyDocument, RolePolicyList,
      AttachedManagedPolicies: attached(await collect(paginateListAttachedRolePolicies({ client: iam }, { RoleName }), (p) => p.AttachedPolicies)),
      InstanceProfileList: profiles.map((p) => ({ Arn: (p as { Arn?: string }).Arn })),
      ...(r.PermissionsBoundary ? { PermissionsBoundary: { PermissionsBoundaryArn: r.PermissionsBoundary.PermissionsBoundaryArn } } : {}),
      ...(r.RoleLastUsed?.LastUsedDate || r.RoleLastUsed?.Region ? { RoleLastUsed: { LastUsedDate: iso(r.RoleLastUsed.LastUsedDate), Region: r.RoleLastUsed.Region } } : {}),
    };
  }

  async function group(arn: string): Promise<Json> {
    const GroupName = nameOf(arn);
    const g = (await iam.send(new GetGroupCommand({ GroupName }))).Group!;
    const names = await collect(paginateListGroupPolicies({ client: iam }, { GroupName }), (p) => p.PolicyNames);
    const GroupPolicyList = await inline(names, async (PolicyName) => (await iam.send(new GetGroupPolicyCommand({ GroupName, PolicyName }))).PolicyDocument);
    return {
      GroupName: g.GroupName, GroupId: g.GroupId, Arn: g.Arn, Path: g.Path, CreateDate: iso(g.CreateDate), GroupPolicyList,
      AttachedManagedPolicies: attached(await collect(paginateListAttachedGroupPolicies({ client: iam }, { GroupName }), (p) => p.AttachedPolicies)),
    };
  }

  async function policy(arn: string): Promise<Json> {
    const p = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    const versions = await collect(paginateListPolicyVersions({ client: iam }, { PolicyArn: arn }), (page) => page.Versions);
    const PolicyVersionList = [];
    for (const v of versions as { VersionId?: string }[]) {
      const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: v.VersionId }))).PolicyVersion!;
      PolicyVersionList.push({ VersionId: version.VersionId, IsDefaultVersion: version.IsDefaultVersion === true, Document: version.Document, CreateDate: iso(version.CreateDate) });
    }
    return {
      PolicyName: p.PolicyName, PolicyId: p.PolicyId, Arn: p.Arn, Path: p.Path, DefaultVersionId: p.DefaultVersionId, AttachmentCount: p.AttachmentCount,
      CreateDate: iso(p.CreateDate), UpdateDate: iso(p.UpdateDate), PolicyVersionList,
    };
  }

  return {
    async read(arns) {
      const details: IamEntityDetails = { page: { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] }, gone: [] };
      const readers = { user: [user, details.page.UserDetailList], role: [role, details.page.RoleDetailList], group: [group, details.page.GroupDetailList], policy: [policy, details.page.Policies] } as const;
      for (const arn of arns) {
        const kind = iamEntityKind(arn);
        if (!kind) continue;
        const [read, into] = readers[kind];
        try {
          into.push(await read(arn));
        } catch (err) {
          if (!missing(err)) throw err;
          details.gone.push(arn);
        }
      }
      return details;
    },
    close() {
      iam.destroy();
    },
  };
}
