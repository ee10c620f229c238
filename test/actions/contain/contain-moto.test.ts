/**
 * Contain → release against moto_server with the real SDK gateway: IAM user, IAM role, Identity
 * Center user, --bucket-access, the report layout on disk and in a bucket, dry-run changing nothing.
 */
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetLoginProfileCommand, GetUserPolicyCommand, IAMClient, ListAccessKeysCommand, ListUserTagsCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetBucketPolicyCommand, PutBucketAclCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { useLightMoto } from './moto-light.js';
import { containPrincipal, releasePrincipal } from '../../../src/actions/contain/index.js';
import { createContainmentGateway } from '../../../src/aws/containment-gateway.js';
import { directoryReportSink } from '../../../src/store/report-dir.js';
import { bucketReportSink } from '../../../src/aws/report-bucket.js';
import { isReportKey } from '../../../src/actions/report/key.js';
import { readConfiguration } from '../../../src/actions/contain/read-config.js';
import { restorable, seedRole, seedUser } from './seed.js';
import { seedIdc } from './seed-idc.js';

const moto = useLightMoto();
const clock = () => new Date().toISOString();
let counter = 0;
const randomHex = () => (++counter).toString(16).padStart(6, '0');

describe('containment against moto', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cordon-contain-'));
  });
  const gateway = () => createContainmentGateway({ endpointUrl: moto.endpoint, region: 'us-east-1' });

  test('IAM user: contain disables every credential and denies; release restores the rest', async () => {
    await seedUser(moto.config, { name: 'alice', keys: ['Active', 'Inactive'], groups: ['devs', 'ops'], inline: 2, managed: 2, loginProfile: true, mfa: true, tags: { team: 'red' } });
    const gw = gateway();
    const before = await readConfiguration(gw, { type: 'iam-user', name: 'alice' }, []);
    const sink = directoryReportSink(dir);
    const out = await containPrincipal({ target: { type: 'iam-user', name: 'alice' }, apply: true, tags: { Case: 'IR-1' }, bucketAccess: [] }, { gateway: gw, sink, clock, randomHex });
    assert.equal(out.report.status, 'contained');
    assert.equal(out.report.verification?.structural.passed, true, out.report.verification?.reasons.join('; '));
    // The engine is built concurrently: it must not contradict the containment (passed, or unavailable).
    assert.notEqual(out.report.verification?.engineCheck, 'failed', out.report.verification?.reasons.join('; '));

    const iam = new IAMClient(moto.config);
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'alice' }));
    assert.deepEqual(keys.AccessKeyMetadata?.map((k) => k.Status), ['Inactive', 'Inactive']);
    await assert.rejects(iam.send(new GetLoginProfileCommand({ UserName: 'alice' })), /NoSuchEntity|not found|cannot be found/i);
    const deny = await iam.send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: `cordon-containment-${out.report.executionId}` }));
    const denyDoc = JSON.parse(decodeURIComponent(deny.PolicyDocument!));
    assert.deepEqual(denyDoc.Statement.map((s: { Condition: object }) => Object.keys(s.Condition)[0]), ['DateLessThan', 'Null']);
    const tags = await iam.send(new ListUserTagsCommand({ UserName: 'alice' }));
    assert.equal(tags.Tags?.find((t) => t.Key === 'cordon:containment')?.Value, out.report.executionId);

    // The report file sits at the key layout and holds no secret.
    assert.ok(isReportKey(out.report.key));
    const text = await readFile(join(dir, out.report.key), 'utf8');
    assert.doesNotMatch(text, /SecretAccessKey|Seed-Passw0rd/);
    assert.equal(JSON.parse(text).initialConfiguration.loginProfile.exists, true);

    const released = await releasePrincipal(out.report, { apply: true, reactivateKeys: true, recreateLoginProfile: false }, { gateway: gw, sink, clock });
    assert.equal(released.report.status, 'released');
    const afterRelease = await readConfiguration(gw, { type: 'iam-user', name: 'alice' }, []);
    assert.deepEqual(restorable(afterRelease, true), restorable(before, true));
    const notes = released.report.release!.unrestorable.join('\n');
    assert.match(notes, /console password/);
    assert.match(notes, /enable-mfa-device/);
  });

  test('dry-run changes nothing and writes no report', async () => {
    await seedUser(moto.config, { name: 'dry', keys: ['Active'], groups: [], inline: 1, managed: 0, loginProfile: true, mfa: false });
    const gw = gateway();
    const before = await readConfiguration(gw, { type: 'iam-user', name: 'dry' }, []);
    const emptyDir = await mkdtemp(join(tmpdir(), 'cordon-dry-'));
    const out = await containPrincipal({ target: { type: 'iam-user', name: 'dry' }, apply: false, tags: {}, bucketAccess: [] }, { gateway: gw, sink: directoryReportSink(emptyDir), clock, randomHex });
    assert.equal(out.dryRun, true);
    assert.deepEqual(out.report.steps.map((s) => s.spec.action), ['deactivate-access-key', 'delete-login-profile', 'put-user-deny-policy', 'tag-user']);
    assert.deepEqual(await readConfiguration(gw, { type: 'iam-user', name: 'dry' }, []), before);
    assert.deepEqual(await readdir(emptyDir), []);
  });

  test('IAM role: AWSRevokeOlderSessions-shaped deny and tag, removed on release', async () => {
    await seedRole(moto.config, 'deployer');
    const gw = gateway();
    const before = await readConfiguration(gw, { type: 'iam-role', name: 'deployer' }, []);
    const sink = directoryReportSink(dir);
    const out = await containPrincipal({ target: { type: 'iam-role', name: 'deployer' }, apply: true, tags: {}, bucketAccess: [] }, { gateway: gw, sink, clock, randomHex });
    assert.equal(out.report.status, 'contained');
    const final = out.report.finalConfiguration!;
    assert.equal(final.type, 'iam-role');
    const deny = final.type === 'iam-role' ? final.inlinePolicies.find((p) => p.name.startsWith('cordon-containment-')) : undefined;
    assert.ok(deny);
    await releasePrincipal(out.report, { apply: true, reactivateKeys: false, recreateLoginProfile: false }, { gateway: gw, sink, clock });
    assert.deepEqual(restorable(await readConfiguration(gw, { type: 'iam-role', name: 'deployer' }, []), false), restorable(before, false));
  });

  test('--bucket-access adds one statement to an existing bucket policy and release removes only it', async () => {
    await seedUser(moto.config, { name: 'bob', keys: ['Active'], groups: [], inline: 0, managed: 0, loginProfile: false, mfa: false });
    const s3 = new S3Client(moto.config);
    await s3.send(new CreateBucketCommand({ Bucket: 'data-bucket' }));
    const original = { Version: '2012-10-17', Statement: [{ Sid: 'Keep', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::data-bucket' }] };
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'data-bucket', Policy: JSON.stringify(original) }));
    await s3.send(new CreateBucketCommand({ Bucket: 'bare-bucket' }));
    const gw = gateway();
    const sink = directoryReportSink(dir);
    const out = await containPrincipal({ target: { type: 'iam-user', name: 'bob' }, apply: true, tags: {}, bucketAccess: ['data-bucket', 'bare-bucket'] }, { gateway: gw, sink, clock, randomHex });
    assert.equal(out.report.status, 'contained', JSON.stringify(out.report.steps.filter((s) => s.error)));
    const merged = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: 'data-bucket' }))).Policy!);
    assert.deepEqual(merged.Statement.map((s: { Sid: string }) => s.Sid), ['Keep', `CordonContainment${out.report.executionId.split('-').join('')}`]);
    await releasePrincipal(out.report, { apply: true, reactivateKeys: true, recreateLoginProfile: false }, { gateway: gw, sink, clock });
    const restored = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: 'data-bucket' }))).Policy!);
    assert.deepEqual(restored.Statement, original.Statement);
    await assert.rejects(s3.send(new GetBucketPolicyCommand({ Bucket: 'bare-bucket' })), /NoSuchBucketPolicy|does not exist/);
  });

  test('report bucket: created private when missing, refused when public', async () => {
    const target = { endpointUrl: moto.endpoint, region: 'us-east-1' };
    await seedUser(moto.config, { name: 'carol', keys: [], groups: [], inline: 0, managed: 0, loginProfile: false, mfa: false });
    const sink = bucketReportSink('ir-reports', target);
    const out = await containPrincipal({ target: { type: 'iam-user', name: 'carol' }, apply: true, tags: {}, bucketAccess: [] }, { gateway: gateway(), sink, clock, randomHex });
    const back = await sink.read(out.report.key);
    assert.equal(back?.executionId, out.report.executionId);
    assert.equal(await sink.find(out.report.executionId), out.report.key);

    const s3 = new S3Client(moto.config);
    await s3.send(new CreateBucketCommand({ Bucket: 'open-bucket' }));
    await s3.send(new PutBucketAclCommand({ Bucket: 'open-bucket', ACL: 'public-read' }));
    await assert.rejects(bucketReportSink('open-bucket', target).prepare(), /public/);
    await s3.send(new CreateBucketCommand({ Bucket: 'policy-open' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'policy-open', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::policy-open/*' }] }) }));
    await assert.rejects(bucketReportSink('policy-open', target).prepare(), /public/);
  });

  test('Identity Center user: memberships and assignments removed, deny merged into the inline policy, all restored', async () => {
    const seeded = await seedIdc(moto.config);
    const gw = gateway();
    const target = { type: 'idc-user' as const, name: seeded.userName };
    const before = await readConfiguration(gw, target, []);
    const sink = directoryReportSink(dir);
    const out = await containPrincipal({ target, apply: true, tags: {}, bucketAccess: [] }, { gateway: gw, sink, clock, randomHex });
    assert.equal(out.report.status, 'contained', JSON.stringify(out.report.steps.filter((s) => s.error)));
    const final = out.report.finalConfiguration!;
    assert.equal(final.type, 'idc-user');
    if (final.type !== 'idc-user') return;
    assert.deepEqual(final.memberships, []);
    assert.deepEqual(final.assignments, []);
    const withInline = final.permissionSets.find((p) => p.arn === seeded.inlinePermissionSetArn)!;
    const sids = (withInline.inlinePolicy!.Statement as { Sid?: string }[]).map((s) => s.Sid);
    assert.equal(sids[0], 'Existing', 'the existing statement is kept');
    assert.ok(sids[1]?.startsWith('CordonContainment'));
    assert.equal(out.report.verification?.structural.passed, true, out.report.verification?.reasons.join('; '));
    assert.notEqual(out.report.verification?.engineCheck, 'failed', out.report.verification?.reasons.join('; '));

    await releasePrincipal(out.report, { apply: true, reactivateKeys: false, recreateLoginProfile: false }, { gateway: gw, sink, clock });
    const after = await readConfiguration(gw, target, []);
    if (after.type !== 'idc-user' || before.type !== 'idc-user') return;
    // Membership ids change when a membership is re-created; everything else is equal.
    const noIds = (c: typeof after) => ({ ...c, memberships: c.memberships.map((m) => ({ ...m, membershipId: '' })) });
    assert.deepEqual(restorable(noIds(after), false), restorable(noIds(before), false));
  });
});
