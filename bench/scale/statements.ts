/**
 * Statement shapes for the risk-dense generator. Each builder returns one IAM statement; the mix
 * (which builder, how often) lives in `risk-dense-account.ts`. Risky shapes are the ones
 * privilege-escalation paths are made of (pathfinding.cloud methods), written the way teams write
 * them: PassRole scoped to a name pattern, AssumeRole on a team prefix, PowerUser via NotAction.
 */
import type { Rand } from './random.js';

/** One IAM policy statement as written in JSON. */
export type Statement = Record<string, unknown>;

/** What a builder needs to name resources of the account being generated. */
export interface StatementContext {
  accountId: string;
  teams: number;
  roles: number;
  users: number;
}

const READ = ['s3:GetObject', 's3:ListBucket', 'dynamodb:GetItem', 'dynamodb:Query', 'sqs:ReceiveMessage', 'logs:PutLogEvents', 'kms:Decrypt', 'ssm:GetParameter', 'ec2:Describe*', 'cloudwatch:PutMetricData', 'secretsmanager:GetSecretValue'];
const WRITE = ['s3:PutObject', 'dynamodb:PutItem', 'sqs:SendMessage', 'sns:Publish', 'lambda:InvokeFunction', 'ecr:BatchGetImage', 's3:DeleteObject'];

const iam = (c: StatementContext, kind: string, name: string) => `arn:aws:iam::${c.accountId}:${kind}/${name}`;
const teamRoles = (c: StatementContext, r: Rand) => iam(c, 'role', `team-${r.int(0, c.teams - 1)}-*`);

/** Builders of escalation-relevant grants, picked uniformly. */
const RISKY: ReadonlyArray<(c: StatementContext, r: Rand) => Statement> = [
  (c, r) => ({ Effect: 'Allow', Action: 'iam:PassRole', Resource: teamRoles(c, r) }),
  (c, r) => ({ Effect: 'Allow', Action: ['iam:PassRole'], Resource: teamRoles(c, r), Condition: { StringEquals: { 'iam:PassedToService': r.pick(['lambda.amazonaws.com', 'ec2.amazonaws.com', 'glue.amazonaws.com']) } } }),
  () => ({ Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:CreateEventSourceMapping'], Resource: '*' }),
  () => ({ Effect: 'Allow', Action: ['ec2:RunInstances', 'ec2:AssociateIamInstanceProfile'], Resource: '*' }),
  (c, r) => ({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: r.chance(0.5) ? teamRoles(c, r) : iam(c, 'role', `team-${r.int(0, c.teams - 1)}-app-${r.int(0, c.roles - 1)}`) }),
  (c, r) => ({ Effect: 'Allow', Action: r.pick([['iam:AttachRolePolicy'], ['iam:PutRolePolicy'], ['iam:UpdateAssumeRolePolicy'], ['iam:AttachRolePolicy', 'iam:PutRolePolicy']]), Resource: teamRoles(c, r) }),
  (c, r) => ({ Effect: 'Allow', Action: r.pick(['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile']), Resource: r.chance(0.5) ? iam(c, 'user', '*') : iam(c, 'user', `user-${r.int(0, c.users - 1)}`) }),
  (c) => ({ Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], Resource: iam(c, 'policy', '*') }),
  () => ({ Effect: 'Allow', Action: ['glue:CreateDevEndpoint', 'glue:CreateJob', 'glue:StartJobRun'], Resource: '*' }),
  () => ({ Effect: 'Allow', Action: ['cloudformation:CreateStack', 'cloudformation:UpdateStack'], Resource: '*' }),
  () => ({ Effect: 'Allow', Action: ['codebuild:CreateProject', 'codebuild:StartBuild'], Resource: '*' }),
  (c) => ({ Effect: 'Allow', Action: ['iam:AddUserToGroup', 'iam:AttachGroupPolicy'], Resource: iam(c, 'group', '*') }),
  () => ({ Effect: 'Allow', Action: ['ssm:SendCommand', 'ssm:StartSession'], Resource: '*' }),
  () => ({ Effect: 'Allow', Action: ['ecs:RunTask', 'ecs:RegisterTaskDefinition'], Resource: '*' }),
];

/** PowerUser-like: everything except IAM (AWS's own PowerUserAccess is written this way). */
export function powerUser(): Statement {
  return { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' };
}

/** A grant from the escalation vocabulary. */
export function risky(c: StatementContext, r: Rand): Statement {
  return r.pick(RISKY)(c, r);
}

/** An ordinary data-plane grant on a bucket or `*`. */
export function ordinary(r: Rand): Statement {
  const actions = new Set<string>();
  for (let i = r.int(1, 4); i > 0; i--) actions.add(r.chance(0.7) ? r.pick(READ) : r.pick(WRITE));
  return { Effect: 'Allow', Action: [...actions], Resource: r.chance(0.3) ? '*' : [`arn:aws:s3:::bucket-${r.int(0, 499)}`, `arn:aws:s3:::bucket-${r.int(0, 499)}/*`] };
}

/** Conditions as they appear in real policies: region pins, tags, MFA, source network. */
export function condition(c: StatementContext, r: Rand): Record<string, unknown> {
  switch (r.int(0, 4)) {
    case 0: return { StringEquals: { 'aws:RequestedRegion': r.pick(['us-east-1', 'eu-west-1', 'ap-southeast-2']) } };
    case 1: return { StringEquals: { 'aws:PrincipalTag/team': `team-${r.int(0, c.teams - 1)}` } };
    case 2: return { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    case 3: return { IpAddress: { 'aws:SourceIp': [`10.${r.int(0, 255)}.0.0/16`, '192.0.2.0/24'] } };
    default: return { StringLike: { 'aws:ResourceTag/env': r.pick(['prod', 'dev*', 'stag?']) } };
  }
}
