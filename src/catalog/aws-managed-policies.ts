/**
 * A small bundled copy of widely attached AWS-managed policies, used when a GAAD export omits
 * AWS-managed policy documents (`--filter` without `AWSManagedPolicy`). Each document is the
 * default version published in the AWS Managed Policy Reference
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<Name>.html), read 2026-11-23;
 * the version id is recorded so a reader can tell when AWS has moved on. Any other AWS-managed
 * policy missing from the input stays `unknown` — never silently empty.
 */
import type { PolicyDocumentJson } from '../model/snapshot/types.js';

export interface BundledManagedPolicy {
  name: string;
  arn: string;
  versionId: string;
  /** The reference page's "Edited time". */
  editedTime: string;
  document: PolicyDocumentJson;
}

const REFERENCE = 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/';

export const BUNDLED_AWS_MANAGED_POLICIES: readonly BundledManagedPolicy[] = [
  {
    name: 'AdministratorAccess',
    arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    versionId: 'v1',
    editedTime: '2015-02-06T18:39:46Z',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  },
  {
    name: 'IAMFullAccess',
    arn: 'arn:aws:iam::aws:policy/IAMFullAccess',
    versionId: 'v2',
    editedTime: '2019-06-21T19:40:00Z',
    document: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Action: ['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit', 'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy'],
        Resource: '*',
      }],
    },
  },
  {
    name: 'PowerUserAccess',
    arn: 'arn:aws:iam::aws:policy/PowerUserAccess',
    versionId: 'v12',
    editedTime: '2026-02-12T17:59:00Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['account:GetAccountInformation', 'account:GetGovCloudAccountInformation', 'account:GetPrimaryEmail', 'account:ListRegions', 'iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeEffectivePolicy', 'organizations:DescribeOrganization'],
          Resource: '*',
        },
      ],
    },
  },
  {
    name: 'AmazonS3ReadOnlyAccess',
    arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    versionId: 'v3',
    editedTime: '2023-08-10T21:31:00Z',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' }] },
  },
];

/** The bundled policy with this ARN (any partition), if there is one. */
export function bundledManagedPolicy(arn: string): BundledManagedPolicy | undefined {
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const found = BUNDLED_AWS_MANAGED_POLICIES.find((p) => p.name === name);
  return found && arn.split(':')[4] === 'aws' && arn.endsWith(`:policy/${name}`) ? found : undefined;
}

export const BUNDLED_POLICY_REFERENCE = REFERENCE;
