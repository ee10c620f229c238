/** Principal-access methods: the actor becomes, or writes the permissions of, another principal. Order matters: the search prefers earlier rows (see `../methods.ts`). */
import type { EscalationMethod } from '../method-types.js';
import { PF, RHINO, on, attach, RATIONALE } from './helpers.js';

export const PRINCIPAL_ACCESS: readonly EscalationMethod[] = [
  {
    id: 'iam-002',
    title: 'Create an access key for another user',
    category: 'principal-access',
    severity: 'HIGH',
    rationale: RATIONALE.TAKE_OVER,
    target: 'user',
    requires: [
      on('iam:CreateAccessKey', '${Target}'),
    ],
    gains: 'target',
    iamVulnerable: ['IAM-CreateAccessKey'],
    references: [`${PF}iam-002`, RHINO],
  },
  {
    id: 'iam-003',
    title: 'Delete and re-create an access key of another user (two keys already)',
    category: 'principal-access',
    severity: 'HIGH',
    rationale: RATIONALE.TAKE_OVER,
    target: 'user',
    requires: [
      on('iam:CreateAccessKey', '${Target}'),
      on('iam:DeleteAccessKey', '${Target}'),
    ],
    gains: 'target',
    references: [`${PF}iam-003`],
  },
  {
    id: 'iam-004',
    title: 'Create a console password for another user',
    category: 'principal-access',
    severity: 'HIGH',
    rationale: RATIONALE.TAKE_OVER,
    target: 'user',
    requires: [
      on('iam:CreateLoginProfile', '${Target}'),
    ],
    gains: 'target',
    iamVulnerable: ['IAM-CreateLoginProfile'],
    references: [`${PF}iam-004`, RHINO],
  },
  {
    id: 'iam-006',
    title: 'Change another user\'s console password',
    category: 'principal-access',
    severity: 'HIGH',
    rationale: RATIONALE.TAKE_OVER,
    target: 'user',
    requires: [
      on('iam:UpdateLoginProfile', '${Target}'),
    ],
    gains: 'target',
    iamVulnerable: ['IAM-UpdateLoginProfile'],
    references: [`${PF}iam-006`, RHINO],
  },
  {
    id: 'iam-012',
    title: 'Rewrite a role\'s trust policy to trust oneself',
    category: 'principal-access',
    severity: 'HIGH',
    rationale: RATIONALE.TAKE_OVER,
    target: 'role',
    requires: [
      on('iam:UpdateAssumeRolePolicy', '${Target}'),
    ],
    gains: 'target',
    iamVulnerable: ['IAM-UpdatingAssumeRolePolicy'],
    references: [`${PF}iam-012`, RHINO],
  },
  {
    id: 'iam-014',
    title: 'Attach a policy to an assumable role, then assume it',
    category: 'principal-access',
    severity: 'CRITICAL',
    rationale: RATIONALE.WRITE_THEN_ACT,
    target: 'role',
    requiresTrustOfActor: true,
    requires: [
      attach('iam:AttachRolePolicy', '${Target}'),
      on('sts:AssumeRole', '${Target}'),
    ],
    gains: 'admin',
    iamVulnerable: ['IAM-AttachRolePolicy'],
    references: [`${PF}iam-014`],
  },
  {
    id: 'iam-015',
    title: 'Attach a policy to another user, then create an access key for it',
    category: 'principal-access',
    severity: 'CRITICAL',
    rationale: RATIONALE.WRITE_THEN_ACT,
    target: 'user',
    requires: [
      attach('iam:AttachUserPolicy', '${Target}'),
      on('iam:CreateAccessKey', '${Target}'),
    ],
    gains: 'admin',
    references: [`${PF}iam-015`],
  },
  {
    id: 'iam-016',
    title: 'Create a new version of a policy attached to an assumable role, then assume it',
    category: 'principal-access',
    severity: 'CRITICAL',
    rationale: RATIONALE.WRITE_THEN_ACT,
    target: 'role-policy',
    requiresTrustOfActor: true,
    requires: [
      on('iam:CreatePolicyVersion', '${TargetPolicy}'),
      on('sts:AssumeRole', '${Target}'),
    ],
    gains: 'admin',
    references: [`${PF}iam-016`],
  },
  {
    id: 'iam-017',
    title: 'Put an inline policy on an assumable role, then assume it',
    category: 'principal-access',
    severity: 'CRITICAL',
    rationale: RATIONALE.WRITE_THEN_ACT,
    target: 'role',
    requiresTrustOfActor: true,
    requires: [
      on('iam:PutRolePolicy', '${Target}'),
      on('sts:AssumeRole', '${Target}'),
    ],
    gains: 'admin',
    references: [`${PF}iam-017`],
  },
  {
    id: 'iam-018',
    title: 'Put an inline policy on another user, then create an access key for it',
    category: 'principal-access',
    severity: 'CRITICAL',
    rationale: RATIONALE.WRITE_THEN_ACT,
    target: 'user',
    requires: [
      on('iam:PutUserPolicy', '${Target}'),
      on('iam:CreateAccessKey', '${Target}'),
    ],
    gains: 'admin',
    references: [`${PF}iam-018`],
  },
  {
    id: 'iam-019',
    title: 'Attach a policy to a role and rewrite its trust policy',
    category: 'principal-access',
    severity: 'CRITICAL',
    rationale: RATIONALE.WRITE_THEN_ACT,
    target: 'role',
    requires: [
      attach('iam:AttachRolePolicy', '${Target}'),
      on('iam:UpdateAssumeRolePolicy', '${Target}'),
    ],
    gains: 'admin',
    references: [`${PF}iam-019`],
  },
  {
    id: 'iam-020',
    title: 'Create a new version of a role\'s policy and rewrite the role\'s trust policy',
    category: 'principal-access',
    severity: 'CRITICAL',
    rationale: RATIONALE.WRITE_THEN_ACT,
    target: 'role-policy',
    requires: [
      on('iam:CreatePolicyVersion', '${TargetPolicy}'),
      on('iam:UpdateAssumeRolePolicy', '${Target}'),
    ],
    gains: 'admin',
    references: [`${PF}iam-020`],
  },
  {
    id: 'iam-021',
    title: 'Put an inline policy on a role and rewrite its trust policy',
    category: 'principal-access',
    severity: 'CRITICAL',
    rationale: RATIONALE.WRITE_THEN_ACT,
    target: 'role',
    requires: [
      on('iam:PutRolePolicy', '${Target}'),
      on('iam:UpdateAssumeRolePolicy', '${Target}'),
    ],
    gains: 'admin',
    references: [`${PF}iam-021`],
  },
  {
    id: 'sts-001',
    title: 'Assume a role whose trust policy allows it',
    category: 'principal-access',
    severity: 'HIGH',
    rationale: RATIONALE.TAKE_OVER,
    target: 'role',
    requiresTrustOfActor: true,
    requires: [
      on('sts:AssumeRole', '${Target}'),
    ],
    gains: 'target',
    iamVulnerable: ['STS-AssumeRole'],
    references: [`${PF}sts-001`],
    examples: [
      { detected: true, allow: ['sts:AssumeRole'], why: 'the admin role trusts the account and the actor may assume it' },
      { detected: false, allow: ['sts:GetCallerIdentity'], why: 'a role trusting the account needs the caller\'s own AssumeRole grant' },
    ],
  },
];

