/**
 * Issue 26: API tokens with an expiry. `tokens create --expires-in 30d` stores it, `tokens list`
 * shows it, and the server refuses the token once the time has passed (401, "the token has
 * expired"); tokens without one keep working.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { expiryFrom } from '../../src/cli/commands/tokens.js';
import { authenticate, issueToken } from '../../src/server/auth.js';
import { runCordon } from '../helpers/cli.js';
import { call } from './helpers/http.js';
import { serverPortsForTest, type TestPorts } from './helpers/ports-for-test.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let made: TestPorts;
let t: TestServer;
before(async () => {
  made = await serverPortsForTest();
  t = await startTestServer(made.ports);
});
after(async () => {
  await t.server.close();
  await made.close();
});

test('--expires-in durations', () => {
  const now = new Date('2026-01-01T00:00:00.000Z');
  assert.equal(expiryFrom('30d', now), '2026-01-31T00:00:00.000Z');
  assert.equal(expiryFrom('12h', now), '2026-01-01T12:00:00.000Z');
  assert.equal(expiryFrom('90m', now), '2026-01-01T01:30:00.000Z');
  for (const bad of ['0d', '30', '30x', '-1d', 'd']) assert.throws(() => expiryFrom(bad, now), { code: 'usage' });
});

test('an expired token gets 401 "the token has expired"; a live one and one without expiry work', async () => {
  const expired = await issueToken(made.ports.tokens, 'old', 'viewer', '2020-01-01T00:00:00.000Z');
  const live = await issueToken(made.ports.tokens, 'new', 'viewer', '2999-01-01T00:00:00.000Z');
  const res = await call(t.base, 'GET', '/findings', { token: expired.token });
  assert.equal(res.status, 401);
  assert.equal((res.body as { message: string }).message, 'the token has expired');
  assert.equal((await call(t.base, 'GET', '/findings', { token: live.token })).status, 200);
  assert.equal((await call(t.base, 'GET', '/findings', { token: t.tokens.viewer })).status, 200);
  // The boundary: at the expiry instant the token is already refused.
  await assert.rejects(authenticate(made.ports.tokens, `Bearer ${live.token}`, new Date('2999-01-01T00:00:00.000Z')), { message: 'the token has expired' });
  const listed = await made.ports.tokens.list();
  assert.equal(listed.find((x) => x.id === expired.info.id)?.expiresAt, '2020-01-01T00:00:00.000Z');
});

test('cordon tokens create --expires-in 30d, then tokens list shows the expiry', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-tokens-'));
  try {
    const db = join(dir, 'c.db');
    const created = await runCordon(['tokens', 'create', '--role', 'viewer', '--name', 'ci', '--expires-in', '30d', '--output', 'json', '--db', db]);
    assert.equal(created.code, 0, created.stderr);
    const { expiresAt } = JSON.parse(created.stdout) as { expiresAt: string };
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, expiresAt);
    const listed = await runCordon(['tokens', 'list', '--output', 'json', '--db', db]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal((JSON.parse(listed.stdout) as { tokens: Array<{ expiresAt?: string }> }).tokens[0]?.expiresAt, expiresAt);
    const table = await runCordon(['tokens', 'list', '--db', db]);
    assert.ok(table.stdout.includes('EXPIRES') && table.stdout.includes(expiresAt), table.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
