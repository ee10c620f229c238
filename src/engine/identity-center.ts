/**
 * IAM Identity Center: the `AWSReservedSSO_<PermissionSet>_<suffix>` roles that permission-set
 * assignments create in each account. When the snapshot's IAM data already lists such a role it
 * is used as is; otherwise an equivalent role is synthesised from the permission set (inline
 * policy, AWS- and customer-managed policies, boundary) so its access is still analysed.
 */
import type { AccountSnapshot, IamRole, Snapshot } from '../model/snapshot/types.js';

/** Roles to add for `account` (those assigned but absent from its IAM data). */
export function identityCenterRoles(snapshot: Snapshot, account: AccountSnapshot): IamRole[] {
  const idc = snapshot.identityCenter;
  if (!idc) return [];
  const assigned = new Set(idc.accountAssignments.filter((a) => a.accountId === account.accountId).map((a) => a.permissionSetArn));
  const out: IamRole[] = [];
  for (const ps of idc.permissionSets) {
    if (!assigned.has(ps.arn)) continue;
    const prefix = `AWSReservedSSO_${ps.name}_`;
    if (account.roles.some((r) => r.name.startsWith(prefix) || r.name === prefix.slice(0, -1))) continue;
    const name = `AWSReservedSSO_${ps.name}`;
    const policyArn = (p: { name: string; path: string }) => `arn:${account.partition}:iam::${account.accountId}:policy${p.path || '/'}${p.name}`;
    const role: IamRole = {
      kind: 'role',
      arn: `arn:${account.partition}:iam::${account.accountId}:role/aws-reserved/sso.amazonaws.com/${name}`,
      name,
      path: '/aws-reserved/sso.amazonaws.com/',
      tags: {},
      inlinePolicies: ps.inlinePolicy ? [{ name: 'AwsSSOInlinePolicy', document: ps.inlinePolicy, origin: { api: 'sso-admin:GetInlinePolicyForPermissionSet' } }] : [],
      attachedPolicyArns: [...ps.managedPolicyArns, ...ps.customerManagedPolicies.map(policyArn)],
      trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:${account.partition}:iam::${account.accountId}:saml-provider/AWSSSO` }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'] }] },
      instanceProfileArns: [],
      serviceLinked: false,
      origin: { api: 'sso-admin:ListAccountAssignments', accountId: account.accountId },
    };
    const b = ps.permissionsBoundary;
    if (b?.managedPolicyArn) role.permissionsBoundaryArn = b.managedPolicyArn;
    else if (b?.customerManaged) role.permissionsBoundaryArn = policyArn(b.customerManaged);
    out.push(role);
  }
  return out;
}
