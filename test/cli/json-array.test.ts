/** Streamed JSON arrays (scan --output json) must be byte-identical to JSON.stringify(array, null, 2) + newline. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { jsonArrayChunks, writeJsonArray, writeJsonArrayFile } from '../../src/cli/json-array.js';

const item = (i: number) => ({ id: `f${i}`, title: `line "${i}"\nnext`, nested: { list: [i, { deep: [] }], empty: {} }, n: null });

test('chunks concatenate to JSON.stringify(items, null, 2) + "\\n" at every chunk boundary', () => {
  for (const n of [0, 1, 2, 255, 256, 257, 600]) {
    const items = Array.from({ length: n }, (_, i) => item(i));
    assert.equal([...jsonArrayChunks(items)].join(''), `${JSON.stringify(items, null, 2)}\n`, `${n} items`);
  }
});

test('stream and file writers give the same bytes', async () => {
  const items = Array.from({ length: 300 }, (_, i) => item(i));
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (c: Buffer) => parts.push(c));
  await writeJsonArray(items, out);
  assert.equal(Buffer.concat(parts).toString(), `${JSON.stringify(items, null, 2)}\n`);
  const dir = await mkdtemp(join(tmpdir(), 'cordon-json-array-'));
  try {
    writeJsonArrayFile(items, join(dir, 'out.json'));
    assert.equal(await readFile(join(dir, 'out.json'), 'utf8'), `${JSON.stringify(items, null, 2)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
