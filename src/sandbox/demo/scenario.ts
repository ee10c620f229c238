/**
 * The demo's small organization, as data: "Acme", one AWS account with a data team, developers,
 * a CI pipeline, an admin, an auditor trusted from outside, a public bucket and a shared KMS key.
 * Every risk the demo shows is planted here on purpose; tests change this data and see the
 * demo's output change (nothing in the demo's output is canned).
 */

import type { SeedLayout } from '../../aws/sandbox-seeder.js';

export type { ScenarioBucket, ScenarioGroup, ScenarioKey, ScenarioPolicy, ScenarioRole, ScenarioUser } from '../../aws/sandbox-seeder.js';

type Doc = Record<string, unknown>;
const S = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });

/** The demo's organization: what the seeder builds, plus the outside principal the story uses. */
export interface DemoScenario extends SeedLayout {
  /** Outside account trusted by the auditor role (the seed scenario's Alice). */
  externalPrincipal: string;
}

const ACCOUNT = '123456789012';
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const SECURITY_AUDIT = 'arn:aws:iam::aws:policy/SecurityAudit';

/** The default scenario. Tests may copy and change it. */
export function defaultScenario(): DemoScenario {
  return {
    accountId: ACCOUNT,
    region: 'us-east-1',
    externalPrincipal: 'arn:aws:iam::999988887777:user/Alice',
    policies: [
      {
        // Data engineers deploy their own Lambda functions — and may pass any data-* role to them.
        name: 'acme-data-pipeline',
        document: S(
          { Sid: 'DataLake', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::acme-data-lake', 'arn:aws:s3:::acme-data-lake/*'] },
          { Sid: 'Functions', Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:UpdateFunctionCode'], Resource: '*' },
          { Sid: 'PassDataRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: arn('role', 'data-*') },
        ),
      },
      {
        // Developers manage their own keys... but the Resource is every user.
        name: 'acme-developer',
        document: S(
          { Sid: 'Compute', Effect: 'Allow', Action: ['ec2:Describe*', 'ec2:StartInstances', 'ec2:StopInstances', 'logs:GetLogEvents'], Resource: '*' },
          { Sid: 'OwnKeys', Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:ListAccessKeys'], Resource: arn('user', '*') },
        ),
      },
      {
        // The CI bot may assume the build runner.
        name: 'acme-ci-bot',
        document: S({ Sid: 'AssumeBuild', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arn('role', 'build-runner') }),
      },
      {
        // The build runner publishes artifacts and "fixes up" the release role's policy.
        name: 'acme-build-runner',
        document: S(
          { Sid: 'Artifacts', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::acme-artifacts/*' },
          { Sid: 'Registry', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'], Resource: '*' },
          { Sid: 'ReleaseRole', Effect: 'Allow', Action: ['iam:PutRolePolicy', 'sts:AssumeRole'], Resource: arn('role', 'release-manager') },
        ),
      },
    ],
    groups: [
      { name: 'data-engineers', managed: ['acme-data-pipeline'] },
      { name: 'developers', managed: ['acme-developer'] },
      { name: 'admins', managed: [ADMIN] },
    ],
    users: [
      { name: 'alice', groups: ['data-engineers'], managed: [], accessKeys: 1, loginProfile: true, mfa: true },
      { name: 'bob', groups: ['data-engineers'], managed: [], accessKeys: 1 },
      { name: 'carol', groups: ['developers'], managed: [], accessKeys: 1, loginProfile: true },
      { name: 'dave', groups: ['developers'], managed: [], accessKeys: 2, loginProfile: true, mfa: true },
      { name: 'ci-bot', groups: [], managed: ['acme-ci-bot'], accessKeys: 1 },
      { name: 'ops-admin', groups: ['admins'], managed: [], accessKeys: 1, loginProfile: true, mfa: true },
      { name: 'svc-legacy-backup', groups: [], managed: [READ_ONLY], accessKeys: 1 },
    ],
    roles: [
      { name: 'data-etl-lambda', description: 'ETL functions (over-privileged)', trust: S({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }), managed: [ADMIN] },
      { name: 'build-runner', description: 'CI build runner', trust: S({ Effect: 'Allow', Principal: { AWS: arn('user', 'ci-bot') }, Action: 'sts:AssumeRole' }), managed: ['acme-build-runner'] },
      { name: 'release-manager', description: 'Release automation', trust: S({ Effect: 'Allow', Principal: { AWS: arn('role', 'build-runner') }, Action: 'sts:AssumeRole' }), managed: [READ_ONLY] },
      { name: 'Audit_CrossAccountRole', description: 'External auditor', trust: S({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:user/Alice' }, Action: 'sts:AssumeRole' }), managed: [SECURITY_AUDIT] },
      { name: 'legacy-reporting', description: 'Old reporting job, no longer used', trust: S({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), managed: [READ_ONLY] },
    ],
    buckets: [
      { name: 'acme-public-assets', policy: S({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-public-assets/*' }) },
      { name: 'acme-data-lake' },
      { name: 'acme-artifacts' },
    ],
    keys: [
      {
        alias: 'alias/acme-shared',
        policy: S(
          { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
          { Sid: 'PartnerDecrypt', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
        ),
      },
    ],
  };
}