/** What the attacker attaches to the principal it creates, and its boundary (which then caps nothing). */
const ADMIN_BOUNDARY = 'arn:aws:iam::aws:policy/AdministratorAccess';

/**
 * Create a principal, make it admin, act as it. Last in the method table (see `../methods.ts`):
 * they reach what earlier rows already reach through existing principals. `iam:PermissionsBoundary`
 * on CreateUser/CreateRole and the attach is the boundary the attacker sets (AdministratorAccess),
 * so the delegated-administrator pattern (create only with a given boundary) stays clean.
 */
export const CREATE_PRINCIPAL: readonly EscalationMethod[] = [
  {
    id: 'cordon-007',
    title: 'Create a user, attach an admin policy to it and create its access key',
    category: 'principal-access',
    severity: 'CRITICAL',
    rationale: RATIONALE.WRITE_THEN_ACT,
    target: 'new-user',
    requires: [
      { ...on('iam:CreateUser', '${Target}'), context: { 'iam:PermissionsBoundary': ADMIN_BOUNDARY } },
      { ...attach('iam:AttachUserPolicy', '${Target}'), context: { 'iam:PolicyARN': ADMIN_BOUNDARY, 'iam:PermissionsBoundary': ADMIN_BOUNDARY } },
      on('iam:CreateAccessKey', '${Target}'),
    ],
    gains: 'admin',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html',
    ],
    examples: [
      { detected: true, allow: ['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'], why: 'the new user gets AdministratorAccess and the attacker its key' },
      { detected: false, allow: ['iam:CreateUser', 'iam:CreateAccessKey'], why: 'a new user with no policy can do nothing' },
    ],
  },
  {
    id: 'cordon-008',
    title: 'Create a role trusting oneself, attach an admin policy to it and assume it',
    category: 'principal-access',
    severity: 'CRITICAL',
    rationale: RATIONALE.WRITE_THEN_ACT,
    target: 'new-role',
    requires: [
      // The attacker writes the trust policy (naming itself) in CreateRole.
      { ...on('iam:CreateRole', '${Target}'), context: { 'iam:PermissionsBoundary': ADMIN_BOUNDARY } },
      { ...attach('iam:AttachRolePolicy', '${Target}'), context: { 'iam:PolicyARN': ADMIN_BOUNDARY, 'iam:PermissionsBoundary': ADMIN_BOUNDARY } },
      on('sts:AssumeRole', '${Target}'),
    ],
    gains: 'admin',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html',
      'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html',
    ],
    examples: [
      { detected: true, allow: ['iam:CreateRole', 'iam:AttachRolePolicy', 'sts:AssumeRole'], why: 'the new role trusts the attacker and holds AdministratorAccess' },
      { detected: false, allow: ['iam:CreateRole', 'sts:AssumeRole'], why: 'a new role with no policy can do nothing' },
    ],
  },
];
