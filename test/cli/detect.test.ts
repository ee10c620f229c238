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
    const ids = new Set(alerts.flatMap((a) => a.rules.map((r) => r.id)));
    assert.ok(ids.has('cis-aws-4.4'));
    assert.ok(ids.has('iam-change'));
    assert.ok(!ids.has('iam-any-call'), 'the INFO catch-all is opt-in (--include-info)');
    assert.equal(new Set(alerts.map((a) => a.id)).size, alerts.length, 'deduplicated');
    // Issue 22: one alert per event, its rules highest severity first, the top one as ruleId/severity.
    assert.equal(new Set(alerts.map((a) => a.eventId)).size, alerts.length, 'one alert per event');
    const rank = (s: string) => ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'].indexOf(s);
    for (const x of alerts) {
      assert.deepEqual([x.ruleId, x.severity], [x.rules[0]!.id, x.rules[0]!.severity]);
      assert.deepEqual(x.rules.map((r) => rank(r.severity)), x.rules.map((r) => rank(r.severity)).sort((p, q) => p - q));
      assert.ok(x.rules.every((r) => rank(r.severity) <= rank('LOW')), 'default --min-severity LOW');
    }
    assert.ok(alerts.some((x) => x.rules.length > 1), 'some event matched several rules');
    const a = alerts.find((x) => x.rules.some((r) => r.id === 'trust-policy-external'))!;
    for (const key of ['id', 'ruleId', 'severity', 'rules', 'eventId', 'eventTime', 'eventName', 'eventSource', 'accountId', 'region', 'actor', 'summary', 'event']) assert.ok(key in a, key);
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

  test('--include-info adds the INFO catch-all iam-any-call (opt-in); a read-only IAM call alerts only then', async () => {
    const d = join(dir, 'info');
    await mkdir(d);
    // A successful read (matches only iam-any-call) and a failed write (iam-any-call only: failed calls changed nothing).
    await writeFile(join(d, 'reads.json'), JSON.stringify({ Records: [
      { eventID: 'r1', eventTime: '2024-01-01T00:00:00Z', eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', eventType: 'AwsApiCall', recipientAccountId: '111122223333' },
      { eventID: 'r2', eventTime: '2024-01-01T00:00:01Z', eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', errorCode: 'AccessDenied', eventType: 'AwsApiCall', recipientAccountId: '111122223333' },
    ] }));
    const quiet = await runCordon(['detect', '--cloudtrail', d, '--output', 'json']);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.deepEqual(JSON.parse(quiet.stdout), []);
    const loud = await runCordon(['detect', '--cloudtrail', d, '--include-info', '--output', 'json']);
    assert.equal(loud.code, 1, loud.stderr);
    const alerts = JSON.parse(loud.stdout) as Alert[];
    assert.deepEqual(alerts.map((a) => [a.eventId, a.severity, a.rules.map((x) => x.id)]), [['r1', 'INFO', ['iam-any-call']], ['r2', 'INFO', ['iam-any-call']]]);
    // --include-info with a higher floor still runs the rule but drops its matches.
    const floored = await runCordon(['detect', '--cloudtrail', d, '--include-info', '--min-severity', 'LOW', '--output', 'json']);
    assert.deepEqual(JSON.parse(floored.stdout), []);
    // A user pack's INFO rule cannot alert under the default floor: said once on stderr.
    const pack = join(dir, 'info-rules');
    await mkdir(pack);
    await writeFile(join(pack, 'info.json'), JSON.stringify([{ id: 'my-info', title: 'List users', severity: 'INFO', pattern: { metricFilter: '{ $.eventName = ListUsers }' } }]));
    const userInfo = await runCordon(['detect', '--cloudtrail', d, '--rules', pack, '--output', 'json']);
    assert.deepEqual(JSON.parse(userInfo.stdout), []);
    assert.match(userInfo.stderr, /1 rule\(s\) below --min-severity LOW never alert: my-info/);
    const help = await runCordon(['detect', '--help']);
    assert.match(help.stdout, /--include-info/);
    assert.match(help.stdout, /\$ cordon detect .*--include-info/);
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
    const ids = new Set((JSON.parse(r.stdout) as Alert[]).flatMap((a) => a.rules.map((x) => x.id)));
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
  test('--workers 2 gives byte-identical output to in-process detection (rules, window, a corrupt file, --trusted-accounts)', async () => {
    const d = join(dir, 'workers');
    await mkdir(d);
    const { cp } = await import('node:fs/promises');
    await cp(STRATUS_DIR, join(d, 'stratus'), { recursive: true });
    await writeFile(join(d, 'stratus', 'zz-bad.json'), '{"Records":[');
    const rules = new URL('../../rules/examples/', import.meta.url).pathname;
    const args = ['detect', '--cloudtrail', join(d, 'stratus'), '--rules', rules, '--trusted-accounts', '111122223333', '--start', '2020-01-01', '--output', 'jsonl'];
    const inProcess = await runCordon([...args, '--workers', '0']);
    const pooled = await runCordon([...args, '--workers', '2']);
    assert.equal(inProcess.code, 1, inProcess.stderr);
    assert.equal(pooled.code, 1, pooled.stderr);
    assert.ok(inProcess.stdout.split('\n').length > 20, 'enough alerts to compare');
    assert.equal(pooled.stdout, inProcess.stdout);
    assert.equal(pooled.stderr, inProcess.stderr);
    assert.match(pooled.stderr, /skipped .*zz-bad\.json: not valid JSON/);
    const bad = await runCordon(['detect', '--cloudtrail', d, '--workers', 'many']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--workers must be a whole number from 0 to 64, got `many`/);
  });
});
