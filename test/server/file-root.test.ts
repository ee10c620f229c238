/**
 * Issue 26: files named by API callers. A viewer naming `/etc/passwd`, a path climbing out of the
 * root, a symlink out of the root, a FIFO, a directory or a missing file gets the SAME 400 (so
 * replies reveal nothing about what exists) and never a byte of content; a file inside the root
 * that is not JSON is reported by line and column only. Runs through the production wiring (the
 * worker reads the files).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { productionPorts } from '../../src/server/wiring.js';
import { call } from './helpers/http.js';
import { seededStore } from './helpers/ports-for-test.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import type { CordonStore } from '../../src/store/index.js';

let t: TestServer;
let store: CordonStore;
let dir: string;
let root: string;
const SECRET = 'AWS_SECRET_ACCESS_KEY=hunter2-do-not-leak';

before(async () => {
  ({ store, dir } = await seededStore());
  root = join(dir, 'files');
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'outside.json'), `{"secret": "${SECRET}"}`);
  writeFileSync(join(root, 'not-json.txt'), `${SECRET}\nmore`);
  symlinkSync('/etc/passwd', join(root, 'passwd-link.json'));
  symlinkSync(join(dir, 'outside.json'), join(root, 'outside-link.json'));
  execFileSync('mkfifo', [join(root, 'pipe.json')]);
  t = await startTestServer(productionPorts(store, { maxFileBytes: 1024 * 1024, jobs: { memoryMb: 512, timeoutMs: 120_000, maxConcurrent: 2 } }), { fileRoot: root });
});
after(async () => {
  await t.server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = { principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
const simulate = (snapshot: string) => call(t.base, 'POST', '/simulate', { token: t.tokens.viewer, body: { snapshot, request } });

test('every refused path gets the same 400 with no content, whatever is (or is not) there', async () => {
  const names = ['/etc/passwd', '../outside.json', '/proc/self/environ', 'passwd-link.json', 'outside-link.json', 'pipe.json', 'sub', 'missing.json', '/dev/zero'];
  const replies = await Promise.all(names.map(async (name) => ({ name, res: await simulate(name) })));
  for (const { name, res } of replies) {
    assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
    const body = res.body as { code: string; message: string };
    assert.equal(body.code, 'bad_input');
    assert.deepEqual(body, { code: 'bad_input', message: `\`${name}\` is not a readable regular file inside the server's file root`, errors: [{ message: `\`${name}\` is not a readable regular file inside the server's file root`, pointer: '/snapshot/0' }] });
    const text = JSON.stringify(res.body);
    assert.ok(!text.includes('root:') && !text.includes('hunter2') && !text.includes('AWS_'), `${name} leaked: ${text}`);
  }
});

test('POST /scans by a responder is confined the same way', async () => {
  const res = await call(t.base, 'POST', '/scans', { token: t.tokens.responder, body: { snapshot: ['passwd-link.json'] } });
  assert.equal(res.status, 400);
  assert.equal((res.body as { message: string }).message, "`passwd-link.json` is not a readable regular file inside the server's file root");
});

test('a file inside the root that is not JSON is reported by line and column, never quoted', async () => {
  const res = await simulate('not-json.txt');
  assert.equal(res.status, 400);
  const message = (res.body as { message: string }).message;
  assert.match(message, /^`not-json\.txt` is not valid JSON \(line 1, column 1\): unexpected character$/);
  assert.ok(!JSON.stringify(res.body).includes('hunter2'));
});

test('a file over --max-file-bytes is refused by size', async () => {
  writeFileSync(join(root, 'big.json'), `[${'0,'.repeat(600_000)}0]`);
  const res = await simulate('big.json');
  assert.equal(res.status, 400);
  assert.equal((res.body as { message: string }).message, "`big.json` is larger than the server's limit of 1048576 bytes");
});

test('a symlink planted in the report directory is refused, not followed', async () => {
  const { directoryReportSink } = await import('../../src/store/report-dir.js');
  const reports = join(dir, 'reports');
  const key = '2026/01/01/10/00/exec1.json';
  mkdirSync(join(reports, '2026/01/01/10/00'), { recursive: true });
  symlinkSync(join(dir, 'outside.json'), join(reports, key));
  const sink = directoryReportSink(reports);
  await assert.rejects(sink.read(key), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'refused');
    assert.ok(!err.message.includes('hunter2'));
    return true;
  });
});
