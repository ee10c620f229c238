/**
 * Builds a demo scenario in an AWS-compatible endpoint (the sandbox) through the official SDK,
 * exactly as an administrator would: policies, groups, users with keys, passwords and MFA,
 * roles, buckets with policies, KMS keys with policies.
 */
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand,
  CreateGroupCommand, CreateLoginProfileCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand,
  CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { sdkClientConfig, type AwsTarget } from './client-config.js';

type Doc = Record<string, unknown>;
/** A customer-managed policy to create. */
export interface ScenarioPolicy { name: string; document: Doc }
/** A group and the managed policies (names or AWS-managed ARNs) attached to it. */
export interface ScenarioGroup { name: string; managed: string[] }
/** A user with its groups, policies, access keys, console password and MFA device. */
export interface ScenarioUser { name: string; groups: string[]; managed: string[]; inline?: Doc; accessKeys: number; loginProfile?: boolean; mfa?: boolean }
/** A role with its trust policy and permissions. */
export interface ScenarioRole { name: string; trust: Doc; managed: string[]; inline?: Doc; description: string }
/** A bucket and its optional bucket policy. */
export interface ScenarioBucket { name: string; policy?: Doc }
/** A KMS key (by alias) and its key policy. */
export interface ScenarioKey { alias: string; policy: Doc }

/**
 * The account layout the seeder builds. Declared here, in the adapter, because the seeder is
 * what reads it: the demo's scenario (src/sandbox/demo/scenario.ts) extends it, so the adapter
 * never imports the sandbox (DESIGN.md §1: aws/ sits above sandbox/).
 */
export interface SeedLayout {
  /** moto's default account. */
  accountId: string;
  region: string;
  /** Customer-managed policies; `managed` lists refer to them by name or to AWS-managed ARNs. */
  policies: ScenarioPolicy[];
  groups: ScenarioGroup[];
  users: ScenarioUser[];
  roles: ScenarioRole[];
  buckets: ScenarioBucket[];
  keys: ScenarioKey[];
}

/** What seeding created, for the CloudTrail history and the demo's later steps. */
export interface SeededScenario {
  accessKeys: { user: string; accessKeyId: string }[];
  keyIds: { alias: string; keyId: string; arn: string }[];
  /** One entry per mutating call made, in order: `service:Operation target`. */
  calls: { eventSource: string; eventName: string; request: Record<string, unknown> }[];
}

