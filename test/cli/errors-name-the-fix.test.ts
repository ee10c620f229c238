// Errors name the fix (issue 24): no credentials says how to give them; a port in use says --port;
// every command's --help lists the global flags it honours.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { asCordonError } from '../../src/model/errors.js';
import { runCordon } from '../helpers/cli.js';

test('no AWS credentials: one line naming --profile and the environment variables, exit 2', async () => {
  const r = await runCordon(['collect', '--region', 'us-east-1', '--out', '/dev/null'], {
    env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_PROFILE: '', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONTAINER_CREDENTIALS_FULL_URI: '', AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '', AWS_WEB_IDENTITY_TOKEN_FILE: '' },
  });
  assert.equal(r.code, 2);
  const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('('));
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /no_credentials: .*--profile.*AWS_ACCESS_KEY_ID/);
});

test('a port in use names --port', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const err = Object.assign(new Error(`listen EADDRINUSE: address already in use 127.0.0.1:${port}`), { code: 'EADDRINUSE', port });
    const mapped = asCordonError(err);
    assert.equal(mapped.code, 'port_in_use');
    assert.match(mapped.message, new RegExp(`port ${port} is already in use: pick another with \`--port\``));
  } finally {
    server.close();
  }
});

test("a command's --help lists the global flags it honours", async () => {
  for (const command of ['scan', 'collect', 'detect', 'remediate']) {
    const r = await runCordon([command, '--help']);
    assert.equal(r.code, 0, command);
    for (const flag of ['--profile', '--region', '--endpoint-url', '--output', '--db', '--quiet']) assert.ok(r.stdout.includes(flag), `${command} --help: ${flag}`);
  }
});
