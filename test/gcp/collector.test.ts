// Live collection through @google-cloud/asset (searchAllIamPolicies / searchAllResources over the
// REST transport), @google-cloud/iam (deny policies) and IAM v1 REST, against the loopback stub
// seeded with the demo organization: the collected snapshot finds what the exports find.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { collectGcp } from '../../src/collect/gcp/live.js';
import { analyzeGcp } from '../../src/analyzers/gcp/index.js';
import { loadSnapshotFiles } from '../../src/collect/index.js';
import { GCP_DEMO_EXPORTS } from '../../src/sandbox/demo/gcp.js';
import { GoogleStub } from '../../src/sandbox/demo/gcp-stub.js';
import type { Snapshot } from '../../src/model/snapshot/types.js';

const stub = new GoogleStub();
const read = (f: string): unknown => JSON.parse(readFileSync(join(GCP_DEMO_EXPORTS, f), 'utf8'));
const NOW = new Date('2026-12-07T00:00:00Z');

before(async () => {
  await stub.start();
  stub.data.iamPolicies = read('iam-policies.json') as unknown[];
  stub.data.resources = [...(read('resources.json') as unknown[])];
  stub.data.roles = (read('roles.json') as { roles: { name: string }[] }).roles;
  stub.data.serviceAccounts = read('service-accounts.json') as { name: string; projectId: string }[];
  stub.data.keys = read('keys.json') as { name: string }[];
  for (const d of read('deny-policies.json') as { name: string }[]) stub.denies.set(d.name, d as unknown as Record<string, unknown>);
});
after(() => stub.stop());

test('collect --cloud gcp through the clients gives the same escalation findings as the exports', async () => {
  const { gcp, issues } = await collectGcp({ endpoint: stub.url }, { scope: 'organizations/123456789012' });
  assert.ok(stub.requests.some((r) => r.path === '/v1/organizations/123456789012:searchAllIamPolicies'));
  assert.ok(stub.requests.some((r) => r.path.startsWith('/v2/policies/cloudresourcemanager.googleapis.com%2Forganizations%2F123456789012/denypolicies')));
  assert.equal(gcp.denyPolicies.length, 1);
  assert.equal(gcp.serviceAccounts.length, 3);
  assert.equal(gcp.keys.length, 1, 'only user-managed keys are listed');
  assert.ok(issues.every((i) => /roles\.get roles\//.test(i.message)), JSON.stringify(issues), );
  const live = analyzeGcp({ sources: [], collectedAt: NOW.toISOString(), accounts: [], warnings: [], gcp } as unknown as Snapshot, NOW);
  const { snapshot } = await loadSnapshotFiles([GCP_DEMO_EXPORTS], { now: NOW });
  const offline = analyzeGcp(snapshot, NOW);
  const esc = (fs: typeof live) => fs.filter((f) => f.type === 'PrivilegeEscalation').map((f) => f.id).sort();
  assert.deepEqual(esc(live), esc(offline));
  assert.ok(esc(live).length >= 5);
});

test('cordon collect --cloud gcp writes a snapshot that cordon scan reads back', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { runCordon } = await import('../helpers/cli.js');
  const out = join(mkdtempSync(join(tmpdir(), 'cordon-gcp-collect-')), 'gcp.json');
  const c = await runCordon(['collect', '--cloud', 'gcp', '--organization', '123456789012', '--endpoint-url', stub.url, '--out', out]);
  assert.equal(c.code, 0, c.stderr);
  const s = await runCordon(['scan', '--snapshot', out, '--no-store', '--now', NOW.toISOString(), '--output', 'json']);
  assert.equal(s.code, 1, s.stderr);
  assert.ok((JSON.parse(s.stdout) as { ruleId?: string }[]).some((f) => f.ruleId === 'UpdateIAMRole'));
  const bad = await runCordon(['collect', '--cloud', 'gcp', '--endpoint-url', stub.url]);
  assert.equal(bad.code, 2);
});
