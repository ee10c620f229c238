/**
 * `cordon timeline` end to end through the real binary: a snapshot file plus a CloudTrail file in
 * which `PutRolePolicy` grants `iam:*` to a role a user may assume, later undone by
 * `DeleteRolePolicy`. The escalation of that user appears at the first event (its id and actor
 * named) and is resolved at the second; JSON and table output; bad input is one line, exit 2.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCordon } from '../helpers/cli.js';
import { ACCOUNT, SnapshotBuilder, allow, doc, trust } from '../helpers/snapshot-builder.js';
import { ACTOR, iamEvent, urlEncoded } from '../activity/replay-events.js';
import { renderTimelineHtml } from '../../src/cli/commands/timeline-html.js';
import type { FindingDraft } from '../../src/model/finding.js';

let dir = '';
const DAVE = `arn:aws:iam::${ACCOUNT}:user/dave`;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cordon-timeline-'));
  const b = new SnapshotBuilder();
  b.user({ name: 'dave', inline: [doc(allow('sts:AssumeRole', b.arn('role', 'ops')))] });
  b.role({ name: 'ops', trust: trust({ AWS: DAVE }), inline: [doc(allow('s3:ListAllMyBuckets'))] });
  await writeFile(join(dir, 'snapshot.json'), JSON.stringify(b.build()));
  const records = [
    iamEvent('11111111-aaaa-4bbb-8ccc-000000000001', '2026-01-02T14:02:00Z', 'PutRolePolicy', { roleName: 'ops', policyName: 'ci-admin', policyDocument: urlEncoded(doc(allow('iam:*'))) }),
    iamEvent('11111111-aaaa-4bbb-8ccc-000000000002', '2026-01-02T14:05:00Z', 'GetRole', { roleName: 'ops' }),
    iamEvent('11111111-aaaa-4bbb-8ccc-000000000003', '2026-01-02T15:00:00Z', 'PutRolePolicy', { roleName: 'ops', policyName: 'denied', policyDocument: urlEncoded(doc(allow('*'))) }, { errorCode: 'AccessDenied' }),
    iamEvent('11111111-aaaa-4bbb-8ccc-000000000004', '2026-01-02T16:30:00Z', 'DeleteRolePolicy', { roleName: 'ops', policyName: 'ci-admin' }, { userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userName: 'alice' }, sourceIPAddress: '198.51.100.7' }),
  ];
  await writeFile(join(dir, 'trail.json'), JSON.stringify({ Records: records }));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface JsonEntry { change: string; eventId: string; actor: string; sourceIp: string; finding: { type: string; principal: string; path?: unknown[] }; before: Record<string, unknown>; after: Record<string, unknown> }

test('json: the escalation of dave appears at PutRolePolicy (id, actor) and is resolved at DeleteRolePolicy', async () => {
  const r = await runCordon(['timeline', '--snapshot', join(dir, 'snapshot.json'), '--cloudtrail', join(dir, 'trail.json'), '--output', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout) as { events: number; stateChanges: number; entries: JsonEntry[]; finalFindings: string[]; initialFindings: string[] };
  assert.equal(out.events, 4);
  assert.equal(out.stateChanges, 3, 'the read-only GetRole is not a change; the failed put is listed as one that changed nothing');
  assert.deepEqual(out.initialFindings, []);
  const daves = out.entries.filter((e) => e.finding.type === 'PrivilegeEscalation' && e.finding.principal === DAVE);
  assert.deepEqual(daves.map((e) => [e.change, e.eventId, e.actor]), [
    ['APPEARED', '11111111-aaaa-4bbb-8ccc-000000000001', ACTOR],
    ['RESOLVED', '11111111-aaaa-4bbb-8ccc-000000000004', `arn:aws:iam::${ACCOUNT}:user/alice`],
  ]);
  assert.equal(daves[0]!.sourceIp, '203.0.113.9');
  assert.ok((daves[0]!.finding.path?.length ?? 0) >= 2, 'the path dave → ops → admin is given as in scan');
  const role = `arn:aws:iam::${ACCOUNT}:role/ops`;
  assert.deepEqual(Object.keys((daves[0]!.before[role] as { inlinePolicies: object }).inlinePolicies), ['inline0']);
  assert.deepEqual(Object.keys((daves[0]!.after[role] as { inlinePolicies: object }).inlinePolicies), ['inline0', 'ci-admin']);
  assert.ok(out.entries.every((e) => e.eventId !== '11111111-aaaa-4bbb-8ccc-000000000003'), 'a failed event causes nothing');
  assert.deepEqual(out.finalFindings, []);
});

test('table: one row per change naming the event and the actor', async () => {
  const r = await runCordon(['timeline', '--snapshot', join(dir, 'snapshot.json'), '--cloudtrail', join(dir, 'trail.json')]);
  assert.equal(r.code, 1, r.stderr);
  const rows = r.stdout.split('\n').filter((l) => l.includes('user dave'));
  assert.equal(rows.length, 2, r.stdout);
  assert.match(rows[0]!, /APPEARED.*PutRolePolicy 11111111-aaaa-4bbb-8ccc-000000000001.*user\/ci-bot/);
  assert.match(rows[1]!, /RESOLVED.*DeleteRolePolicy 11111111-aaaa-4bbb-8ccc-000000000004.*user\/alice/);
  // Then every replayed state change, including the failed one that changed nothing.
  assert.match(r.stdout, /PutRolePolicy 11111111-aaaa-4bbb-8ccc-000000000001.*203\.0\.113\.9.*applied.*inline policy ci-admin put on arn:aws:iam::111122223333:role\/ops/);
  assert.match(r.stdout, /PutRolePolicy 11111111-aaaa-4bbb-8ccc-000000000003.*failed-event.*AccessDenied/);
  assert.doesNotMatch(r.stdout, /GetRole/);
});

test('--end before the undo: the finding stays appeared, nothing resolved', async () => {
  const r = await runCordon(['timeline', '--snapshot', join(dir, 'snapshot.json'), '--cloudtrail', join(dir, 'trail.json'), '--end', '2026-01-02T16:00:00Z', '--output', 'json']);
  const out = JSON.parse(r.stdout) as { entries: JsonEntry[]; finalFindings: string[] };
  assert.equal(out.entries.filter((e) => e.change === 'RESOLVED').length, 0);
  assert.ok(out.entries.some((e) => e.change === 'APPEARED' && e.finding.principal === DAVE));
});

test('a bad --start is one line and exit 2', async () => {
  const r = await runCordon(['timeline', '--snapshot', join(dir, 'snapshot.json'), '--cloudtrail', join(dir, 'trail.json'), '--start', 'yesterday']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /--start/);
});

test('html --out: one self-contained report naming the appearing and resolving events; written 0600, never through a symlink', async () => {
  const out = join(dir, 'timeline.html');
  const args = ['timeline', '--snapshot', join(dir, 'snapshot.json'), '--cloudtrail', join(dir, 'trail.json'), '--output', 'html'];
  const r = await runCordon([...args, '--out', out]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, '', 'the report goes to the file, not stdout');
  const html = await readFile(out, 'utf8');
  assert.equal((await stat(out)).mode & 0o777, 0o600);
  assert.match(html, /^<!doctype html>/);
  // The acceptance pair: dave's escalation APPEARED at the PutRolePolicy by ci-bot, RESOLVED at alice's DeleteRolePolicy.
  const rows = html.split('\n').filter((l) => l.startsWith('<tr>') && l.includes('user dave'));
  assert.equal(rows.length, 2, html);
  assert.match(rows[0]!, /APPEARED.*PutRolePolicy.*11111111-aaaa-4bbb-8ccc-000000000001.*user\/ci-bot.*203\.0\.113\.9/);
  assert.match(rows[1]!, /RESOLVED.*DeleteRolePolicy.*11111111-aaaa-4bbb-8ccc-000000000004.*user\/alice.*198\.51\.100\.7/);
  assert.match(html, /<section id="changes">[\s\S]*11111111-aaaa-4bbb-8ccc-000000000003[\s\S]*AccessDenied/);
  // Self-contained: no script, no external stylesheet, image or link.
  assert.doesNotMatch(html, /<script|<link|<img|src=|href="(?!#)/i);
  // A symlink planted at the report path is refused (exit 2), and its target is untouched.
  const victim = join(dir, 'victim.txt');
  await writeFile(victim, 'keep');
  const planted = join(dir, 'planted.html');
  await symlink(victim, planted);
  const refused = await runCordon([...args, '--out', planted]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /not a regular file/);
  assert.equal(await readFile(victim, 'utf8'), 'keep');
  // The table has no file form.
  assert.equal((await runCordon(['timeline', '--snapshot', join(dir, 'snapshot.json'), '--cloudtrail', join(dir, 'trail.json'), '--out', out])).code, 2);
});

test('html escapes every value from the snapshot and the trail', () => {
  const evil = '<script>alert(1)</script>"\'&';
  const event = { id: evil, time: '2026-01-02T14:02:00Z', name: evil, source: 'iam.amazonaws.com', actor: evil, sourceIp: evil };
  const finding = { id: 'F1', type: 'PrivilegeEscalation', severity: 'CRITICAL', title: evil, resource: evil, principal: evil, actions: [evil], path: [{ from: evil, to: 'admin', method: evil, description: evil, actions: [evil], evidence: [] }] } as unknown as FindingDraft;
  const html = renderTimelineHtml({
    timeline: { initial: [], final: [finding], evaluations: 2, entries: [{ change: 'APPEARED', finding, event, before: { [evil]: evil }, after: { [evil]: null } }], changes: [{ event, status: 'applied', note: evil, touched: [evil], uncertain: [evil] }] },
    events: 1, snapshot: [evil], cloudtrail: [evil], window: { start: evil }, generatedAt: '2026-01-03T00:00:00Z',
  });
  assert.doesNotMatch(html, /<script/);
  assert.ok(!html.includes(evil));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;'));
});
