/**
 * `cordon tokens` (in process, through `main`) and `cordon serve` (the real binary): the token is printed once (JSON
 * as `{"token": …}`), only its hash is stored, revoke works; `serve --port 0` answers health,
 * refuses anonymous calls, accepts the printed token, and stops on SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CORDON_BIN } from '../helpers/cli.js';
import { main } from '../../src/cli/main.js';
import { hashToken } from '../../src/server/auth.js';
import { openStore } from '../../src/store/index.js';

/**
 * Runs `cordon ...args` in this process (the binary's start-up costs seconds on a loaded machine;
 * `serve` below still goes through the real binary). Captures stdout and stderr.
 */
async function cordon(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  // Only strings are the CLI's; the test runner reports to its parent through stdout in binary
  // (Buffers), and those must pass through or the report of an earlier test is lost.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => (typeof chunk === 'string' ? ((stdout += chunk), true) : (out as (...a: unknown[]) => boolean)(chunk, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => (typeof chunk === 'string' ? ((stderr += chunk), true) : (err as (...a: unknown[]) => boolean)(chunk, ...rest))) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'cordon', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'cordon-cli-server-'));
const db = join(dir, 'cordon.db');
after(() => rmSync(dir, { recursive: true, force: true }));

test('tokens create/list/revoke', async () => {
  const created = await cordon(['tokens', 'create', '--role', 'responder', '--name', 'ops', '--db', db, '--output', 'json']);
  assert.equal(created.code, 0, created.stderr);
  const { token, id } = JSON.parse(created.stdout) as { token: string; id: string };
  assert.match(token, /^cdn_[A-Za-z0-9_-]{43}$/);
  const file = readFileSync(db);
  assert.ok(!file.includes(Buffer.from(token)), 'the secret is not stored');
  assert.ok(file.includes(Buffer.from(hashToken(token))), 'its SHA-256 is');

  const plain = await cordon(['tokens', 'create', '--role', 'viewer', '--db', db]);
  assert.equal(plain.code, 0);
  assert.match(plain.stdout.trim(), /^cdn_\S+$/);

  const list = await cordon(['tokens', 'list', '--db', db, '--output', 'json']);
  const tokens = (JSON.parse(list.stdout) as { tokens: Array<{ id: string; name: string; role: string }> }).tokens;
  assert.deepEqual(tokens.map((t) => [t.name, t.role]), [['ops', 'responder'], ['viewer', 'viewer']]);
  assert.ok(!list.stdout.includes(token));

  assert.equal((await cordon(['tokens', 'revoke', id, '--db', db])).code, 0);
  const store = await openStore(db);
  try {
    assert.ok((await store.tokens.list()).find((t) => t.id === id)?.revokedAt);
    assert.equal(await store.tokens.findByHash(hashToken(token)), undefined);
  } finally {
    await store.close();
  }

  const bad = await cordon(['tokens', 'create', '--role', 'root', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /viewer\|responder\|admin/);
});

test('serve --port 0: health, 401 without a token, 200 with one, clean stop', async () => {
  const { token } = JSON.parse((await cordon(['tokens', 'create', '--role', 'viewer', '--db', db, '--output', 'json'])).stdout) as { token: string };
  const child = spawn(process.execPath, [CORDON_BIN, 'serve', '--port', '0', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /serving (http:\/\/\S+?)\//.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  try {
    assert.equal((await fetch(`${url}/api/v1/health`)).status, 200);
    assert.equal((await fetch(`${url}/api/v1/findings`)).status, 401);
    const ok = await fetch(`${url}/api/v1/findings`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { items: [] });
    const page = await fetch(`${url}/`);
    assert.match(await page.text(), /<title>Cordon<\/title>/);
    assert.ok(!stderr.includes(token), 'the access log never holds the token');
  } finally {
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    assert.equal(code, 0);
  }
});
