/**
 * Reads IAM Identity Center for a snapshot: the instance, its identity store's users, groups and
 * memberships, every permission set (inline policy, AWS-managed and customer-managed policy
 * references, permissions boundary) and the account assignments that create the
 * `AWSReservedSSO_*` roles. Read from the organization's management account (or the delegated
 * administrator). Returns undefined when the account has no Identity Center instance.
 */
import {
  IdentitystoreClient, paginateListGroupMemberships, paginateListGroups, paginateListUsers,
} from '@aws-sdk/client-identitystore';
import {
  DescribePermissionSetCommand, GetInlinePolicyForPermissionSetCommand, GetPermissionsBoundaryForPermissionSetCommand, ListInstancesCommand,
  paginateListAccountAssignments, paginateListAccountsForProvisionedPermissionSet, paginateListCustomerManagedPolicyReferencesInPermissionSet,
  paginateListManagedPoliciesInPermissionSet, paginateListPermissionSets, SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { sdkClientConfig, type AwsTarget } from './client-config.js';

/** Identity Center as plain data; the inline policy still as text. */
export interface IdentityCenterFacts {
  instanceArn: string;
  identityStoreId: string;
  users: { userId: string; userName: string; displayName?: string; emails?: string[] }[];
  groups: { groupId: string; displayName: string }[];
  memberships: { groupId: string; userId: string }[];
  permissionSets: {
    arn: string;
    name: string;
    inlinePolicy?: string;
    managedPolicyArns: string[];
    customerManagedPolicies: { name: string; path: string }[];
    permissionsBoundary?: { managedPolicyArn?: string; customerManaged?: { name: string; path: string } };
    sessionDuration?: string;
  }[];
  accountAssignments: { accountId: string; permissionSetArn: string; principalType: 'USER' | 'GROUP'; principalId: string }[];
  /** Calls that failed (the rest was read). */
  errors: string[];
}

const errorText = (err: unknown) => `${(err as { name?: string }).name ?? 'Error'}: ${(err as Error).message}`;
const absent = (err: unknown) => ['ResourceNotFoundException'].includes((err as { name?: string }).name ?? '');

/** Every page's items of a paginator, flattened. */
async function all<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/**
 * `accountIds`: accounts whose assignments to read besides those the API lists as provisioned
 * (an assignment not yet provisioned, or an emulator that does not track provisioning).
 */
export async function readIdentityCenter(target: AwsTarget, accountIds: readonly string[] = []): Promise<IdentityCenterFacts | undefined> {
  const config = sdkClientConfig(target);
  const sso = new SSOAdminClient(config);
  const ids = new IdentitystoreClient(config);
  try {
    const instance = (await sso.send(new ListInstancesCommand({}))).Instances?.[0];
    if (!instance?.InstanceArn || !instance.IdentityStoreId) return undefined;
    const InstanceArn = instance.InstanceArn;
    const IdentityStoreId = instance.IdentityStoreId;
    const facts: IdentityCenterFacts = { instanceArn: InstanceArn, identityStoreId: IdentityStoreId, users: [], groups: [], memberships: [], permissionSets: [], accountAssignments: [], errors: [] };
    const attempt = async (call: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (err) {
        if (!absent(err)) facts.errors.push(`${call}: ${errorText(err)}`);
      }
    };

    await attempt('identitystore:ListUsers', async () => {
      facts.users = (await all(paginateListUsers({ client: ids }, { IdentityStoreId }), (p) => p.Users)).map((u) => ({
        userId: u.UserId!, userName: u.UserName ?? u.UserId!, ...(u.DisplayName ? { displayName: u.DisplayName } : {}), ...(u.Emails?.length ? { emails: u.Emails.map((e) => e.Value!).filter(Boolean) } : {}),
      }));
    });
    await attempt('identitystore:ListGroups', async () => {
      facts.groups = (await all(paginateListGroups({ client: ids }, { IdentityStoreId }), (p) => p.Groups)).map((g) => ({ groupId: g.GroupId!, displayName: g.DisplayName ?? g.GroupId! }));
    });
    for (const group of facts.groups) {
      await attempt(`identitystore:ListGroupMemberships ${group.groupId}`, async () => {
        for (const m of await all(paginateListGroupMemberships({ client: ids }, { IdentityStoreId, GroupId: group.groupId }), (p) => p.GroupMemberships)) {
          if (m.MemberId && 'UserId' in m.MemberId && m.MemberId.UserId) facts.memberships.push({ groupId: group.groupId, userId: m.MemberId.UserId });
        }
      });
    }

    const setArns = await all(paginateListPermissionSets({ client: sso }, { InstanceArn }), (p) => p.PermissionSets);
    for (const PermissionSetArn of setArns) {
      await attempt(`sso:DescribePermissionSet ${PermissionSetArn}`, async () => {
        const d = (await sso.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn }))).PermissionSet;
        const set: IdentityCenterFacts['permissionSets'][number] = { arn: PermissionSetArn, name: d?.Name ?? PermissionSetArn, managedPolicyArns: [], customerManagedPolicies: [], ...(d?.SessionDuration ? { sessionDuration: d.SessionDuration } : {}) };
        facts.permissionSets.push(set);
        await attempt('sso:GetInlinePolicyForPermissionSet', async () => {
          const text = (await sso.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn }))).InlinePolicy;
          if (text) set.inlinePolicy = text;
        });
        await attempt('sso:ListManagedPoliciesInPermissionSet', async () => {
          set.managedPolicyArns = (await all(paginateListManagedPoliciesInPermissionSet({ client: sso }, { InstanceArn, PermissionSetArn }), (p) => p.AttachedManagedPolicies)).map((m) => m.Arn!).filter(Boolean);
        });
        await attempt('sso:ListCustomerManagedPolicyReferencesInPermissionSet', async () => {
          set.customerManagedPolicies = (await all(paginateListCustomerManagedPolicyReferencesInPermissionSet({ client: sso }, { InstanceArn, PermissionSetArn }), (p) => p.CustomerManagedPolicyReferences)).map((r) => ({ name: r.Name!, path: r.Path ?? '/' }));
        });
        await attempt('sso:GetPermissionsBoundaryForPermissionSet', async () => {
          const b = (await sso.send(new GetPermissionsBoundaryForPermissionSetCommand({ InstanceArn, PermissionSetArn }))).PermissionsBoundary;
          if (b?.ManagedPolicyArn) set.permissionsBoundary = { managedPolicyArn: b.ManagedPolicyArn };
          else if (b?.CustomerManagedPolicyReference?.Name) set.permissionsBoundary = { customerManaged: { name: b.CustomerManagedPolicyReference.Name, path: b.CustomerManagedPolicyReference.Path ?? '/' } };
        });
      });
      await attempt(`sso:ListAccountsForProvisionedPermissionSet ${PermissionSetArn}`, async () => {
        const provisioned = await all(paginateListAccountsForProvisionedPermissionSet({ client: sso }, { InstanceArn, PermissionSetArn }), (p) => p.AccountIds);
        for (const AccountId of [...new Set([...provisioned, ...accountIds])]) {
          for (const a of await all(paginateListAccountAssignments({ client: sso }, { InstanceArn, AccountId, PermissionSetArn }), (p) => p.AccountAssignments)) {
            if (a.PrincipalId && (a.PrincipalType === 'USER' || a.PrincipalType === 'GROUP')) facts.accountAssignments.push({ accountId: AccountId, permissionSetArn: PermissionSetArn, principalType: a.PrincipalType, principalId: a.PrincipalId });
          }
        }
      });
    }
    return facts;
  } finally {
    sso.destroy();
    ids.destroy();
  }
}
