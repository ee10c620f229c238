// Live collection beyond IAM/S3/KMS against the sandbox (moto): resource-based policies and shares
// of SQS, SNS, Secrets Manager, ECR, EFS and EBS snapshots come back in the snapshot and reach the
// exposure analyzer; organization mode reads the tree and SCPs and enters a member account through
// OrganizationAccountAccessRole (moto creates it with CreateAccount, as AWS does — shared/MOTO.md).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CreateSnapshotCommand, CreateVolumeCommand, EC2Client, ModifySnapshotAttributeCommand } from '@aws-sdk/client-ec2';
import { CreateRepositoryCommand, ECRClient, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { CreateFileSystemCommand, EFSClient, PutFileSystemPolicyCommand } from '@aws-sdk/client-efs';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { AttachPolicyCommand, CreateAccountCommand, CreateOrganizationCommand, CreatePolicyCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateSecretCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { assumeRoleCredentials } from '../../src/aws/organization-reader.js';
import type { Finding } from '../../src/model/finding.js';
import type { Snapshot } from '../../src/model/snapshot/types.js';
import { seedIdc } from '../actions/contain/seed-idc.js';
import { runCordon } from '../helpers/cli.js';
import { useMoto } from '../helpers/moto.js';

const moto = useMoto();
const OUTSIDER = '444455556666';
const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const outsiderGrant = (action: string, resource: string) => doc({ Sid: 'Outsider', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OUTSIDER}:root` }, Action: action, Resource: resource });

async function collect(args: string[] = []): Promise<{ snapshot: Snapshot; file: string; stderr: string; code: number }> {
  const file = join(mkdtempSync(join(tmpdir(), 'cordon-collect-')), 's.json');
  const r = await runCordon(['collect', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--out', file, ...args]);
  return { snapshot: r.code === 0 ? (JSON.parse(readFileSync(file, 'utf8')) as Snapshot) : (undefined as unknown as Snapshot), file, stderr: r.stderr, code: r.code };
}

test('organization mode outside an organization: --accounts all is a clear error (exit 2)', async () => {
  const r = await collect(['--accounts', 'all']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot list the organization's accounts/);
});

test('resource policies and shares of SQS, SNS, Secrets Manager, ECR, EFS and EBS snapshots are collected and scanned', async () => {
  const sqs = new SQSClient(moto.config);
  const sns = new SNSClient(moto.config);
  const sm = new SecretsManagerClient(moto.config);
  const ecr = new ECRClient(moto.config);
  const efs = new EFSClient(moto.config);
  const ec2 = new EC2Client(moto.config);
  try {
    const queueArn = `arn:aws:sqs:us-east-1:123456789012:collect-queue`;
    await sqs.send(new CreateQueueCommand({ QueueName: 'collect-queue', Attributes: { Policy: doc({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: queueArn }) } }));
    const topic = await sns.send(new CreateTopicCommand({ Name: 'collect-topic' }));
    await sns.send(new SetTopicAttributesCommand({ TopicArn: topic.TopicArn!, AttributeName: 'Policy', AttributeValue: outsiderGrant('sns:Publish', topic.TopicArn!) }));
    const secret = await sm.send(new CreateSecretCommand({ Name: 'collect-secret', SecretString: 'not-a-real-secret' }));
    await sm.send(new PutResourcePolicyCommand({ SecretId: secret.ARN!, ResourcePolicy: outsiderGrant('secretsmanager:GetSecretValue', '*') }));
    const repo = await ecr.send(new CreateRepositoryCommand({ repositoryName: 'collect-repo' }));
    await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'collect-repo', policyText: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Outsider', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OUTSIDER}:root` }, Action: 'ecr:BatchGetImage' }] }) }));
    const fs = await efs.send(new CreateFileSystemCommand({ CreationToken: 'collect-fs' }));
    await efs.send(new PutFileSystemPolicyCommand({ FileSystemId: fs.FileSystemId!, Policy: outsiderGrant('elasticfilesystem:ClientMount', fs.FileSystemArn!) }));
    const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 1 }));
    const snap = await ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId! }));
    await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: snap.SnapshotId!, Attribute: 'createVolumePermission', OperationType: 'add', UserIds: [OUTSIDER] }));

    const { snapshot, file, code, stderr } = await collect();
    assert.equal(code, 0, stderr);
    const byType = new Map(snapshot.accounts[0]!.resources.map((r) => [r.resourceType, r]));
    assert.equal(byType.get('AWS::SQS::Queue')?.arn, queueArn);
    assert.equal(byType.get('AWS::SQS::Queue')?.policy?.Statement instanceof Array ? (byType.get('AWS::SQS::Queue')!.policy!.Statement as { Principal: unknown }[])[0]!.Principal : undefined, '*');
    assert.equal(byType.get('AWS::SNS::Topic')?.arn, topic.TopicArn);
    assert.ok(byType.get('AWS::SNS::Topic')?.policy, 'SNS topic policy collected');
    assert.equal(byType.get('AWS::SecretsManager::Secret')?.arn, secret.ARN);
    assert.ok(byType.get('AWS::SecretsManager::Secret')?.policy, 'secret policy collected');
    assert.equal(byType.get('AWS::ECR::Repository')?.arn, repo.repository!.repositoryArn);
    assert.ok(byType.get('AWS::ECR::Repository')?.policy, 'repository policy collected');
    assert.equal(byType.get('AWS::EFS::FileSystem')?.arn, fs.FileSystemArn);
    assert.ok(byType.get('AWS::EFS::FileSystem')?.policy, 'file system policy collected');
    assert.deepEqual(byType.get('AWS::EC2::Snapshot')?.sharedWith, [OUTSIDER]);

    // The exposure analyzer reads them: the public queue and every outsider grant are findings.
    const scan = await runCordon(['scan', '--snapshot', file, '--analyzers', 'exposure', '--no-store', '--output', 'json']);
    assert.equal(scan.code, 1, scan.stderr);
    const findings = JSON.parse(scan.stdout) as Finding[];
    const resources = new Set(findings.map((f) => f.resource));
    for (const arn of [queueArn, topic.TopicArn!, secret.ARN!, repo.repository!.repositoryArn!, fs.FileSystemArn!]) assert.ok(resources.has(arn), `exposure finding for ${arn}`);
    assert.ok([...resources].some((r) => r.endsWith(`snapshot/${snap.SnapshotId}`)), 'shared EBS snapshot is a finding');
  } finally {
    for (const c of [sqs, sns, sm, ecr, efs, ec2]) c.destroy();
  }
});

