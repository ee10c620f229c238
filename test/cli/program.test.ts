import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCordon } from '../helpers/cli.js';

test('--help lists commands with descriptions and examples, exit 0', async () => {
  const r = await runCordon(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Commands:/);
  assert.match(r.stdout, /demo.*run the whole product/);
  assert.match(r.stdout, /Examples:/);
  for (const flag of ['--profile', '--region', '--endpoint-url', '--output', '--db', '--quiet']) assert.ok(r.stdout.includes(flag), flag);
});

test('--version prints the package version', async () => {
  const r = await runCordon(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout.trim(), /^\d+\.\d+\.\d+$/);
});

test('an unknown command exits 2 with a one-line error', async () => {
  const r = await runCordon(['nosuch']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /unknown command 'nosuch'/);
});

test('with --output json an error is the JSON envelope on stdout', async () => {
  const r = await runCordon(['nosuch', '--output', 'json']);
  assert.equal(r.code, 2);
  const envelope = JSON.parse(r.stdout) as { code: string; message: string; errors: unknown[] };
  assert.equal(envelope.code, 'usage');
  assert.match(envelope.message, /nosuch/);
  assert.deepEqual(envelope.errors, []);
});

test('an unknown option on a command exits 2', async () => {
  const r = await runCordon(['demo', '--bogus']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option '--bogus'/);
});

test('the summaries `cordon --help` lists without loading modules are the modules\' own descriptions', async () => {
  const { Command } = await import('commander');
  const { COMMANDS } = await import('../../src/cli/commands/index.js');
  for (const entry of COMMANDS) {
    const program = new Command('cordon');
    (await entry.load()).register(program);
    const command = program.commands.find((c) => c.name() === entry.name);
    assert.ok(command, entry.name);
    assert.equal(entry.summary, command.description(), entry.name);
  }
});

test('`cordon help scan` shows the options of scan', async () => {
  const r = await runCordon(['help', 'scan']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /--snapshot/);
});
