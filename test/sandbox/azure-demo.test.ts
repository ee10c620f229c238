// The demo's Azure part alone: shipped exports scanned into a store, alice's escalation removed
// through the SDK against the loopback stub, re-scan RESOLVED, section with az text and rollback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAzureDemo } from '../../src/sandbox/demo/azure.js';

test('azure demo: findings in the store, remediation applied through the SDK, re-scan RESOLVED', async () => {
  const lines: string[] = [];
  const r = await runAzureDemo(join(mkdtempSync(join(tmpdir(), 'cordon-azdemo-')), 'c.db'), new Date('2026-12-07T00:00:00Z'), (l) => lines.push(l));
  assert.equal(r.remediation.status, 'RESOLVED');
  assert.ok(r.findings.filter((f) => f.resourceType.startsWith('Microsoft.') && f.status === 'ACTIVE').length > 50);
  assert.match(r.remediation.cli[0]!, /^az role assignment delete --ids /);
  assert.match(r.remediation.rollbackCli[0]!, /^az role assignment create --name 5a5a0000-0000-4000-8000-000000000001 /);
  assert.match(r.section.html, /RESOLVED/);
  assert.ok(lines.some((l) => l.includes('Azure Contoso:')));
});