test('Identity Center: users, groups, memberships, permission sets with inline policies and account assignments', async () => {
  const seeded = await seedIdc(moto.config, 'dana');
  const { snapshot, code, stderr } = await collect();
  assert.equal(code, 0, stderr);
  const idc = snapshot.identityCenter!;
  assert.ok(idc, 'identityCenter collected');
  const dana = idc.users.find((u) => u.userName === 'dana')!;
  assert.equal(dana.userId, seeded.userId);
  assert.equal(idc.memberships.filter((m) => m.userId === dana.userId).length, 2);
  const admin = idc.permissionSets.find((p) => p.arn === seeded.inlinePermissionSetArn)!;
  assert.deepEqual(admin.inlinePolicy?.Statement, [{ Sid: 'Existing', Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
  const assignments = idc.accountAssignments.map((a) => `${a.principalType}:${a.permissionSetArn === seeded.inlinePermissionSetArn ? 'admin' : 'read'}`).sort();
  assert.deepEqual(assignments, ['GROUP:read', 'USER:admin']);
});

test('organization mode: tree, SCPs and a member account entered through OrganizationAccountAccessRole', async () => {
  const org = new OrganizationsClient(moto.config);
  try {
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const created = await org.send(new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }));
    const memberId = created.CreateAccountStatus!.AccountId!;
    const scp = await org.send(new CreatePolicyCommand({ Name: 'deny-leave', Type: 'SERVICE_CONTROL_POLICY', Description: 'test', Content: doc({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }) }));
    await org.send(new AttachPolicyCommand({ PolicyId: scp.Policy!.PolicySummary!.Id!, TargetId: memberId }));
    const credentials = await assumeRoleCredentials({ endpointUrl: moto.endpoint, region: 'us-east-1' }, `arn:aws:iam::${memberId}:role/OrganizationAccountAccessRole`);
    const memberIam = new IAMClient({ ...moto.config, credentials });
    await memberIam.send(new CreateUserCommand({ UserName: 'member-user' }));
    memberIam.destroy();

    const { snapshot, code, stderr } = await collect(['--accounts', 'all']);
    assert.equal(code, 0, stderr);
    assert.deepEqual(snapshot.accounts.map((a) => a.accountId).sort(), ['123456789012', memberId].sort());
    const member = snapshot.accounts.find((a) => a.accountId === memberId)!;
    assert.deepEqual(member.users.map((u) => u.name), ['member-user']);
    assert.ok(!snapshot.accounts.find((a) => a.accountId === '123456789012')!.users.some((u) => u.name === 'member-user'), 'accounts kept apart');
    assert.equal(snapshot.organization?.managementAccountId, '123456789012');
    const denyLeave = snapshot.organization!.policies.find((p) => p.name === 'deny-leave')!;
    assert.deepEqual(denyLeave.targets, [memberId]);
    assert.equal(denyLeave.type, 'SERVICE_CONTROL_POLICY');
    assert.ok(snapshot.organization!.accounts.some((a) => a.id === memberId));

    // Explicit ids collect only those accounts.
    const only = await collect(['--accounts', memberId]);
    assert.equal(only.code, 0, only.stderr);
    assert.deepEqual(only.snapshot.accounts.map((a) => a.accountId), [memberId]);
  } finally {
    org.destroy();
  }
});

test('--accounts with a malformed id is a usage error', async () => {
  const r = await collect(['--accounts', '12345,abc']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /12-digit account ids/);
});
