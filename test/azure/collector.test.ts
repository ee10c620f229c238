/**
 * `collectAzure` through the real SDK pipelines against the local HTTPS stub, seeded with the
 * Contoso fixture tenant in the shapes the live APIs return (Resource Graph rows, ARM list
 * responses, Graph pages): the live snapshot gives the same escalation findings as the files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { collectAzure } from '../../src/collect/azure/live.js';
import { analyzeAzure } from '../../src/analyzers/azure/index.js';
import { loadSnapshotFiles } from '../../src/collect/index.js';
import { startAzureStub } from '../helpers/azure-stub.js';

const DIR = join(import.meta.dirname, '../fixtures/azure/contoso');
const SUB = '9b2c6d1e-0a4f-4c1e-9a57-3f0b8f1e2a01';
const NOW = new Date('2026-12-07T00:00:00Z');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture JSON of several shapes, reshaped below
const read = (f: string): any => JSON.parse(readFileSync(join(DIR, f), 'utf8'));
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.parse('2099-01-01T00:00:00Z') }) };

test('live collection through the SDK equals the file exports for escalation findings', async () => {
  const stub = await startAzureStub();
  try {
    const flat = (rows: Record<string, unknown>[], type: string, keep: string[]) => rows.map((r) => ({ id: r.id, name: r.name, type, properties: Object.fromEntries(keep.map((k) => [k, r[k]])) }));
    stub.argTables.authorizationresources = [
      ...flat(read('role-assignments.json') as unknown as Record<string, unknown>[], 'microsoft.authorization/roleassignments', ['roleDefinitionId', 'principalId', 'principalType', 'scope', 'condition', 'conditionVersion']),
      ...(read('role-definitions.json') as unknown as Record<string, unknown>[]).map((d) => ({ id: d.id, name: d.name, type: 'microsoft.authorization/roledefinitions', properties: { roleName: d.roleName, type: d.roleType, permissions: d.permissions, assignableScopes: d.assignableScopes } })),
      ...((read('classic-administrators.json') as { value: Record<string, unknown>[] }).value).map((c) => ({ ...c, type: 'microsoft.authorization/classicadministrators', subscriptionId: SUB })),
    ];
    stub.argTables.resources = (read('resources.json') as unknown as Record<string, unknown>[]).map((r) => ({ ...r, type: String(r.type).toLowerCase(), subscriptionId: SUB }));
    stub.argTables.resourcecontainers = [{ id: `/subscriptions/${SUB}`, name: 'contoso-prod', type: 'microsoft.resources/subscriptions', subscriptionId: SUB, tenantId: 'c0a70000-0000-4000-8000-000000000000', properties: {} }];
    stub.armLists.set(`/subscriptions/${SUB}/providers/microsoft.authorization/denyassignments`, (read('deny-assignments.json') as { value: unknown[] }).value);
    stub.armLists.set(`/subscriptions/${SUB}/providers/microsoft.authorization/roleeligibilityschedules`, (read('eligibility-schedules.json') as { value: unknown[] }).value);
    for (const [path, file] of [['/organization', 'graph-organization.json'], ['/users', 'graph-users.json'], ['/groups', 'graph-groups.json'], ['/servicePrincipals', 'graph-service-principals.json'], ['/applications', 'graph-applications.json'], ['/roleManagement/directory/roleAssignments', 'graph-directory-role-assignments.json']] as const) {
      stub.graphCollections.set(path, read(file));
    }
    const { azure, issues } = await collectAzure({ subscription: SUB }, { credential, armEndpoint: stub.url, graphEndpoint: stub.url, ca: stub.ca });
    assert.deepEqual(issues.filter((i) => i.severity === 'error'), []);
    assert.ok(stub.requests.every((r) => r.authorization === 'Bearer t'));
    assert.ok(stub.requests.some((r) => r.path === '/providers/Microsoft.ResourceGraph/resources' && r.query['api-version'] === '2021-03-01'));
    const live = analyzeAzure({ sources: [], accounts: [], warnings: [], azure } as never, NOW).filter((f) => f.type === 'PrivilegeEscalation').map((f) => f.id).sort();
    const files = readdirSync(DIR).filter((f) => f !== 'graph-app-role-assignments.json').map((f) => join(DIR, f));
    const { snapshot } = await loadSnapshotFiles(files, { now: NOW });
    const expected = analyzeAzure(snapshot, NOW).filter((f) => f.type === 'PrivilegeEscalation').map((f) => f.id).sort();
    assert.ok(expected.length > 30);
    assert.deepEqual(live, expected);
  } finally {
    await stub.close();
  }
});

test('collectAzure needs exactly one target', async () => {
  await assert.rejects(collectAzure({}, { credential }), /exactly one/);
});
