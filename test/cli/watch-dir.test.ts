/** `cordon watch --dir --once`: new files only, alerts stored then delivered once, across runs. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { copyFile, mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCordon } from '../helpers/cli.js';
import { STRATUS_DIR } from '../activity/corpora.js';

let dir: string;
let server: Server;
let url: string;
const received: string[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cordon-watch-dir-'));
  server = createServer((req, res) => {
    received.push(String(req.headers['x-cordon-alert-id']));
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/alerts`;
});
after(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

test('each file is read once; each alert delivered once', async () => {
  const logs = join(dir, 'logs');
  await mkdir(logs);
  await copyFile(join(STRATUS_DIR, 'aws.defense-evasion.cloudtrail-stop.json'), join(logs, 'a.json'));
  const args = ['watch', '--dir', logs, '--once', '--webhook', url, '--db', join(dir, 'c.db')];
  const r1 = await runCordon(args);
  assert.equal(r1.code, 0, r1.stderr);
  // One event (StopLogging) matching cis-aws-4.5 and cloudtrail-stopped: one alert listing both.
  assert.equal(received.length, 1, 'one alert for the one event');
  const r2 = await runCordon(args);
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(received.length, 1, 'nothing re-read or re-sent');
  await copyFile(join(STRATUS_DIR, 'aws.defense-evasion.cloudtrail-delete.json'), join(logs, 'b.json'));
  const r3 = await runCordon(args);
  assert.equal(r3.code, 0, r3.stderr);
  assert.equal(received.length, 2);
  assert.equal(new Set(received).size, 2);
  assert.match(r3.stderr, /1 files, 1 events, 1 new alerts/);
});
