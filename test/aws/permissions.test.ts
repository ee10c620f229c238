// Cordon's own permissions, declared and proven (issue 24; cloud-custodian's test_permissions is the
// model): each command runs against the sandbox with the SDK call recorder on, and every call it
// makes must be declared for that command in src/aws/permissions/declarations.ts. Then the printed
// collector policy is proven both ways on moto with authorization on: `collect --accounts all` succeeds
// with it, and fails without any one of its actions.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreatePolicyCommand, CreatePolicyVersionCommand, CreateUserCommand, DeletePolicyVersionCommand,
  IAMClient, ListPolicyVersionsCommand, PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { assumeRoleCredentials } from '../../src/aws/organization-reader.js';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ALWAYS_ALLOWED, iamActionForSdkCall } from '../../src/aws/permissions/sdk-actions.js';
import { declaredActions, type CordonAwsCommand } from '../../src/aws/permissions/declarations.js';
import { rolePolicy } from '../../src/aws/permissions/policy.js';
import { cloudTrailEnvelope } from '../../src/detect/eventbridge/envelope.js';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import type { Finding } from '../../src/model/finding.js';
import { seedIdc } from '../actions/contain/seed-idc.js';
import { seedUser } from '../actions/contain/seed.js';
import { collectOrganization } from '../../src/collect/live/collect-org.js';
import { seedEveryResourceType } from './seed-every-resource.js';
import { STRATUS_DIR } from '../activity/corpora.js';
import { runCordon } from '../helpers/cli.js';
import { useMoto } from '../helpers/moto.js';

const moto = useMoto();
const dir = mkdtempSync(join(tmpdir(), 'cordon-permissions-'));
const db = join(dir, 'cordon.db');
const aws = () => ['--endpoint-url', moto.endpoint, '--region', 'us-east-1'];
const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

/** Runs `cordon args` with the recorder on; returns the IAM actions of the calls it made. */
async function recordedRun(name: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const file = join(dir, `${name}.jsonl`);
  const r = await runCordon(args, { env: { ...env, CORDON_RECORD_AWS_CALLS: file }, timeoutMs: 120_000 });
  const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
  const actions = new Set(lines.map((l) => JSON.parse(l) as { client: string; command: string }).map((c) => iamActionForSdkCall(c.client, c.command)));
  return { ...r, actions: [...actions].filter((a) => !ALWAYS_ALLOWED.has(a)).sort() };
}

function assertDeclared(actions: string[], commands: CordonAwsCommand[]): void {
  assert.ok(actions.length > 0, 'the recorder saw calls');
  const declared = new Set(declaredActions(commands));
  assert.deepEqual(actions.filter((a) => !declared.has(a)), [], `calls not declared for ${commands.join(', ')}`);
}

