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
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
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
