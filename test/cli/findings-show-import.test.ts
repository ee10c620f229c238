// `findings show ID` (table) prints the escalation path and the evidence; `findings import` takes
// `scan --output json` as it is (issue 24), without noise on stderr.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../src/model/finding.js';
import { runCordon } from '../helpers/cli.js';

// iam-vulnerable's fn2 (one escalating user through CreatePolicyVersion); see test/fixtures/README.md.
const fixture = new URL('../fixtures/escalation/iam-vulnerable/fn2-ExploitableResourceConstraint.json', import.meta.url).pathname;

test('findings show prints the path and the evidence; findings import reads scan output as is', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-show-'));
  const scan = await runCordon(['scan', '--snapshot', fixture, '--db', join(dir, 'a.db'), '--output', 'json']);
  assert.equal(scan.code, 1, scan.stderr);
  const findings = JSON.parse(scan.stdout) as Finding[];
  const escalation = findings.find((f) => f.path?.length);
  assert.ok(escalation, 'an escalation finding');

  const shown = await runCordon(['findings', 'show', escalation.id, '--db', join(dir, 'a.db')]);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /\nPath:\n {2}1\. /);
  assert.ok(shown.stdout.includes(escalation.path![0]!.evidence[0]!.policy), 'the path step cites its policy');
  assert.match(shown.stdout, /\nEvidence:\n/);

  writeFileSync(join(dir, 'scan.json'), scan.stdout);
  const imported = await runCordon(['findings', 'import', join(dir, 'scan.json'), '--db', join(dir, 'b.db'), '--quiet']);
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.stderr.trim(), '', 'no warnings on stderr');
  const listed = await runCordon(['findings', 'list', '--db', join(dir, 'b.db'), '--output', 'json']);
  assert.equal((JSON.parse(listed.stdout) as { findings: Finding[] }).findings.length, findings.length);
});
