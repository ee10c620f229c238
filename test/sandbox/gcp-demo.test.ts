// The demo's GCP part alone (no moto needed): the shipped exports scan into the store, alice's
// escalation is remediated with a deny policy through the client against the loopback IAM stub,
// the re-scan marks it RESOLVED, and the report section shows the gcloud commands and rollback.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runGcpDemo } from '../../src/sandbox/demo/gcp.js';

test('GCP demo: findings stored, deny-policy remediation applied, finding RESOLVED after re-scan', async () => {
  const lines: string[] = [];
  const r = await runGcpDemo(join(mkdtempSync(join(tmpdir(), 'cordon-gcp-demo-')), 'cordon.db'), new Date('2026-12-07T00:00:00Z'), (l) => lines.push(l));
  assert.equal(r.remediation.status, 'RESOLVED');
  assert.match(r.remediation.cli[0]!, /gcloud iam policies create cordon-[0-9a-f]{32} --attachment-point=cloudresourcemanager\.googleapis\.com\/projects\/prod-app --kind=denypolicies/);
  assert.match(r.section.html, /gcloud iam policies delete cordon-/);
  assert.ok(r.findings.some((f) => f.type === 'PublicAccess' && f.principal === 'allUsers' && f.status === 'ACTIVE'));
  assert.ok(r.findings.filter((f) => f.type === 'PrivilegeEscalation' && f.status === 'ACTIVE').length >= 4);
  assert.match(lines.join('\n'), /re-scan: RESOLVED/);
});
