// The HTML report escapes untrusted text and draws paths; SARIF output has the 2.1.0 shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../src/model/finding.js';
import { renderHtmlReport } from '../../../src/findings/render/html-report.js';
import { findingsToSarif } from '../../../src/findings/render/sarif.js';

const base: Finding = {
  id: 'abc123', type: 'PrivilegeEscalation', severity: 'HIGH', status: 'ACTIVE', title: 'user <script>alert(1)</script> escalates',
  accountId: '111122223333', resource: 'arn:aws:iam::111122223333:user/alice', resourceType: 'AWS::IAM::User', principal: 'arn:aws:iam::111122223333:user/alice',
  evidence: [{ policy: 'p' }], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ruleId: 'sts-001',
  path: [
    { from: 'arn:aws:iam::111122223333:user/alice', to: 'arn:aws:iam::111122223333:role/A', method: 'sts-001', description: 'assume A', actions: ['sts:AssumeRole'], evidence: [{ policy: 'p', sid: 'S1' }] },
    { from: 'arn:aws:iam::111122223333:role/A', to: 'admin', method: 'iam-017', description: 'put policy on B', actions: ['iam:PutRolePolicy'], evidence: [] },
  ],
};

test('HTML report escapes text and has the escalation, external-access and extra sections', () => {
  const html = renderHtmlReport({ title: 'Scan', generatedAt: '2026-01-01T00:00:00Z', findings: [base], sections: [{ id: 'containment', title: 'Containment', html: '<p>ok</p>' }] });
  assert.ok(!html.includes('<script>alert(1)</script>'));
  assert.ok(html.includes('&lt;script&gt;'));
  for (const id of ['summary', 'escalation', 'external-access', 'findings', 'containment']) assert.ok(html.includes(`<section id="${id}">`), id);
  assert.equal((html.match(/class="step"/g) ?? []).length, 2);
  assert.ok(!/<script|src="http|href="http/i.test(html), 'self-contained: no scripts or remote assets');
});

test('SARIF has one rule per rule id and one result per finding with a logical location', () => {
  const sarif = findingsToSarif([base, { ...base, id: 'def456', severity: 'LOW', ruleId: 'iam-001' }], '0.1.0') as {
    version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; ruleIndex: number; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[];
  };
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0]!;
  assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['iam-001', 'sts-001']);
  assert.deepEqual(run.results.map((r) => [r.ruleId, r.level, r.ruleIndex]), [['sts-001', 'error', 1], ['iam-001', 'note', 0]]);
  assert.equal(run.results[0]!.locations[0]!.logicalLocations[0]!.fullyQualifiedName, base.resource);
});

test('HTML report: headline counts are ACTIVE findings, and the statuses add up to the total', () => {
  const base = { type: 'RiskyPermission', severity: 'HIGH', title: 't', accountId: '111122223333', resource: 'arn:aws:iam::111122223333:user/u', resourceType: 'AWS::IAM::User', evidence: [], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' } as const;
  const html = renderHtmlReport({
    title: 'r',
    generatedAt: '2026-01-01T00:00:00Z',
    findings: [
      { ...base, id: 'a1', status: 'ACTIVE' },
      { ...base, id: 'a2', status: 'ARCHIVED' },
      { ...base, id: 'a3', status: 'RESOLVED', severity: 'CRITICAL' },
    ] as never,
  });
  assert.match(html, /3 findings: 1 active, 1 archived, 1 resolved/);
  assert.match(html, /<span class="badge HIGH">1<\/span> HIGH/);
  assert.match(html, /<span class="badge CRITICAL">0<\/span> CRITICAL/);
});
