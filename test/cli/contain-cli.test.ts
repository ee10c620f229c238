/**
 * `cordon contain` / `cordon release` through the real binary against moto: dry-run prints the
 * plan and changes nothing, --apply writes the report at the key layout, release restores,
 * usage errors exit 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { runCordon } from '../helpers/cli.js';
import { useLightMoto } from '../actions/contain/moto-light.js';
import { seedUser } from '../actions/contain/seed.js';

const moto = useLightMoto();

test('contain dry-run, apply and release through the CLI', async () => {
  await seedUser(moto.config, { name: 'eve', keys: ['Active'], groups: ['g'], inline: 1, managed: 0, loginProfile: true, mfa: false });
  const aws = ['--endpoint-url', moto.endpoint, '--region', 'us-east-1'];
  const dir = await mkdtemp(join(tmpdir(), 'cordon-cli-contain-'));

  const dry = await runCordon(['contain', '--type', 'iam-user', '--name', 'eve', '--output', 'json', ...aws]);
  assert.equal(dry.code, 0, dry.stderr);
  const plan = JSON.parse(dry.stdout);
  assert.equal(plan.dryRun, true);
  assert.deepEqual(plan.steps.map((s: { spec: { action: string } }) => s.spec.action), ['deactivate-access-key', 'delete-login-profile', 'put-user-deny-policy', 'tag-user']);
  const iam = new IAMClient(moto.config);
  assert.equal((await iam.send(new ListAccessKeysCommand({ UserName: 'eve' }))).AccessKeyMetadata?.[0]?.Status, 'Active', 'dry-run changed nothing');

  const applied = await runCordon(['contain', '--type', 'iam-user', '--name', 'eve', '--apply', '--report-dir', dir, '--execution-id', 'cli-1', '--tag', 'Key=Case,Value=IR-9', '--output', 'json', ...aws]);
  assert.equal(applied.code === 0 || applied.code === 1, true, applied.stderr + applied.stdout);
  const report = JSON.parse(applied.stdout);
  assert.equal(report.status, 'contained');
  assert.match(report.location, /\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/\d{2}\/cli-1\.json$/);
  assert.equal((await iam.send(new ListAccessKeysCommand({ UserName: 'eve' }))).AccessKeyMetadata?.[0]?.Status, 'Inactive');

  const released = await runCordon(['release', '--report', report.location, '--apply', '--reactivate-keys', '--output', 'json', ...aws]);
  assert.equal(released.code, 0, released.stderr + released.stdout);
  const out = JSON.parse(released.stdout);
  assert.equal(out.status, 'released');
  assert.match(out.unrestorable.join('\n'), /console password/);
  assert.match(released.stderr, /replace them/);
  assert.equal((await iam.send(new ListAccessKeysCommand({ UserName: 'eve' }))).AccessKeyMetadata?.[0]?.Status, 'Active');
});

test('usage errors exit 2', async () => {
  const badId = await runCordon(['contain', '--type', 'iam-user', '--name', 'x', '--execution-id', '../../etc']);
  assert.equal(badId.code, 2);
  assert.match(badId.stderr, /execution id/);
});
