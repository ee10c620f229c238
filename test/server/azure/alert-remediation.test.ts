// Prisma-compatible `POST /api/v1/permission/alert/remediation` answers az CLI text for Azure findings.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runAnalyzers } from '../../../src/analyzers/index.js';
import { loadSnapshotFiles } from '../../../src/collect/index.js';
import { issueToken } from '../../../src/server/auth.js';
import { startServer } from '../../../src/server/http-server.js';
import { storePorts } from '../../../src/server/store-ports.js';
import { productionPorts } from '../../../src/server/wiring.js';
import { openStore } from '../../../src/store/index.js';

const DIR = fileURLToPath(new URL('../../fixtures/azure/contoso', import.meta.url));

test('alert remediation: az role assignment delete for an Azure escalation; Entra role via az rest', async () => {
  const now = new Date('2026-12-07T00:00:00Z');
  const { snapshot } = await loadSnapshotFiles(readdirSync(DIR).map((f) => join(DIR, f)), { now });
  const drafts = runAnalyzers({ snapshot, now }, ['azure']);
  const store = await openStore(join(mkdtempSync(join(tmpdir(), 'cordon-azsrv-')), 'c.db'));
  await store.scans.record({ scope: 'accounts:azure|analyzers:azure', findings: drafts, now: now.toISOString(), actor: 'test', inputs: {} });
  const server = await startServer({ ports: productionPorts(store, {}), port: 0 });
  try {
    const { token } = await issueToken(storePorts(store).tokens, 'seed', 'viewer');
    const alice = drafts.find((f) => f.ruleId === 'azure-001' && f.principal === '00000000-0000-4000-a000-000000000001')!;
    const olivia = drafts.find((f) => f.ruleId === 'azure-012' && f.resource === 'dra-olivia-pra')!;
    const res = await fetch(`${server.url}/api/v1/permission/alert/remediation`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ alerts: [alice.id, olivia.id] }) });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { alertIdVsCliScript: Record<string, string>; cliDescription: string };
    assert.match(body.alertIdVsCliScript[alice.id]!, /^# .*\naz role assignment delete --ids \/subscriptions\/9b2c6d1e-0a4f-4c1e-9a57-3f0b8f1e2a01\/resourceGroups\/rg-app\/providers\/Microsoft\.Authorization\/roleAssignments\/5a5a0000-0000-4000-8000-000000000001\n/);
    assert.match(body.alertIdVsCliScript[olivia.id]!, /az rest --method delete --url https:\/\/graph\.microsoft\.com\/v1\.0\/roleManagement\/directory\/roleAssignments\/dra-olivia-pra/);
    assert.match(body.cliDescription, /Azure CLI/);
  } finally {
    await server.close();
    await store.close();
  }
});
