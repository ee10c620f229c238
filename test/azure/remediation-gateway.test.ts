/**
 * The real Azure SDK (`@azure/arm-authorization`, the SDK pipeline for Graph) against the local
 * HTTPS stub: remediation apply sends the documented requests with a bearer token, rollback
 * recreates the role assignment with the same name and condition, disable/enable round-trips.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { azureRemediationGateway } from '../../src/azure/remediation-gateway.js';
import { applyAzurePlan, rollbackAzurePlan } from '../../src/actions/azure/execute.js';
import type { AzurePlan } from '../../src/actions/azure/plan.js';
import { openStore } from '../../src/store/index.js';
import { startAzureStub, type AzureStub } from '../helpers/azure-stub.js';

const SCOPE = '/subscriptions/9b2c6d1e-0a4f-4c1e-9a57-3f0b8f1e2a01/resourceGroups/rg-app';
const NAME = '5a5a0000-0000-4000-8000-000000000001';
const now = () => '2026-12-07T00:00:00.000Z';
const credential = { getToken: async () => ({ token: 'stub-token', expiresOnTimestamp: Date.parse('2099-01-01T00:00:00Z') }) };

let stub: AzureStub;
before(async () => {
  stub = await startAzureStub();
});
after(async () => stub.close());

test('remove → rollback through the SDK: DELETE then PUT with the same name and condition', async () => {
  const props = { roleDefinitionId: '/subscriptions/9b2c6d1e-0a4f-4c1e-9a57-3f0b8f1e2a01/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168', principalId: '00000000-0000-4000-a000-000000000001', principalType: 'User', condition: "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})))", conditionVersion: '2.0' };
  stub.assignments.set(`${SCOPE.toLowerCase()}|${NAME}`, { ...props });
  const gw = azureRemediationGateway({ credential, armEndpoint: stub.url, graphEndpoint: stub.url, ca: stub.ca });
  const store = await openStore(join(mkdtempSync(join(tmpdir(), 'cordon-azsdk-')), 'c.db'));
  const plan: AzurePlan = { findingId: 'f1', strategy: 'remove', summary: 's', steps: [{ kind: 'delete-role-assignment', scope: SCOPE, name: NAME }], irreversible: [] };
  stub.requests.length = 0;
  await applyAzurePlan(plan, gw, store, { actor: 't', now });
  assert.equal(stub.assignments.size, 0);
  assert.deepEqual(stub.requests.map((r) => `${r.method} ${r.path}`), [`GET ${SCOPE}/providers/Microsoft.Authorization/roleAssignments/${NAME}`, `DELETE ${SCOPE}/providers/Microsoft.Authorization/roleAssignments/${NAME}`]);
  assert.ok(stub.requests.every((r) => r.authorization === 'Bearer stub-token' && r.query['api-version'] === '2022-04-01'));
  await rollbackAzurePlan('f1', gw, store, { actor: 't', now });
  const put = stub.requests.find((r) => r.method === 'PUT')!;
  assert.equal(put.path, `${SCOPE}/providers/Microsoft.Authorization/roleAssignments/${NAME}`);
  assert.deepEqual(stub.assignments.get(`${SCOPE.toLowerCase()}|${NAME}`), props);
});

test('eligibility request and Graph accountEnabled through the SDK pipeline', async () => {
  const gw = azureRemediationGateway({ credential, armEndpoint: stub.url, graphEndpoint: stub.url, ca: stub.ca });
  await gw.requestEligibility({ name: '11111111-2222-4333-a444-555555555555', scope: SCOPE, roleDefinitionId: 'rd', principalId: 'p', requestType: 'AdminAssign', justification: 'j' });
  const req = stub.requests.at(-1)!;
  assert.equal(req.path, `${SCOPE}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/11111111-2222-4333-a444-555555555555`);
  assert.equal(req.query['api-version'], '2020-10-01');
  assert.equal((req.body as { properties: { requestType: string } }).properties.requestType, 'AdminAssign');
  stub.accounts.set('u1', true);
  assert.equal(await gw.getAccountEnabled('user', 'u1'), true);
  await gw.setAccountEnabled('user', 'u1', false);
  assert.equal(stub.accounts.get('u1'), false);
  assert.deepEqual(stub.requests.at(-1)!.body, { accountEnabled: false });
  assert.equal(await gw.getAccountEnabled('servicePrincipal', 'missing'), undefined);
});

test('a stub without the trusted CA is refused (TLS is verified)', async () => {
  const gw = azureRemediationGateway({ credential, armEndpoint: stub.url, graphEndpoint: stub.url });
  await assert.rejects(gw.getRoleAssignment(SCOPE, NAME), /certificate|self.signed|roleAssignments/i);
});
