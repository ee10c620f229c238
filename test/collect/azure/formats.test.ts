/**
 * Azure export shapes recognised by content (documented CLI/REST/Graph outputs), each folded into
 * the Azure part: az ad lists without @odata annotations, classic administrators as listed by
 * `az role assignment list --include-classic-administrators`, `az graph query` envelopes, REST
 * role definitions, Graph transitiveMembers with and without the group in its context, and
 * eligibility schedules plus their instances counted once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAzureExport, readAzureFile } from '../../../src/collect/azure/files.js';
import type { ValidationIssue } from '../../../src/model/validation.js';

const SUB = '/subscriptions/9b2c6d1e-0a4f-4c1e-9a57-3f0b8f1e2a01';

test('az ad user/sp/app/group list output (no @odata annotations) is read by field set', () => {
  const issues: ValidationIssue[] = [];
  let part = readAzureFile([{ id: 'U1', displayName: 'A', userPrincipalName: 'a@contoso.com', businessPhones: [] }], 'users.json', undefined, issues);
  part = readAzureFile([{ id: 'S1', appId: 'app', appOwnerOrganizationId: 'other', servicePrincipalType: 'Application', displayName: 'x' }], 'sps.json', part, issues);
  part = readAzureFile([{ id: 'A1', appId: 'app', signInAudience: 'AzureADMultipleOrgs', displayName: 'x' }], 'apps.json', part, issues);
  part = readAzureFile([{ id: 'G1', displayName: 'g', securityEnabled: true, mailEnabled: false }], 'groups.json', part, issues);
  assert.deepEqual([part.users.length, part.servicePrincipals.length, part.applications.length, part.groups.length], [1, 1, 1, 1]);
  assert.equal(part.users[0]!.id, 'u1');
  assert.deepEqual(issues, []);
});

test('classic administrators from az role assignment list --include-classic-administrators', () => {
  const issues: ValidationIssue[] = [];
  const rows = [{ id: 'NA(classic admins)', principalId: 'NA(classic admins)', principalName: 'legacy@contoso.com', roleDefinitionId: 'NA(classic admin role)', roleDefinitionName: 'CoAdministrator', scope: SUB }];
  assert.ok(isAzureExport(rows));
  const part = readAzureFile(rows, 'ra.json', undefined, issues);
  assert.deepEqual(part.roleAssignments, []);
  assert.equal(part.classicAdministrators[0]!.emailAddress, 'legacy@contoso.com');
  assert.equal(part.classicAdministrators[0]!.role, 'CoAdministrator');
});

test('az graph query envelope and REST role definitions with properties', () => {
  const issues: ValidationIssue[] = [];
  const arg = { count: 1, data: [{ id: `${SUB}/providers/Microsoft.Authorization/roleAssignments/n1`, name: 'n1', type: 'microsoft.authorization/roleassignments', properties: { roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`, principalId: 'P1', scope: SUB } }], skip_token: null, total_records: 1 };
  let part = readAzureFile(arg, 'arg.json', undefined, issues);
  part = readAzureFile({ value: [{ id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/c1`, name: 'c1', type: 'Microsoft.Authorization/roleDefinitions', properties: { roleName: 'Custom', type: 'CustomRole', permissions: [{ actions: ['*'], notActions: [] }], assignableScopes: [SUB] } }] }, 'rd.json', part, issues);
  assert.equal(part.roleAssignments[0]!.principalId, 'p1');
  assert.equal(part.roleAssignments[0]!.roleDefinitionGuid, 'acdd72a7-3385-48ef-bd42-f606fba81ae7');
  assert.equal(part.roleDefinitions[0]!.roleType, 'CustomRole');
  assert.deepEqual(issues, []);
});

test('transitiveMembers: with the group in the context it is read; a bare directoryObjects list is a warning', () => {
  const issues: ValidationIssue[] = [];
  const part = readAzureFile({ '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#groups('G9')/transitiveMembers", value: [{ '@odata.type': '#microsoft.graph.user', id: 'U9' }] }, 'tm.json', undefined, issues);
  assert.deepEqual(part.groups[0]!.members, ['u9']);
  readAzureFile({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects', value: [{ id: 'x' }] }, 'bare.json', part, issues);
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.message, /does not say which group/);
  assert.equal(issues[0]!.pointer, '/value/0');
});

test('an eligibility schedule and its instance count once; expired ones grant nothing; unknown rows are warnings', () => {
  const issues: ValidationIssue[] = [];
  const props = { scope: SUB, roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`, principalId: 'P2', status: 'Provisioned' };
  const part = readAzureFile({ value: [
    { id: 's1', name: 's1', type: 'Microsoft.Authorization/roleEligibilitySchedules', properties: props },
    { id: 'i1', name: 'i1', type: 'Microsoft.Authorization/roleEligibilityScheduleInstances', properties: props },
    { id: 's2', name: 's2', type: 'Microsoft.Authorization/roleEligibilitySchedules', properties: { ...props, principalId: 'P3', status: 'Expired' } },
    { id: '/subscriptions/x/resourceGroups/y', name: 'y', type: 'Microsoft.Authorization/locks' },
  ] }, 'pim.json', undefined, issues);
  assert.deepEqual(part.roleAssignments.map((a) => [a.principalId, a.tier]), [['p2', 'eligible']]);
  assert.deepEqual(issues.map((i) => i.pointer), ['/value/3']);
});
