/**
 * Identity Center side of the containment gateway (sso-admin + identitystore). Assignment and
 * provisioning calls are asynchronous in AWS: they are polled until they succeed or fail.
 */
import {
  CreateGroupMembershipCommand, DeleteGroupMembershipCommand, DescribeGroupCommand, DescribeUserCommand, GetUserIdCommand,
  IdentitystoreClient, ListGroupMembershipsForMemberCommand, ListUsersCommand,
} from '@aws-sdk/client-identitystore';
import {
  CreateAccountAssignmentCommand, DeleteAccountAssignmentCommand, DeleteInlinePolicyFromPermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand, DescribeAccountAssignmentDeletionStatusCommand, DescribePermissionSetCommand,
  DescribePermissionSetProvisioningStatusCommand, GetInlinePolicyForPermissionSetCommand, ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand, ListInstancesCommand, ProvisionPermissionSetCommand, PutInlinePolicyToPermissionSetCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import type { IdcAssignmentRecord, IdcUserConfiguration } from '../actions/contain/config.js';
import type { DeleteOutcome, IdcLocation } from '../actions/contain/gateway.js';
import { AwsCallError, NotFoundError, UsageError } from '../model/errors.js';
import { call, callOrAbsent, decodeDocument } from './contain-errors.js';

type Assignment = { accountId: string; permissionSetArn: string; principalType: 'USER' | 'GROUP'; principalId: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls an asynchronous sso-admin request until it leaves IN_PROGRESS (at most ~2 minutes). */
async function waitFor(operation: string, first: { Status?: string; RequestId?: string; FailureReason?: string } | undefined, poll: (id: string) => Promise<{ Status?: string; FailureReason?: string } | undefined>): Promise<void> {
  let status = first;
  for (let i = 0; status?.Status === 'IN_PROGRESS' && status.RequestId && i < 120; i++) {
    await sleep(1000);
    status = { ...(await poll(status.RequestId)), RequestId: status.RequestId };
  }
  if (status?.Status === 'FAILED') throw new AwsCallError(operation, status.FailureReason ?? 'failed');
}

/** sso-admin and identitystore reads and writes for containment. */
export class IdcContainment {
  constructor(private readonly sso: SSOAdminClient, private readonly store: IdentitystoreClient) {}

  async discover(): Promise<IdcLocation> {
    const r = await call('sso:ListInstances', () => this.sso.send(new ListInstancesCommand({})));
    const list = r.Instances ?? [];
    if (list.length === 0) throw new NotFoundError('IAM Identity Center instance', 'any');
    if (list.length > 1) throw new UsageError('several Identity Center instances: pass --instance-arn and --identity-store-id');
    return { instanceArn: list[0]!.InstanceArn!, identityStoreId: list[0]!.IdentityStoreId! };
  }

  private async userId(identityStoreId: string, userName: string): Promise<string> {
    const byId = await callOrAbsent('identitystore:GetUserId', () =>
      this.store.send(new GetUserIdCommand({ IdentityStoreId: identityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: userName } } })),
    );
    if (byId?.UserId) return byId.UserId;
    const listed = await call('identitystore:ListUsers', () => this.store.send(new ListUsersCommand({ IdentityStoreId: identityStoreId, Filters: [{ AttributePath: 'UserName', AttributeValue: userName }] })));
    const found = listed.Users?.find((u) => u.UserName === userName);
    if (!found?.UserId) throw new NotFoundError('Identity Center user', userName);
    return found.UserId;
  }

  private async memberships(identityStoreId: string, userId: string): Promise<{ MembershipId?: string; GroupId?: string }[]> {
    const out: { MembershipId?: string; GroupId?: string }[] = [];
    let NextToken: string | undefined;
    do {
      const r = await call('identitystore:ListGroupMembershipsForMember', () => this.store.send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: identityStoreId, MemberId: { UserId: userId }, NextToken })));
      out.push(...(r.GroupMemberships ?? []));
      NextToken = r.NextToken ?? undefined;
    } while (NextToken);
    return out;
  }

  private async assignmentsFor(instanceArn: string, principalType: 'USER' | 'GROUP', principalId: string): Promise<IdcAssignmentRecord[]> {
    const out: IdcAssignmentRecord[] = [];
    let NextToken: string | undefined;
    do {
      const r = await call('sso:ListAccountAssignmentsForPrincipal', () => this.sso.send(new ListAccountAssignmentsForPrincipalCommand({ InstanceArn: instanceArn, PrincipalType: principalType, PrincipalId: principalId, NextToken })));
      for (const a of r.AccountAssignments ?? []) out.push({ accountId: a.AccountId!, permissionSetArn: a.PermissionSetArn!, principalType, principalId });
      NextToken = r.NextToken ?? undefined;
    } while (NextToken);
    return out;
  }

  async getInlinePolicy(instanceArn: string, permissionSetArn: string): Promise<Record<string, unknown> | undefined> {
    const r = await call('sso:GetInlinePolicyForPermissionSet', () => this.sso.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: permissionSetArn })));
    return decodeDocument(r.InlinePolicy || undefined);
  }

  async readUser(location: IdcLocation, userName: string): Promise<Omit<IdcUserConfiguration, 'bucketPolicies'>> {
    const { instanceArn, identityStoreId } = location;
    const userId = await this.userId(identityStoreId, userName);
    const [described, memberships, assignments] = await Promise.all([
      call('identitystore:DescribeUser', () => this.store.send(new DescribeUserCommand({ IdentityStoreId: identityStoreId, UserId: userId }))),
      this.memberships(identityStoreId, userId),
      this.assignmentsFor(instanceArn, 'USER', userId),
    ]);
    const groups = await Promise.all(
      memberships.map(async (m) => {
        const g = await callOrAbsent('identitystore:DescribeGroup', () => this.store.send(new DescribeGroupCommand({ IdentityStoreId: identityStoreId, GroupId: m.GroupId! })));
        return { membershipId: m.MembershipId!, groupId: m.GroupId!, ...(g?.DisplayName ? { groupName: g.DisplayName } : {}) };
      }),
    );
    const groupAssignments = (await Promise.all(groups.map((g) => this.assignmentsFor(instanceArn, 'GROUP', g.groupId)))).flat();
    const arns = [...new Set([...assignments, ...groupAssignments].map((a) => a.permissionSetArn))].sort();
    const permissionSets = await Promise.all(
      arns.map(async (arn) => {
        const [d, inline] = await Promise.all([
          callOrAbsent('sso:DescribePermissionSet', () => this.sso.send(new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }))),
          this.getInlinePolicy(instanceArn, arn),
        ]);
        return { arn, ...(d?.PermissionSet?.Name ? { name: d.PermissionSet.Name } : {}), ...(inline ? { inlinePolicy: inline } : {}) };
      }),
    );
    const byKey = (a: IdcAssignmentRecord, b: IdcAssignmentRecord) => `${a.accountId} ${a.permissionSetArn} ${a.principalId}`.localeCompare(`${b.accountId} ${b.permissionSetArn} ${b.principalId}`);
    return {
      type: 'idc-user',
      instanceArn,
      identityStoreId,
      userId,
      userName,
      ...(described.DisplayName ? { displayName: described.DisplayName } : {}),
      memberships: groups.sort((a, b) => a.groupId.localeCompare(b.groupId)),
      assignments: assignments.sort(byKey),
      groupAssignments: groupAssignments.sort(byKey),
      permissionSets,
    };
  }

  async findGroupMembership(identityStoreId: string, groupId: string, userId: string): Promise<string | undefined> {
    return (await this.memberships(identityStoreId, userId)).find((m) => m.GroupId === groupId)?.MembershipId;
  }

  async hasAssignment(instanceArn: string, a: { accountId: string; permissionSetArn: string; principalId: string }): Promise<boolean> {
    let NextToken: string | undefined;
    do {
      const r = await call('sso:ListAccountAssignments', () => this.sso.send(new ListAccountAssignmentsCommand({ InstanceArn: instanceArn, AccountId: a.accountId, PermissionSetArn: a.permissionSetArn, NextToken })));
      if ((r.AccountAssignments ?? []).some((x) => x.PrincipalId === a.principalId)) return true;
      NextToken = r.NextToken ?? undefined;
    } while (NextToken);
    return false;
  }

  async deleteMembership(identityStoreId: string, membershipId: string): Promise<DeleteOutcome> {
    return (await callOrAbsent('identitystore:DeleteGroupMembership', () => this.store.send(new DeleteGroupMembershipCommand({ IdentityStoreId: identityStoreId, MembershipId: membershipId })))) ? 'deleted' : 'absent';
  }

  async createMembership(identityStoreId: string, groupId: string, userId: string): Promise<string> {
    const r = await call('identitystore:CreateGroupMembership', () => this.store.send(new CreateGroupMembershipCommand({ IdentityStoreId: identityStoreId, GroupId: groupId, MemberId: { UserId: userId } })));
    return r.MembershipId!;
  }

  private input(instanceArn: string, a: Assignment) {
    return { InstanceArn: instanceArn, TargetId: a.accountId, TargetType: 'AWS_ACCOUNT' as const, PermissionSetArn: a.permissionSetArn, PrincipalType: a.principalType, PrincipalId: a.principalId };
  }

  async deleteAssignment(instanceArn: string, a: Assignment): Promise<void> {
    const r = await callOrAbsent('sso:DeleteAccountAssignment', () => this.sso.send(new DeleteAccountAssignmentCommand(this.input(instanceArn, a))));
    await waitFor('sso:DeleteAccountAssignment', r?.AccountAssignmentDeletionStatus, async (id) =>
      (await call('sso:DescribeAccountAssignmentDeletionStatus', () => this.sso.send(new DescribeAccountAssignmentDeletionStatusCommand({ InstanceArn: instanceArn, AccountAssignmentDeletionRequestId: id })))).AccountAssignmentDeletionStatus,
    );
  }

  async createAssignment(instanceArn: string, a: Assignment): Promise<void> {
    const r = await call('sso:CreateAccountAssignment', () => this.sso.send(new CreateAccountAssignmentCommand(this.input(instanceArn, a))));
    await waitFor('sso:CreateAccountAssignment', r.AccountAssignmentCreationStatus, async (id) =>
      (await call('sso:DescribeAccountAssignmentCreationStatus', () => this.sso.send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: instanceArn, AccountAssignmentCreationRequestId: id })))).AccountAssignmentCreationStatus,
    );
  }

  async putInlinePolicy(instanceArn: string, permissionSetArn: string, document: object): Promise<void> {
    await call('sso:PutInlinePolicyToPermissionSet', () => this.sso.send(new PutInlinePolicyToPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: permissionSetArn, InlinePolicy: JSON.stringify(document) })));
  }

  async deleteInlinePolicy(instanceArn: string, permissionSetArn: string): Promise<DeleteOutcome> {
    return (await callOrAbsent('sso:DeleteInlinePolicyFromPermissionSet', () => this.sso.send(new DeleteInlinePolicyFromPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: permissionSetArn })))) ? 'deleted' : 'absent';
  }

  async provision(instanceArn: string, permissionSetArn: string): Promise<void> {
    const r = await call('sso:ProvisionPermissionSet', () => this.sso.send(new ProvisionPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: permissionSetArn, TargetType: 'ALL_PROVISIONED_ACCOUNTS' })));
    await waitFor('sso:ProvisionPermissionSet', r.PermissionSetProvisioningStatus, async (id) =>
      (await call('sso:DescribePermissionSetProvisioningStatus', () => this.sso.send(new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: instanceArn, ProvisionPermissionSetRequestId: id })))).PermissionSetProvisioningStatus,
    );
  }
}
