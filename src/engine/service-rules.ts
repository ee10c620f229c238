/**
 * AWS service-specific rules that hold whatever the policies say: requests AWS refuses on
 * protected resources (AWS managed policies, service-linked and Identity Center roles, AWS managed
 * KMS aliases) and the one request it always answers (`sts:GetCallerIdentity`). They live in the
 * engine, as data, so every caller inherits them: an escalation path never "modifies" an AWS
 * managed policy and a remediation never plans to edit a service-linked role.
 */
import type { PreparedRequest } from './request.js';

/** One service rule: a request shape and the outcome AWS imposes on it. */
export interface ServiceRule {
  id: string;
  title: string;
  /** `deny`: refused whatever the policies allow; `allow`: granted whatever the policies deny. */
  outcome: 'deny' | 'allow';
  /** Lower-cased actions the rule covers. */
  actions: ReadonlySet<string>;
  /** Whether the requested resource (split ARN parts) is one the rule protects. */
  resource: (parts: readonly string[]) => boolean;
  rationale: string;
  references: readonly string[];
}

const lower = (...names: string[]): ReadonlySet<string> => new Set(names.map((n) => n.toLowerCase()));

/** `role/...` resource part → role name (last path segment). */
function roleName(parts: readonly string[]): string | undefined {
  const res = parts[5] ?? '';
  if (parts[2] !== 'iam' || !res.startsWith('role/')) return undefined;
  return res.slice(res.lastIndexOf('/') + 1);
}

/** Service-linked roles: path `/aws-service-role/` or AWS's `AWSServiceRoleFor*` names. */
function isServiceLinkedRole(parts: readonly string[]): boolean {
  const name = roleName(parts);
  if (name === undefined) return false;
  return (parts[5] ?? '').startsWith('role/aws-service-role/') || name.startsWith('AWSServiceRoleFor');
}

/** Identity Center roles: path `/aws-reserved/sso.amazonaws.com/` or `AWSReservedSSO_*` names. */
function isIdentityCenterRole(parts: readonly string[]): boolean {
  const name = roleName(parts);
  if (name === undefined) return false;
  return (parts[5] ?? '').startsWith('role/aws-reserved/') || name.startsWith('AWSReservedSSO_');
}

/** Everything a customer might do to a role's definition, its policies, tags, use or life. */
const ROLE_CHANGES = lower(
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:DeleteRole',
  'iam:PassRole',
  'iam:AddRoleToInstanceProfile',
);

/** The rules, in the order they are checked. */
export const SERVICE_RULES: readonly ServiceRule[] = [
  {
    id: 'sts-get-caller-identity-always-allowed',
    title: 'sts:GetCallerIdentity needs no permission and cannot be denied',
    outcome: 'allow',
    actions: lower('sts:GetCallerIdentity'),
    resource: () => true,
    rationale: 'STS answers GetCallerIdentity for every authenticated caller, even under an explicit Deny, because an access-denied error would reveal the same identity.',
    references: ['https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html'],
  },
  {
    id: 'aws-managed-policy-immutable',
    title: 'AWS managed policies cannot be changed, versioned, tagged or deleted',
    outcome: 'deny',
    actions: lower('iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy', 'iam:TagPolicy', 'iam:UntagPolicy'),
    resource: (p) => p[2] === 'iam' && p[4] === 'aws' && (p[5] ?? '').startsWith('policy/'),
    rationale: 'AWS creates and updates AWS managed policies (account `aws`); customers can attach them but not edit, version, tag or delete them.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies'],
  },
  {
    id: 'service-linked-role-protected',
    title: 'Service-linked roles cannot be edited, attached to, passed, tagged or deleted by customers',
    outcome: 'deny',
    actions: ROLE_CHANGES,
    resource: isServiceLinkedRole,
    rationale: 'The linked service defines the role\'s trust and permissions policies; IAM rejects customer changes (UnmodifiableEntity) and deletion goes through iam:DeleteServiceLinkedRole only.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html',
    ],
  },
  {
    id: 'identity-center-role-protected',
    title: 'AWSReservedSSO_* roles are managed by IAM Identity Center, not by customers in IAM',
    outcome: 'deny',
    actions: ROLE_CHANGES,
    resource: isIdentityCenterRole,
    rationale: 'Identity Center creates these roles from permission sets and protects them: changes are made to the permission set, never to the role in IAM.',
    references: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html'],
  },
  {
    id: 'aws-managed-kms-alias-protected',
    title: 'AWS managed KMS aliases (alias/aws/*) cannot be created, updated or deleted',
    outcome: 'deny',
    actions: lower('kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'),
    resource: (p) => p[2] === 'kms' && (p[5] ?? '').startsWith('alias/aws/'),
    rationale: 'The `alias/aws/` prefix is reserved for AWS managed keys; KMS refuses customer aliases with it and changes to the existing ones.',
    references: ['https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html', 'https://docs.aws.amazon.com/kms/latest/developerguide/alias-about.html'],
  },
];

/** The service rule that decides `req` regardless of policies, if any. Service principals are exempt. */
export function serviceRuleFor(req: PreparedRequest): ServiceRule | undefined {
  if (req.caller.isService) return undefined;
  // Hot path: every request of every scan comes through here; only three services have rules.
  if (req.service !== 'iam' && req.service !== 'sts' && req.service !== 'kms') return undefined;
  for (const rule of SERVICE_RULES) if (rule.actions.has(req.actionLower) && rule.resource(req.resourceParts)) return rule;
  return undefined;
}