test('every AWS call of collect, detect over S3, watch over SQS, remediate, contain and release is declared', async (t) => {
  const iam = new IAMClient(moto.config);
  const s3 = new S3Client(moto.config);
  const sqs = new SQSClient(moto.config);
  const org = new OrganizationsClient(moto.config);
  try {
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    await org.send(new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }));
    await seedUser(moto.config, { name: 'eve', keys: ['Active'], groups: ['g'], inline: 1, managed: 0, loginProfile: true, mfa: true });
    await seedIdc(moto.config, 'dana');
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    const app = await iam.send(new CreatePolicyCommand({ PolicyName: 'app-policy', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'dev', PolicyArn: app.Policy!.Arn! }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'self-service', PolicyDocument: doc({ Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 's3:GetObject'], Resource: '*' }) }));
    await s3.send(new CreateBucketCommand({ Bucket: 'shared-data' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'shared-data', Policy: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-data/*' }) }));

    await t.test('collect --accounts all', async () => {
      const r = await recordedRun('collect-org', ['collect', ...aws(), '--accounts', 'all', '--out', join(dir, 'org.json')]);
      assert.equal(r.code, 0, r.stderr);
      assertDeclared(r.actions, ['collect', 'collect-organization']);
    });

    await t.test('detect --cloudtrail s3://', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'org-trail' }));
      const events = JSON.parse(readFileSync(join(STRATUS_DIR, 'aws.defense-evasion.cloudtrail-stop.json'), 'utf8')) as object[];
      await s3.send(new PutObjectCommand({ Bucket: 'org-trail', Key: 'AWSLogs/123456789012/CloudTrail/us-east-1/2024/08/01/a.json.gz', Body: gzipSync(JSON.stringify({ Records: events })) }));
      const r = await recordedRun('detect-s3', ['detect', '--cloudtrail', 's3://org-trail/AWSLogs/', ...aws(), '--output', 'json']);
      assert.equal(r.code, 1, r.stderr);
      assertDeclared(r.actions, ['cloudtrail-s3']);
    });

    await t.test('watch --sqs-queue-url --once', async () => {
      const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'cordon-events' }))).QueueUrl!;
      const events = JSON.parse(readFileSync(join(STRATUS_DIR, 'aws.persistence.iam-backdoor-role.json'), 'utf8')) as CloudTrailEvent[];
      for (const e of events.slice(0, 3)) await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(cloudTrailEnvelope(e)) }));
      const r = await recordedRun('watch-sqs', ['watch', '--sqs-queue-url', queueUrl, ...aws(), '--db', db, '--once', '--visibility-timeout', '2', '--drain-timeout', '20']);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      assertDeclared(r.actions, ['watch-sqs']);
    });

    await t.test('remediate --apply and --rollback', async () => {
      const collected = await runCordon(['collect', ...aws(), '--out', join(dir, 'account.json')]);
      assert.equal(collected.code, 0, collected.stderr);
      const scan = await runCordon(['scan', '--snapshot', join(dir, 'account.json'), '--db', db, '--output', 'json']);
      const findings = JSON.parse(scan.stdout) as Finding[];
      const escalation = findings.find((f) => f.type === 'PrivilegeEscalation' && f.resource.endsWith(':user/dev'));
      const external = findings.find((f) => f.resource === 'arn:aws:s3:::shared-data' && f.status === 'ACTIVE');
      assert.ok(escalation, 'escalation finding for dev');
      assert.ok(external, 'external-access finding for shared-data');
      for (const finding of [escalation, external]) {
        const applied = await recordedRun(`remediate-${finding.id}`, ['remediate', finding.id, '--apply', ...aws(), '--db', db]);
        assert.equal(applied.code, 0, applied.stderr);
        assertDeclared(applied.actions, ['remediate']);
        const rolledBack = await recordedRun(`rollback-${finding.id}`, ['remediate', finding.id, '--rollback', ...aws(), '--db', db]);
        assert.equal(rolledBack.code, 0, rolledBack.stderr);
        assertDeclared(rolledBack.actions, ['remediate']);
      }
    });

    await t.test('contain and release an IAM user and an Identity Center user', async () => {
      for (const [type, name] of [['iam-user', 'eve'], ['idc-user', 'dana']] as const) {
        const contained = await recordedRun(`contain-${name}`, ['contain', '--type', type, '--name', name, '--apply', '--report-dir', dir, '--execution-id', `perm-${name}`, '--bucket-access', 'shared-data', '--output', 'json', ...aws()]);
        assert.ok(contained.code === 0 || contained.code === 1, contained.stderr + contained.stdout);
        assertDeclared(contained.actions, ['contain']);
        const report = JSON.parse(contained.stdout) as { location: string };
        const released = await recordedRun(`release-${name}`, ['release', '--report', report.location, '--apply', '--reactivate-keys', '--recreate-login-profile', '--output', 'json', ...aws()]);
        assert.ok(released.code === 0 || released.code === 1, released.stderr + released.stdout);
        assertDeclared(released.actions, ['release']);
      }
    });
  } finally {
    for (const c of [iam, s3, sqs, org]) c.destroy();
  }
});

/**
 * moto 5.2 authorizes S3's GetPublicAccessBlock as `s3:ListBucket` (its action map misses the
 * `publicAccessBlock` query key and falls back to the bucket default); AWS as
 * `s3:GetBucketPublicAccessBlock` (Service Authorization Reference). On moto the policy also carries
 * the name moto checks, removed together with the AWS name.
 */
const MOTO_ALIASES: Record<string, string[]> = { 's3:GetBucketPublicAccessBlock': ['s3:ListBucket'] };
/** Operations moto does not implement (it answers an HTML 404): not provable here. */
const MOTO_UNIMPLEMENTED = ['sso:GetPermissionsBoundaryForPermissionSet'];

/** The collector policy as moto needs it to behave like AWS. */
function motoPolicy(without: string[] = []) {
  const policy = rolePolicy('collector', without);
  const aliases = Object.entries(MOTO_ALIASES).filter(([action]) => !without.includes(action)).flatMap(([, names]) => names);
  return JSON.stringify({ ...policy, Statement: [...policy.Statement, ...(aliases.length ? [{ Sid: 'MotoAliases', Effect: 'Allow', Action: aliases, Resource: '*' }] : [])] });
}

test('the collector policy lets `collect --accounts all` succeed, and it fails without any one action', async () => {
  await moto.sandbox.reset();
  const iam = new IAMClient(moto.config);
  const org = new OrganizationsClient(moto.config);
  const clients: IAMClient[] = [iam];
  try {
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const memberId = (await org.send(new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }))).CreateAccountStatus!.AccountId!;
    const memberCredentials = await assumeRoleCredentials({ endpointUrl: moto.endpoint, region: 'us-east-1' }, `arn:aws:iam::${memberId}:role/OrganizationAccountAccessRole`);
    const memberIam = new IAMClient({ ...moto.config, credentials: memberCredentials });
    clients.push(memberIam);
    const policy = rolePolicy('collector');
    /** In each account: an administrator for the test itself (policy swaps once authorization is on) and the collector policy. */
    const prepare = async (client: IAMClient) => {
      await client.send(new CreateUserCommand({ UserName: 'test-admin' }));
      await client.send(new AttachUserPolicyCommand({ UserName: 'test-admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
      const adminKey = (await client.send(new CreateAccessKeyCommand({ UserName: 'test-admin' }))).AccessKey!;
      const policyArn = (await client.send(new CreatePolicyCommand({ PolicyName: 'CordonCollector', PolicyDocument: motoPolicy() }))).Policy!.Arn!;
      const admin = new IAMClient({ ...moto.config, credentials: { accessKeyId: adminKey.AccessKeyId!, secretAccessKey: adminKey.SecretAccessKey! } });
      clients.push(admin);
      return { admin, policyArn };
    };
    const management = await prepare(iam);
    const member = await prepare(memberIam);
    await iam.send(new CreateUserCommand({ UserName: 'cordon-collector' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'cordon-collector', PolicyArn: management.policyArn }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'cordon-collector' }))).AccessKey!;
    // The member account's read-only role, as the StackSet template creates it.
    await memberIam.send(new CreateRoleCommand({ RoleName: 'CordonCollector', AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }) }));
    await memberIam.send(new AttachRolePolicyCommand({ RoleName: 'CordonCollector', PolicyArn: member.policyArn }));

    await seedEveryResourceType(moto.config, '123456789012');
    // The member account holds only IAM entities: every collector action is already exercised in the
    // management account, and the ablation runs one collection per action.
    await seedIdc(moto.config, 'dana');
    await moto.sandbox.enableAuth();

    // In process (not through the binary): the ablation runs collect once per action.
    const asCollector = { endpointUrl: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } };
    const collect = async () => {
      try {
        const snapshot = await collectOrganization(asCollector, { concurrency: 8, roleName: 'CordonCollector', accounts: 'all' });
        const complete = snapshot.accounts.length === 2 && snapshot.identityCenter !== undefined;
        const warnings = snapshot.warnings.filter((w) => !MOTO_UNIMPLEMENTED.some((op) => w.message.startsWith(`${op}:`) && w.message.includes('<!doctype')));
        return { ok: complete && warnings.length === 0, detail: warnings.map((w) => `${w.code}: ${w.message.slice(0, 160)}`).join('; ') };
      } catch (err) {
        return { ok: false, detail: String(err) };
      }
    };
    const setPolicy = async (without: string[]) => {
      for (const { admin, policyArn } of [management, member]) {
        const versions = (await admin.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn }))).Versions ?? [];
        await admin.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: motoPolicy(without), SetAsDefault: true }));
        for (const v of versions) await admin.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: v.VersionId! }));
      }
    };
    const full = await collect();
    assert.ok(full.ok, `collect with the printed policy: ${full.detail}`);
    const notFailing: string[] = [];
    for (const action of policy.Statement.flatMap((s) => s.Action).filter((a) => !MOTO_UNIMPLEMENTED.includes(a))) {
      await setPolicy([action]);
      if ((await collect()).ok) notFailing.push(action);
    }
    assert.deepEqual(notFailing, [], 'actions whose removal did not make collect fail');
  } finally {
    for (const c of clients) c.destroy();
    org.destroy();
  }
});
