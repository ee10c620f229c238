/** `cordon detect` through the real binary: the acceptance command, exit codes, rule packs. */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCordon } from '../helpers/cli.js';
import { STRATUS_DIR } from '../activity/corpora.js';
import type { Alert } from '../../src/model/alert.js';

describe('cordon detect', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cordon-detect-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  test('acceptance: stratus detonation logs → JSON alerts including cis-aws-4.4 and iam-change, exit 1', async () => {
    const r = await runCordon(['detect', '--cloudtrail', STRATUS_DIR, '--output', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const alerts = JSON.parse(r.stdout) as Alert[];
    const ids = new Set(alerts.map((a) => a.ruleId));
    assert.ok(ids.has('cis-aws-4.4'));
    assert.ok(ids.has('iam-change'));
    assert.equal(new Set(alerts.map((a) => a.id)).size, alerts.length, 'deduplicated');
    const a = alerts.find((x) => x.ruleId === 'trust-policy-external')!;
    for (const key of ['id', 'ruleId', 'severity', 'eventId', 'eventTime', 'eventName', 'eventSource', 'accountId', 'region', 'actor', 'summary', 'event']) assert.ok(key in a, key);
    assert.match(r.stderr, /read 310 events from 35 files/);
  });

  test('no alerts → exit 0; a corrupt file is reported and skipped', async () => {
    const d = join(dir, 'quiet');
    await mkdir(d);
    await writeFile(join(d, 'ok.json'), JSON.stringify({ Records: [{ eventID: 'e1', eventTime: '2024-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventType: 'AwsApiCall' }] }));
    await writeFile(join(d, 'bad.json'), '{"Records":[');
    const r = await runCordon(['detect', '--cloudtrail', d, '--output', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.match(r.stderr, /skipped .*bad\.json: not valid JSON/);
  });

  test('--rules DIR adds a user rule; --no-builtin-rules keeps only it', async () => {
    const rules = join(dir, 'rules');
    await mkdir(rules);
    await writeFile(join(rules, 'mine.json'), JSON.stringify([{ id: 'my-login', title: 'Console login', severity: 'low', pattern: { metricFilter: '{ $.eventName = ConsoleLogin }' } }]));
    const r = await runCordon(['detect', '--cloudtrail', STRATUS_DIR, '--rules', rules, '--no-builtin-rules', '--output', 'json']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual([...new Set((JSON.parse(r.stdout) as Alert[]).map((a) => a.ruleId))], ['my-login']);
  });

  test('the example pack in rules/examples loads and matches the stratus console login', async () => {
    const examples = new URL('../../rules/examples/', import.meta.url).pathname;
    const r = await runCordon(['detect', '--cloudtrail', STRATUS_DIR, '--rules', examples, '--no-builtin-rules', '--output', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const ids = new Set((JSON.parse(r.stdout) as Alert[]).map((a) => a.ruleId));
    assert.ok(ids.has('example-console-login-root-or-no-mfa'));
    assert.ok(ids.has('example-access-key-activity-from-outside-corp'));
  });

  test('a bad user pattern is a usage-grade error naming file and location (exit 2)', async () => {
    const rules = join(dir, 'bad-rules');
    await mkdir(rules);
    await writeFile(join(rules, 'bad.json'), JSON.stringify({ rules: [{ id: 'x', title: 'x', severity: 'LOW', pattern: { eventbridge: { detail: { eventName: [{ prefix: 3 }] } } } }] }));
    const r = await runCordon(['detect', '--cloudtrail', STRATUS_DIR, '--rules', rules, '--output', 'json']);
    assert.equal(r.code, 2);
    const env = JSON.parse(r.stdout) as { code: string; errors: { file: string; pointer: string }[] };
    assert.equal(env.code, 'bad_input');
    assert.equal(env.errors[0]!.pointer, '/rules/0/pattern/eventbridge/detail/eventName/0/prefix');
    assert.ok(env.errors[0]!.file.endsWith('bad.json'));
  });
});