/** Applies `scenario` to the endpoint in `target` and reports what it created. */
export async function seedScenario(scenario: SeedLayout, target: AwsTarget): Promise<SeededScenario> {
  const config = sdkClientConfig({ ...target, region: scenario.region });
  const iam = new IAMClient(config);
  const s3 = new S3Client(config);
  const kms = new KMSClient(config);
  const seeded: SeededScenario = { accessKeys: [], keyIds: [], calls: [] };
  const record = (eventSource: string, eventName: string, request: Record<string, unknown>) => seeded.calls.push({ eventSource, eventName, request });
  const policyArn = (ref: string) => (ref.startsWith('arn:') ? ref : `arn:aws:iam::${scenario.accountId}:policy/${ref}`);
  try {
    for (const p of scenario.policies) {
      const input = { PolicyName: p.name, PolicyDocument: JSON.stringify(p.document) };
      await iam.send(new CreatePolicyCommand(input));
      record('iam.amazonaws.com', 'CreatePolicy', input);
    }
    for (const g of scenario.groups) {
      await iam.send(new CreateGroupCommand({ GroupName: g.name }));
      record('iam.amazonaws.com', 'CreateGroup', { groupName: g.name });
      for (const m of g.managed) {
        await iam.send(new AttachGroupPolicyCommand({ GroupName: g.name, PolicyArn: policyArn(m) }));
        record('iam.amazonaws.com', 'AttachGroupPolicy', { groupName: g.name, policyArn: policyArn(m) });
      }
    }
    for (const r of scenario.roles) {
      await iam.send(new CreateRoleCommand({ RoleName: r.name, Description: r.description, AssumeRolePolicyDocument: JSON.stringify(r.trust) }));
      record('iam.amazonaws.com', 'CreateRole', { roleName: r.name, assumeRolePolicyDocument: JSON.stringify(r.trust) });
      for (const m of r.managed) {
        await iam.send(new AttachRolePolicyCommand({ RoleName: r.name, PolicyArn: policyArn(m) }));
        record('iam.amazonaws.com', 'AttachRolePolicy', { roleName: r.name, policyArn: policyArn(m) });
      }
      if (r.inline) {
        await iam.send(new PutRolePolicyCommand({ RoleName: r.name, PolicyName: `${r.name}-inline`, PolicyDocument: JSON.stringify(r.inline) }));
        record('iam.amazonaws.com', 'PutRolePolicy', { roleName: r.name, policyName: `${r.name}-inline` });
      }
    }
    for (const u of scenario.users) {
      await iam.send(new CreateUserCommand({ UserName: u.name }));
      record('iam.amazonaws.com', 'CreateUser', { userName: u.name });
      for (const g of u.groups) {
        await iam.send(new AddUserToGroupCommand({ UserName: u.name, GroupName: g }));
        record('iam.amazonaws.com', 'AddUserToGroup', { userName: u.name, groupName: g });
      }
      for (const m of u.managed) {
        await iam.send(new AttachUserPolicyCommand({ UserName: u.name, PolicyArn: policyArn(m) }));
        record('iam.amazonaws.com', 'AttachUserPolicy', { userName: u.name, policyArn: policyArn(m) });
      }
      if (u.inline) {
        await iam.send(new PutUserPolicyCommand({ UserName: u.name, PolicyName: `${u.name}-inline`, PolicyDocument: JSON.stringify(u.inline) }));
        record('iam.amazonaws.com', 'PutUserPolicy', { userName: u.name, policyName: `${u.name}-inline` });
      }
      for (let i = 0; i < u.accessKeys; i++) {
        const key = await iam.send(new CreateAccessKeyCommand({ UserName: u.name }));
        seeded.accessKeys.push({ user: u.name, accessKeyId: key.AccessKey!.AccessKeyId! });
        record('iam.amazonaws.com', 'CreateAccessKey', { userName: u.name });
      }
      if (u.loginProfile) {
        // A throwaway password: never printed, never stored (the demo only needs the profile to exist).
        await iam.send(new CreateLoginProfileCommand({ UserName: u.name, Password: `Demo-${Math.random().toString(36).slice(2)}-Aa1!`, PasswordResetRequired: true }));
        record('iam.amazonaws.com', 'CreateLoginProfile', { userName: u.name, passwordResetRequired: true });
      }
      if (u.mfa) {
        const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${u.name}-mfa` }));
        const serial = device.VirtualMFADevice!.SerialNumber!;
        await iam.send(new EnableMFADeviceCommand({ UserName: u.name, SerialNumber: serial, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));
        record('iam.amazonaws.com', 'EnableMFADevice', { userName: u.name, serialNumber: serial });
      }
    }
    for (const b of scenario.buckets) {
      await s3.send(new CreateBucketCommand({ Bucket: b.name }));
      record('s3.amazonaws.com', 'CreateBucket', { bucketName: b.name });
      if (b.policy) {
        await s3.send(new PutBucketPolicyCommand({ Bucket: b.name, Policy: JSON.stringify(b.policy) }));
        record('s3.amazonaws.com', 'PutBucketPolicy', { bucketName: b.name, policy: b.policy });
      }
    }
    for (const k of scenario.keys) {
      const key = await kms.send(new CreateKeyCommand({ Policy: JSON.stringify(k.policy), Description: k.alias }));
      const keyId = key.KeyMetadata!.KeyId!;
      await kms.send(new CreateAliasCommand({ AliasName: k.alias, TargetKeyId: keyId }));
      seeded.keyIds.push({ alias: k.alias, keyId, arn: key.KeyMetadata!.Arn! });
      record('kms.amazonaws.com', 'CreateKey', { description: k.alias });
    }
  } finally {
    iam.destroy();
    s3.destroy();
    kms.destroy();
  }
  return seeded;
}
