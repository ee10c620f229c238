import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateUserCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { startMoto } from '../../src/sandbox/moto.js';
import { MissingDependencyError } from '../../src/model/errors.js';
import { useMoto } from '../helpers/moto.js';

const moto = useMoto();

test('an IAM user created through the SDK against moto is listed back', async () => {
  const iam = new IAMClient(moto.config);
  await iam.send(new CreateUserCommand({ UserName: 'smoke-alice', Path: '/team-a/' }));
  const listed = await iam.send(new ListUsersCommand({}));
  const names = (listed.Users ?? []).map((u) => `${u.Path}${u.UserName}`);
  assert.deepEqual(names, ['/team-a/smoke-alice']);
});

test('reset wipes the sandbox', async () => {
  const iam = new IAMClient(moto.config);
  await moto.sandbox.reset();
  const listed = await iam.send(new ListUsersCommand({}));
  assert.equal(listed.Users?.length ?? 0, 0);
});

test('a missing moto_server fails with the install hint, never a silent skip', async () => {
  await assert.rejects(startMoto({ command: 'moto_server_definitely_missing' }), (err: unknown) => {
    assert.ok(err instanceof MissingDependencyError);
    assert.match((err as Error).message, /pip install 'moto\[server\]'/);
    return true;
  });
});
