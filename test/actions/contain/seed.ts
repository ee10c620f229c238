/**
 * Test helpers for containment: seed IAM users/roles and Identity Center users in moto through
 * the SDK, and compare configurations modulo what release documents as unrestorable.
 */
import {
  AddUserToGroupCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand, CreateLoginProfileCommand, CreatePolicyCommand,
  CreateRoleCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient, PutRolePolicyCommand,
  PutUserPolicyCommand, TagUserCommand, UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import type { SdkClientConfig } from '../../../src/aws/client-config.js';
import type { IamUserConfiguration, PrincipalConfiguration } from '../../../src/actions/contain/config.js';

/** A user to create. */
export interface UserSpec {
  name: string;
  /** Status of each access key to create (0-2). */
  keys: ('Active' | 'Inactive')[];
  groups: string[];
  /** Inline policy count; managed customer policies count. */
  inline: number;
  managed: number;
  loginProfile: boolean;
  mfa: boolean;
  tags?: Record<string, string>;
}

const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

/** Creates a user as `spec` says; returns the access keys (id + secret, for auth tests). */
export async function seedUser(config: SdkClientConfig, spec: UserSpec): Promise<{ accessKeyId: string; secretAccessKey: string }[]> {
  const iam = new IAMClient(config);
  await iam.send(new CreateUserCommand({ UserName: spec.name }));
  const keys: { accessKeyId: string; secretAccessKey: string }[] = [];
  for (const status of spec.keys) {
    const k = await iam.send(new CreateAccessKeyCommand({ UserName: spec.name }));
    keys.push({ accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! });
    if (status === 'Inactive') await iam.send(new UpdateAccessKeyCommand({ UserName: spec.name, AccessKeyId: k.AccessKey!.AccessKeyId!, Status: 'Inactive' }));
  }
  for (const g of spec.groups) {
    await iam.send(new CreateGroupCommand({ GroupName: g })).catch(() => undefined);
    await iam.send(new AddUserToGroupCommand({ GroupName: g, UserName: spec.name }));
  }
  for (let i = 0; i < spec.inline; i++) await iam.send(new PutUserPolicyCommand({ UserName: spec.name, PolicyName: `inline-${i}`, PolicyDocument: JSON.stringify(doc(`s3:Get${i}*`)) }));
  for (let i = 0; i < spec.managed; i++) {
    const p = await iam.send(new CreatePolicyCommand({ PolicyName: `${spec.name}-managed-${i}`, PolicyDocument: JSON.stringify(doc(`ec2:Describe${i}*`)) }));
    await iam.send(new AttachUserPolicyCommand({ UserName: spec.name, PolicyArn: p.Policy!.Arn! }));
  }
  // A throwaway password: the tests only need the profile to exist.
  if (spec.loginProfile) await iam.send(new CreateLoginProfileCommand({ UserName: spec.name, Password: 'Seed-Passw0rd!x', PasswordResetRequired: false }));
  if (spec.mfa) {
    const d = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${spec.name}-mfa` }));
    await iam.send(new EnableMFADeviceCommand({ UserName: spec.name, SerialNumber: d.VirtualMFADevice!.SerialNumber!, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));
  }
  if (spec.tags && Object.keys(spec.tags).length) await iam.send(new TagUserCommand({ UserName: spec.name, Tags: Object.entries(spec.tags).map(([Key, Value]) => ({ Key, Value })) }));
  return keys;
}

/** Creates a role with one inline policy. */
export async function seedRole(config: SdkClientConfig, name: string): Promise<void> {
  const iam = new IAMClient(config);
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] };
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'work', PolicyDocument: JSON.stringify(doc('s3:*')) }));
}

/** Normalises a policy document so `{Statement: {...}}` and `{Statement: [{...}]}` compare equal. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'Statement' && !Array.isArray(v) ? [normalise(v)] : normalise(v);
    return out;
  }
  return value;
}

/**
 * The configuration minus what release documents as unrestorable (login profile, MFA devices,
 * and key status unless keys were reactivated) and minus volatile fields (dates).
 */
export function restorable(config: PrincipalConfiguration, keysReactivated: boolean): unknown {
  if (config.type !== 'iam-user') return normalise(config);
  const user: Partial<IamUserConfiguration> = { ...config };
  delete user.loginProfile;
  delete user.mfaDevices;
  user.accessKeys = config.accessKeys.map((k) => ({ accessKeyId: k.accessKeyId, status: keysReactivated ? k.status : 'Inactive' }));
  return normalise(user);
}
