// Live collection against the sandbox (moto): what was created through the SDK comes back in the
// snapshot, and `cordon scan` reads the file back (issue 4 acceptance). Where moto differs from
// AWS (shared/MOTO.md) the test says so.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  AddUserToGroupCommand, AttachRolePolicyCommand, CreateAccessKeyCommand, CreateGroupCommand, CreateLoginProfileCommand, CreatePolicyCommand,
  CreatePolicyVersionCommand, CreateRoleCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient, PutUserPolicyCommand, UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import type { Snapshot } from '../../src/model/snapshot/types.js';
import { runCordon } from '../helpers/cli.js';
import { useMoto } from '../helpers/moto.js';

const moto = useMoto();
const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

test('collect → snapshot equal to what was created; scan reads it back', async () => {
  const iam = new IAMClient(moto.config);
  const s3 = new S3Client(moto.config);
  const kms = new KMSClient(moto.config);
  try {
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await iam.send(new AddUserToGroupCommand({ UserName: 'alice', GroupName: 'devs' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'inline', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }) }));
    const k1 = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const k2 = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: k2.AccessKey!.AccessKeyId!, Status: 'Inactive' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Collect-Test-Pw-1!' }));
    const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-mfa' }));
    await iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: mfa.VirtualMFADevice!.SerialNumber!, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: 'app', PolicyDocument: doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }) }));
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: policy.Policy!.Arn!, PolicyDocument: doc({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }), SetAsDefault: true }));
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:user/Alice' }, Action: 'sts:AssumeRole' }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: policy.Policy!.Arn! }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'collect-bucket' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'collect-bucket', Policy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::collect-bucket/*' }) }));
    const key = await kms.send(new CreateKeyCommand({ Policy: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'kms:Decrypt', Resource: '*' }) }));

    const dir = mkdtempSync(join(tmpdir(), 'cordon-collect-'));
    const out = join(dir, 's.json');
    const r = await runCordon(['collect', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const snapshot = JSON.parse(readFileSync(out, 'utf8')) as Snapshot;
    const account = snapshot.accounts[0]!;
    assert.equal(account.accountId, '123456789012');
    const alice = account.users.find((u) => u.name === 'alice')!;
    assert.deepEqual(alice.groupNames, ['devs']);
    assert.deepEqual(alice.inlinePolicies.map((p) => p.name), ['inline']);
    assert.deepEqual(alice.accessKeys.map((k) => [k.accessKeyId, k.status]).sort(), [[k1.AccessKey!.AccessKeyId!, 'Active'], [k2.AccessKey!.AccessKeyId!, 'Inactive']].sort());
    assert.ok(alice.loginProfile);
    assert.equal(alice.mfaDevices.length, 1);
    const app = account.policies.find((p) => p.name === 'app')!;
    assert.equal(app.versions.length, 2);
    assert.equal(app.versions.find((v) => v.isDefault)!.versionId, 'v2');
    assert.equal(account.policies.find((p) => p.arn === 'arn:aws:iam::aws:policy/ReadOnlyAccess')?.documentStatus, 'present');
    const role = account.roles.find((x) => x.name === 'app')!;
    assert.deepEqual(role.attachedPolicyArns.sort(), [policy.Policy!.Arn!, 'arn:aws:iam::aws:policy/ReadOnlyAccess'].sort());
    assert.equal(account.resources.find((x) => x.arn === 'arn:aws:s3:::collect-bucket')?.resourceType, 'AWS::S3::Bucket');
    assert.ok(account.resources.find((x) => x.arn === key.KeyMetadata!.Arn)?.policy);

    const scan = await runCordon(['scan', '--snapshot', out, '--analyzers', 'exposure', '--output', 'json', '--no-store']);
    assert.equal(scan.code, 1, scan.stderr);
    const types = (JSON.parse(scan.stdout) as { type: string; resource: string }[]).map((f) => `${f.type} ${f.resource}`);
    assert.ok(types.includes('PublicAccess arn:aws:s3:::collect-bucket'));
    assert.ok(types.includes('ExternalAccess arn:aws:iam::123456789012:role/app'));
    assert.ok(types.includes(`ExternalAccess ${key.KeyMetadata!.Arn}`));
  } finally {
    iam.destroy();
    s3.destroy();
    kms.destroy();
  }
});

test('scan and simulate without --snapshot collect the account live through the global flags', async () => {
  const scan = await runCordon(['scan', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--analyzers', 'exposure', '--no-store', '--output', 'json']);
  assert.equal(scan.code, 1, scan.stderr);
  const findings = JSON.parse(scan.stdout) as { resource: string }[];
  assert.ok(findings.some((f) => f.resource.endsWith(':role/app')), 'the role trusting 999988887777 is found live');
  const sim = await runCordon(['simulate', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--principal', 'arn:aws:iam::123456789012:user/alice', '--action', 's3:ListBucket', '--resource', 'arn:aws:s3:::collect-bucket', '--output', 'json']);
  assert.equal(sim.code, 0, sim.stderr);
  assert.equal((JSON.parse(sim.stdout) as { decision: string }).decision, 'Allowed');
});
