// `cordon demo --serve`: after the demo, the API and UI keep running on the demo's store with a
// printed admin token; the token works, anonymous calls are refused, and SIGTERM stops the server
// and the sandbox (the moto process is gone afterwards).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CORDON_BIN } from '../helpers/cli.js';
import { useFakeAwsCredentials } from '../helpers/moto.js';

useFakeAwsCredentials();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('demo --serve 0 serves the demo findings with the printed token, then stops everything on SIGTERM', async () => {
  const out = mkdtempSync(join(tmpdir(), 'cordon-demo-serve-'));
  const child = spawn(process.execPath, [CORDON_BIN, 'demo', '--serve', '0', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const { url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start serving:\n${stdout}\n${stderr}`)), 150_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /Serving the demo data at (http:\/\/\S+?)\/ \(admin token, shown once: (cdn_\S+)\)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, token: m[2]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`demo exited ${code} before serving:\n${stdout}\n${stderr}`)));
  });
  const sandboxPid = Number(/sandbox kept running at \S+ \(pid (\d+)\)/.exec(stdout)?.[1]);
  assert.ok(sandboxPid > 0 && alive(sandboxPid), 'the sandbox stays up while serving');
  try {
    assert.equal((await fetch(`${url}/api/v1/findings`)).status, 401);
    const res = await fetch(`${url}/api/v1/findings?status=ACTIVE&limit=100`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { items: { type: string; title: string }[] };
    assert.ok(body.items.some((f) => f.type === 'PrivilegeEscalation' && f.title.includes('ci-bot')), 'the demo findings are served');
  } finally {
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    assert.equal(code, 0, stderr);
  }
  assert.ok(!alive(sandboxPid), 'the sandbox is stopped with the server');
});
