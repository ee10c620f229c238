// `cordon remediate` on a stored Azure finding: az dry-run text per strategy, errors exit 2, and
// `--from-servicebus` argument checks.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../../src/model/finding.js';
import { runCordon } from '../../helpers/cli.js';

const DIR = fileURLToPath(new URL('../../fixtures/azure/contoso', import.meta.url));

test('remediate an Azure finding: az text for remove / condition / disable; wrong strategy and bad queue exit 2', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'cordon-azrem-')), 'c.db');
  const scan = await runCordon(['scan', '--snapshot', DIR, '--db', db, '--now', '2026-12-07T00:00:00Z', '--output', 'json']);
  assert.equal(scan.code, 1, scan.stderr);
  const f = (JSON.parse(scan.stdout) as Finding[]).find((x) => x.ruleId === 'azure-001' && x.principal === '00000000-0000-4000-a000-000000000001')!;
  const dry = await runCordon(['remediate', f.id, '--db', db, '--snapshot', DIR]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^az role assignment delete --ids \/subscriptions\/9b2c6d1e-0a4f-4c1e-9a57-3f0b8f1e2a01\/resourceGroups\/rg-app\/providers\/Microsoft\.Authorization\/roleAssignments\/5a5a0000-0000-4000-8000-000000000001$/m);
  assert.match(dry.stdout, /#   az role assignment create --name 5a5a0000-0000-4000-8000-000000000001 /);
  const cond = await runCordon(['remediate', f.id, '--db', db, '--snapshot', DIR, '--strategy', 'condition']);
  assert.match(cond.stdout, /^# restrict role assignment/m);
  const disable = await runCordon(['remediate', f.id, '--db', db, '--snapshot', DIR, '--strategy', 'disable']);
  assert.match(disable.stdout, /^az ad user update --id 00000000-0000-4000-a000-000000000001 --account-enabled false$/m);
  assert.match(disable.stdout, /# cannot be undone: /);
  const bad = await runCordon(['remediate', f.id, '--db', db, '--snapshot', DIR, '--strategy', 'trim']);
  assert.equal(bad.code, 2);
  const queue = await runCordon(['remediate', '--from-servicebus', 'no-slash', '--db', db, '--snapshot', DIR]);
  assert.equal(queue.code, 2);
  assert.match(queue.stderr, /<namespace>\/<queue>/);
});
