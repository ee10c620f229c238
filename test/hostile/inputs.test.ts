/**
 * Issue 26: hostile inputs, one case per item. Each asserts the one-line error (or warning) and
 * that the work was bounded by a limit or a count, never by wall-clock time.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { readTrailFiles } from '../../src/activity/readers/read-events.js';
import { parseCloudTrailBytes } from '../../src/activity/readers/parse-bytes.js';
import { MAX_JSON_DEPTH, parseJsonText } from '../../src/collect/files/read-json.js';
import { runCordon } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cordon-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const event = (id: string) => ({ eventVersion: '1.08', eventID: id, eventTime: '2026-01-01T00:00:00Z', eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', awsRegion: 'us-east-1', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/a', accountId: '111122223333' } });

test('a symbolic link loop in a CloudTrail directory is skipped with a warning; each file is read once', async () => {
  const root = join(dir, 'loop');
  mkdirSync(join(root, 'a', 'b'), { recursive: true });
  writeFileSync(join(root, 'a', 'b', 'trail.json'), JSON.stringify({ Records: [event('e1')] }));
  symlinkSync('..', join(root, 'a', 'b', 'up'));
  symlinkSync(root, join(root, 'a', 'root-again'));
  symlinkSync('self', join(root, 'self'));
  const seen: string[] = [];
  const issues: string[] = [];
  for await (const { file, parsed } of readTrailFiles(root)) {
    seen.push(file.path);
    if (parsed.issue) issues.push(`${parsed.issue.file}: ${parsed.issue.reason}`);
    assert.ok(seen.length < 50, 'the walk did not end');
  }
  assert.deepEqual(seen.filter((p) => p.endsWith('.json')), [join(root, 'a', 'b', 'trail.json')]);
  assert.equal(issues.length, 3, issues.join('\n'));
  assert.ok(issues.every((i) => i.includes('symbolic link loop')), issues.join('\n'));
});

test('a gzip member expanding past the limit is skipped before it fills memory', async () => {
  const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
  const parsed = await parseCloudTrailBytes(bomb, 'bomb.json.gz', 1024 * 1024);
  assert.deepEqual(parsed.events, []);
  assert.deepEqual(parsed.issue, { file: 'bomb.json.gz', reason: 'cannot decompress: expands past 1048576 bytes' });
});

test('a gzip trailer that lies about the size neither breaks decompression nor sizes the buffer', async () => {
  const records = Array.from({ length: 400 }, (_, i) => event(`size-${i}`));
  const gz = gzipSync(Buffer.from(JSON.stringify({ Records: records })));
  // ISIZE (the last four bytes) is only a hint for the output buffer: too small, too large, zero.
  for (const announced of [1, 0xffffffff, 0]) {
    const lying = Buffer.from(gz);
    lying.writeUInt32LE(announced, lying.length - 4);
    const parsed = await parseCloudTrailBytes(lying, `lying-${announced}.json.gz`);
    // zlib checks ISIZE after inflating: a wrong one is a corrupt file, reported, never a crash.
    assert.equal(parsed.events.length, 0);
    assert.match(parsed.issue?.reason ?? '', /cannot decompress/);
  }
  // Two members: the trailer names the second's size only; the text is still both, whole.
  const first = gzipSync(Buffer.from('{"Records":['));
  const second = gzipSync(Buffer.from(`${records.map((r) => JSON.stringify(r)).join(',')}]}`));
  const both = await parseCloudTrailBytes(Buffer.concat([first, second]), 'two-members.json.gz');
  assert.equal(both.issue, undefined);
  assert.equal(both.events.length, 400);
});

test('detect exits 2 when every CloudTrail input is unreadable (not 0 with "0 alerts")', async () => {
  const root = join(dir, 'unreadable');
  mkdirSync(root);
  writeFileSync(join(root, 'a.json'), 'root:x:0:0:secret-token');
  writeFileSync(join(root, 'b.json.gz'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
  const res = await runCordon(['detect', '--cloudtrail', root, '--output', 'jsonl']);
  assert.equal(res.code, 2, res.stderr);
  const last = res.stderr.trim().split('\n').at(-1)!;
  assert.match(last, /none of the 2 CloudTrail input file\(s\) could be read/);
  assert.ok(!res.stderr.includes('secret-token'), res.stderr);
});

test('100,000-deep nesting says "nested too deeply at …", not a stack overflow', async () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  assert.throws(() => parseJsonText(deep, 'deep.json'), { message: `\`deep.json\` is nested too deeply at line 1, column ${MAX_JSON_DEPTH + 1} (more than ${MAX_JSON_DEPTH} levels)` });
  const parsed = await parseCloudTrailBytes(Buffer.from(`{"Records":${deep}}`), 'deep-trail.json');
  assert.equal(parsed.issue?.reason, `nested too deeply at line 1, column ${MAX_JSON_DEPTH + 11} (more than ${MAX_JSON_DEPTH} levels)`);
});

test('a UTF-8 BOM is accepted in snapshot, policy and CloudTrail JSON alike', async () => {
  assert.deepEqual(parseJsonText('\ufeff{"a":1}', 'bom.json'), { a: 1 });
  const parsed = await parseCloudTrailBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ Records: [event('e2')] }))]), 'bom-trail.json');
  assert.equal(parsed.issue, undefined);
  assert.equal(parsed.events.length, 1);
  const gz = await parseCloudTrailBytes(gzipSync(Buffer.from(`\ufeff${JSON.stringify({ Records: [event('e3')] })}`)), 'bom-trail.json.gz');
  assert.equal(gz.events.length, 1);
});

test('JSON errors give line and column and never quote the input', async () => {
  for (const text of ['root:x:0:0:AKIASECRET', '{"a": 1,\n "b": AKIASECRET}', '{"a":1} AKIASECRET']) {
    assert.throws(() => parseJsonText(text, 'f.json'), (err: Error) => {
      assert.match(err.message, /^`f\.json` is not valid JSON \(line \d+, column \d+\): [a-z ',\]:}"-]+$/);
      assert.ok(!err.message.includes('AKIA') && !err.message.includes('root'), err.message);
      return true;
    });
  }
  const trail = await parseCloudTrailBytes(Buffer.from('AKIASECRET not json'), 't.json');
  assert.ok(trail.issue && !trail.issue.reason.includes('AKIA'), trail.issue?.reason);
});

test('GAAD and Cordon snapshot fields of the wrong type are errors naming the field', async () => {
  const { loadSnapshotFiles } = await import('../../src/collect/index.js');
  const cases: Array<[string, unknown, string]> = [
    ['gaad-list.json', { UserDetailList: { UserName: 'a' } }, '`/UserDetailList` must be an array, got object'],
    ['gaad-arn.json', { UserDetailList: [{ UserName: 'a', Arn: 7 }] }, '`/UserDetailList/0/Arn` must be a string, got number'],
    ['gaad-item.json', { RoleDetailList: ['role'] }, '`/RoleDetailList/0` must be an object, got string'],
    ['snap-users.json', { schemaVersion: 1, accounts: [{ accountId: '111122223333', partition: 'aws', users: { a: 1 } }], warnings: [] }, '`/accounts/0/users` must be an array, got object'],
    ['snap-accounts.json', { schemaVersion: 1, accounts: 'all', warnings: [] }, '`/accounts` must be an array, got string'],
    ['res-shared.json', { resources: [{ arn: 'arn:aws:ec2:us-east-1:111122223333:snapshot/snap-1', sharedWith: 'all' }] }, '`/resources/0/sharedWith` must be an array, got string'],
    ['snap-inline.json', { schemaVersion: 1, accounts: [{ accountId: '111122223333', partition: 'aws', roles: [{ arn: 'arn:aws:iam::111122223333:role/r', inlinePolicies: 5 }] }] }, '`/accounts/0/roles/0/inlinePolicies` must be an array, got number'],
  ];
  for (const [name, value, expected] of cases) {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(value));
    await assert.rejects(loadSnapshotFiles([path]), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'bad_input');
      assert.equal(err.message, `\`${path}\`: ${expected}`);
      return true;
    });
  }
});

test('a snapshot policy with a malformed condition is reported, not silently never-matching', async () => {
  const { loadSnapshotFiles } = await import('../../src/collect/index.js');
  const path = join(dir, 'cond.json');
  const statement = (condition: unknown) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition });
  writeFileSync(path, JSON.stringify({
    UserDetailList: [
      { UserName: 'a', Arn: 'arn:aws:iam::111122223333:user/a', UserPolicyList: [{ PolicyName: 'typo', PolicyDocument: { Version: '2012-10-17', Statement: [statement({ StringEqualz: { 'aws:username': 'a' } })] } }] },
      { UserName: 'b', Arn: 'arn:aws:iam::111122223333:user/b', UserPolicyList: [{ PolicyName: 'shape', PolicyDocument: { Version: '2012-10-17', Statement: [statement({ StringEquals: 'aws:username' })] } }] },
    ],
  }));
  const { issues } = await loadSnapshotFiles([path]);
  const found = issues.filter((i) => i.code === 'unknown_condition_operator' || i.code === 'malformed_policy').map((i) => `${i.code} ${i.pointer}`);
  assert.deepEqual(found.sort(), [
    'malformed_policy /UserDetailList/1/UserPolicyList/0/PolicyDocument/Statement/0/Condition/StringEquals',
    'unknown_condition_operator /UserDetailList/0/UserPolicyList/0/PolicyDocument/Statement/0/Condition/StringEqualz/aws:username',
  ]);
});

test('findings import validates every finding against docs/finding.schema.json before storing', async () => {
  const { readDrafts } = await import('../../src/cli/commands/findings.js');
  const good = { id: 'abc123', type: 'ExternalAccess', severity: 'HIGH', title: 't', accountId: '111122223333', resource: 'arn:aws:iam::111122223333:role/r', resourceType: 'AWS::IAM::Role', evidence: [{ policy: 'arn:aws:iam::111122223333:role/r' }] };
  const path = join(dir, 'findings.json');
  writeFileSync(path, JSON.stringify([good]));
  assert.equal(readDrafts(path).length, 1);
  const bad: Array<[unknown, string]> = [
    [{ ...good, severity: 'SEVERE' }, '/1/severity'],
    [{ ...good, evidence: 'x' }, '/1/evidence'],
    [{ ...good, extra: { '<script>': 1 } }, '/1'],
  ];
  for (const [finding, pointer] of bad) {
    writeFileSync(path, JSON.stringify({ findings: [good, finding] }));
    assert.throws(() => readDrafts(path), (err: Error & { details?: Array<{ pointer?: string }> }) => {
      assert.equal(err.details?.[0]?.pointer, `/findings${pointer}`, err.message);
      assert.match(err.message, /^finding 1 does not match docs\/finding\.schema\.json at /);
      return true;
    });
  }
});

test('cordon validate accepts a policy file with a UTF-8 BOM, like every other JSON reader', async () => {
  const path = join(dir, 'bom-policy.json');
  writeFileSync(path, `\ufeff${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] })}`);
  const { readPolicyText } = await import('../../src/cli/commands/validate.js');
  assert.equal(readPolicyText(path).charCodeAt(0), '{'.charCodeAt(0));
  const { parsePolicy } = await import('../../src/model/policy/parse.js');
  assert.throws(() => parsePolicy('root:x:0:0:AKIASECRET', { id: 'p', type: 'identity' }), (err: Error) => !err.message.includes('AKIA') && !err.message.includes('root'));
});

test('watch --dir --once ends on a directory with a symbolic link loop, warning about it', async () => {
  const root = join(dir, 'watch-loop');
  mkdirSync(join(root, 'a'), { recursive: true });
  symlinkSync('..', join(root, 'a', 'up'));
  writeFileSync(join(root, 'a', 'trail.json'), JSON.stringify({ Records: [event('w1')] }));
  const res = await runCordon(['watch', '--dir', root, '--once', '--db', join(dir, 'watch.db')], { timeoutMs: 90_000 });
  assert.equal(res.code, 0, res.stderr);
  assert.ok(res.stderr.includes(`skipped ${join(root, 'a', 'up')}: symbolic link loop`), res.stderr);
  assert.match(res.stderr, /2 files, 1 events/);
});
