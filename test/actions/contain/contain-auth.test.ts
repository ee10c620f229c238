/**
 * With moto's request authentication on, a request signed with the contained user's own key is
 * denied after containment. moto keeps inactive access keys working (shared/MOTO.md), so what
 * denies here is the deny policy — the statement aimed at long-term keys. This file has its own
 * moto because enabling auth affects every later call: the admin user and its key are created
 * first, while auth is still off, and Cordon's calls are signed with that key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, ListUsersCommand, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { useLightMoto } from './moto-light.js';
import { containPrincipal, releasePrincipal } from '../../../src/actions/contain/index.js';
import { createContainmentGateway } from '../../../src/aws/containment-gateway.js';
import { directoryReportSink } from '../../../src/store/report-dir.js';

const moto = useLightMoto();
const allowAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

async function userWithKey(iam: IAMClient, name: string) {
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'all', PolicyDocument: allowAll }));
  const k = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! };
}

test('after containment the contained user\'s own key is denied; after release it works again', async () => {
  const setup = new IAMClient(moto.config);
  const admin = await userWithKey(setup, 'responder');
  const victim = await userWithKey(setup, 'victim');
  await moto.sandbox.enableAuth();

  // From here on every call is signed and checked: Cordon signs with the responder's key.
  process.env.AWS_ACCESS_KEY_ID = admin.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = admin.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  const asVictim = new IAMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: victim });
  await asVictim.send(new ListUsersCommand({})); // works before containment

  const gateway = createContainmentGateway({ endpointUrl: moto.endpoint, region: 'us-east-1' });
  const sink = directoryReportSink(await mkdtemp(join(tmpdir(), 'cordon-auth-')));
  const clock = () => new Date().toISOString();
  const out = await containPrincipal({ target: { type: 'iam-user', name: 'victim' }, apply: true, tags: {}, bucketAccess: [] }, { gateway, sink, clock, randomHex: () => 'a1b2c3' });
  assert.equal(out.report.status, 'contained', JSON.stringify(out.report.steps.filter((s) => s.error)));
  await assert.rejects(asVictim.send(new ListUsersCommand({})), (err: Error) => /AccessDenied|not authorized|explicit deny/i.test(`${err.name} ${err.message}`));

  await releasePrincipal(out.report, { apply: true, reactivateKeys: true, recreateLoginProfile: false }, { gateway, sink, clock });
  await asVictim.send(new ListUsersCommand({}));
});

test('after containing a role, a session issued before containment is denied', async () => {
  // Runs after the test above: auth is on and the responder's key signs every call.
  const admin = new IAMClient({ region: 'us-east-1', endpoint: moto.endpoint });
  // moto's AssumeRole check under auth wants the caller named in the trust policy (the account root is not enough).
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/responder' }, Action: 'sts:AssumeRole' }] };
  await admin.send(new CreateRoleCommand({ RoleName: 'builder', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  await admin.send(new PutRolePolicyCommand({ RoleName: 'builder', PolicyName: 'all', PolicyDocument: allowAll }));
  const sts = new STSClient({ region: 'us-east-1', endpoint: moto.endpoint });
  const session = (await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/builder', RoleSessionName: 'stolen' }))).Credentials!;
  const asSession = new IAMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: session.AccessKeyId!, secretAccessKey: session.SecretAccessKey!, sessionToken: session.SessionToken! } });
  await asSession.send(new ListUsersCommand({}));

  const gateway = createContainmentGateway({ endpointUrl: moto.endpoint, region: 'us-east-1' });
  const sink = directoryReportSink(await mkdtemp(join(tmpdir(), 'cordon-auth-role-')));
  const out = await containPrincipal({ target: { type: 'iam-role', name: 'builder' }, apply: true, tags: {}, bucketAccess: [] }, { gateway, sink, clock: () => new Date().toISOString(), randomHex: () => 'r0le00' });
  assert.equal(out.report.status, 'contained', JSON.stringify(out.report.steps.filter((s) => s.error)));
  // moto treats the DateLessThan deny as unconditional (shared/MOTO.md); AWS denies only older sessions.
  await assert.rejects(asSession.send(new ListUsersCommand({})), (err: Error) => /AccessDenied|not authorized|explicit deny/i.test(`${err.name} ${err.message}`));
});
