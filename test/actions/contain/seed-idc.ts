/** Seeds an Identity Center user in moto: two groups, direct and group assignments, one inline policy. */
import { CreateGroupCommand, CreateGroupMembershipCommand, CreateUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { CreateAccountAssignmentCommand, CreatePermissionSetCommand, ListInstancesCommand, PutInlinePolicyToPermissionSetCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { SdkClientConfig } from '../../../src/aws/client-config.js';

/** What was seeded. */
export interface SeededIdc {
  userName: string;
  userId: string;
  inlinePermissionSetArn: string;
}

/** Creates user `dana` with one direct assignment (a permission set with an inline policy) and one group assignment. */
export async function seedIdc(config: SdkClientConfig, userName = 'dana'): Promise<SeededIdc> {
  const sso = new SSOAdminClient(config);
  const store = new IdentitystoreClient(config);
  const instance = (await sso.send(new ListInstancesCommand({}))).Instances![0]!;
  const instanceArn = instance.InstanceArn!;
  const storeId = instance.IdentityStoreId!;
  const user = await store.send(new CreateUserCommand({ IdentityStoreId: storeId, UserName: userName, DisplayName: 'Dana', Name: { GivenName: 'Dana', FamilyName: 'X' } }));
  const userId = user.UserId!;
  const g1 = await store.send(new CreateGroupCommand({ IdentityStoreId: storeId, DisplayName: `${userName}-admins` }));
  const g2 = await store.send(new CreateGroupCommand({ IdentityStoreId: storeId, DisplayName: `${userName}-readers` }));
  await store.send(new CreateGroupMembershipCommand({ IdentityStoreId: storeId, GroupId: g1.GroupId!, MemberId: { UserId: userId } }));
  await store.send(new CreateGroupMembershipCommand({ IdentityStoreId: storeId, GroupId: g2.GroupId!, MemberId: { UserId: userId } }));
  const ps1 = (await sso.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: `${userName}-Admin` }))).PermissionSet!.PermissionSetArn!;
  const ps2 = (await sso.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: `${userName}-Read` }))).PermissionSet!.PermissionSetArn!;
  const inline = { Version: '2012-10-17', Statement: [{ Sid: 'Existing', Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
  await sso.send(new PutInlinePolicyToPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: ps1, InlinePolicy: JSON.stringify(inline) }));
  const assign = (ps: string, type: 'USER' | 'GROUP', id: string) =>
    sso.send(new CreateAccountAssignmentCommand({ InstanceArn: instanceArn, TargetId: '123456789012', TargetType: 'AWS_ACCOUNT', PermissionSetArn: ps, PrincipalType: type, PrincipalId: id }));
  await assign(ps1, 'USER', userId);
  await assign(ps2, 'GROUP', g2.GroupId!);
  return { userName, userId, inlinePermissionSetArn: ps1 };
}
