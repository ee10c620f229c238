/**
 * Azure RBAC evaluation cases, each built from Microsoft's documented behaviour (the URL in the
 * test name's comment) and pinned with an adversarial negative.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compileAzure, evaluateAzure, parseCondition } from '../../../src/engine/azure/index.js';
import { emptyAzureSnapshot, type AzureRoleAssignment, type AzureSnapshot } from '../../../src/model/azure/snapshot.js';
import { BUILTIN_ROLE_IDS } from '../../../src/catalog/azure/builtin-roles.js';

const SUB = '/subscriptions/9B2C6D1E-0A4F-4C1E-9A57-3F0B8F1E2A01';
const RG = `${SUB}/resourceGroups/rg-App`;
const VM = `${RG}/providers/Microsoft.Compute/virtualMachines/vm1`;

let n = 0;
function assign(principalId: string, roleGuid: string, scope: string, extra: Partial<AzureRoleAssignment> = {}): AzureRoleAssignment {
  n++;
  return { id: `${scope}/providers/Microsoft.Authorization/roleAssignments/a${n}`, name: `a${n}`, scope, roleDefinitionGuid: roleGuid, roleDefinitionId: roleGuid, principalId, tier: 'active', ...extra };
}
function snap(parts: Partial<AzureSnapshot>): AzureSnapshot {
  return { ...emptyAzureSnapshot(), ...parts };
}

// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/general (Contributor, Reader, Owner)
describe('azure engine: roles, scopes, inheritance', () => {
  const c = compileAzure(snap({ roleAssignments: [assign('u1', BUILTIN_ROLE_IDS.contributor, SUB), assign('u2', BUILTIN_ROLE_IDS.reader, RG)] }));

  test('Contributor at the subscription may write a VM in a child resource group (inherited)', () => {
    const r = evaluateAzure(c, { principalId: 'u1', action: 'Microsoft.Compute/virtualMachines/write', scope: VM });
    assert.equal(r.decision, 'Allowed');
    assert.equal(r.grants[0]!.roleName, 'Contributor');
    assert.equal(r.grants[0]!.inherited, true);
    assert.equal(r.grants[0]!.matched, '*');
  });

  test("Contributor's NotActions exclude Microsoft.Authorization/*/Write, whatever the case of the request", () => {
    for (const action of ['Microsoft.Authorization/roleAssignments/write', 'MICROSOFT.AUTHORIZATION/ROLEDEFINITIONS/WRITE']) {
      assert.equal(evaluateAzure(c, { principalId: 'u1', action, scope: RG }).decision, 'NotAllowed', action);
    }
  });

  test('Reader (*/read) reads but does not write; it does not apply above its scope', () => {
    assert.equal(evaluateAzure(c, { principalId: 'u2', action: 'Microsoft.Compute/virtualMachines/read', scope: VM }).decision, 'Allowed');
    assert.equal(evaluateAzure(c, { principalId: 'u2', action: 'Microsoft.Compute/virtualMachines/write', scope: VM }).decision, 'NotAllowed');
    assert.equal(evaluateAzure(c, { principalId: 'u2', action: 'Microsoft.Compute/virtualMachines/read', scope: SUB }).decision, 'NotAllowed');
  });

  test('scopes compare case-insensitively and on segment boundaries', () => {
    assert.equal(evaluateAzure(c, { principalId: 'U2', action: 'microsoft.compute/virtualmachines/read', scope: VM.toLowerCase() }).decision, 'Allowed');
    assert.equal(evaluateAzure(c, { principalId: 'u2', action: 'Microsoft.Compute/virtualMachines/read', scope: `${SUB}/resourceGroups/rg-App2/providers/Microsoft.Compute/virtualMachines/vm1` }).decision, 'NotAllowed');
  });
});

// https://learn.microsoft.com/azure/role-based-access-control/overview#how-azure-rbac-determines-if-a-user-has-access-to-a-resource
describe('azure engine: groups, deny assignments, PIM', () => {
  const deny = (extra: object) => ({ id: 'd1', name: 'deny-vm-write', scope: RG, permissions: [{ actions: ['Microsoft.Compute/*/write'], notActions: [], dataActions: [], notDataActions: [] }], principals: [{ id: '00000000-0000-0000-0000-000000000000', type: 'Everyone' }], excludePrincipals: [{ id: 'u3', type: 'User' }], doNotApplyToChildScopes: false, ...extra });
  const base = {
    groups: [{ id: 'g-outer', members: ['g-inner'] }, { id: 'g-inner', members: ['u1'] }],
    roleAssignments: [assign('g-outer', BUILTIN_ROLE_IDS.contributor, SUB), assign('u3', BUILTIN_ROLE_IDS.owner, SUB), assign('u4', BUILTIN_ROLE_IDS.owner, SUB, { tier: 'eligible' })],
  };

  test('a member of a nested group holds the outer group\'s role', () => {
    const r = evaluateAzure(compileAzure(snap(base)), { principalId: 'u1', action: 'Microsoft.Compute/virtualMachines/write', scope: VM });
    assert.equal(r.decision, 'Allowed');
    assert.equal(r.grants[0]!.via, 'g-outer');
    assert.equal(evaluateAzure(compileAzure(snap(base)), { principalId: 'u9', action: 'Microsoft.Compute/virtualMachines/write', scope: VM }).decision, 'NotAllowed');
  });

  test('a deny assignment for Everyone wins over Contributor; excludePrincipals escapes it', () => {
    const c = compileAzure(snap({ ...base, denyAssignments: [deny({})] }));
    const r = evaluateAzure(c, { principalId: 'u1', action: 'Microsoft.Compute/virtualMachines/write', scope: VM });
    assert.equal(r.decision, 'Denied');
    assert.equal(r.denies[0]!.name, 'deny-vm-write');
    assert.equal(evaluateAzure(c, { principalId: 'u3', action: 'Microsoft.Compute/virtualMachines/write', scope: VM }).decision, 'Allowed');
    assert.equal(evaluateAzure(c, { principalId: 'u1', action: 'Microsoft.Compute/virtualMachines/read', scope: VM }).decision, 'Allowed');
  });

  test('doNotApplyToChildScopes limits the deny to its own scope', () => {
    const c = compileAzure(snap({ ...base, denyAssignments: [deny({ doNotApplyToChildScopes: true })] }));
    assert.equal(evaluateAzure(c, { principalId: 'u1', action: 'Microsoft.Compute/virtualMachines/write', scope: VM }).decision, 'Allowed');
    assert.equal(evaluateAzure(c, { principalId: 'u1', action: 'Microsoft.Compute/virtualMachines/write', scope: RG }).decision, 'Denied');
  });

  test('a PIM-eligible Owner is not allowed but could activate', () => {
    const r = evaluateAzure(compileAzure(snap(base)), { principalId: 'u4', action: 'Microsoft.Authorization/roleAssignments/write', scope: SUB });
    assert.equal(r.decision, 'NotAllowed');
    assert.equal(r.couldActivate.length, 1);
    assert.equal(r.couldActivate[0]!.roleName, 'Owner');
  });
});

// https://learn.microsoft.com/azure/role-based-access-control/delegate-role-assignments-examples
describe('azure engine: ABAC conditions, three-valued', () => {
  const delegation = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7}))";
  const c = compileAzure(snap({ roleAssignments: [assign('u5', BUILTIN_ROLE_IDS.rbacAdministrator, RG, { condition: delegation, conditionVersion: '2.0' })] }));
  const attr = '@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId]';

  test('the delegation condition allows assigning Reader only', () => {
    assert.equal(evaluateAzure(c, { principalId: 'u5', action: 'Microsoft.Authorization/roleAssignments/write', scope: RG, attributes: { [attr]: BUILTIN_ROLE_IDS.reader } }).decision, 'Allowed');
    assert.equal(evaluateAzure(c, { principalId: 'u5', action: 'Microsoft.Authorization/roleAssignments/write', scope: RG, attributes: { [attr]: BUILTIN_ROLE_IDS.owner.toUpperCase() } }).decision, 'NotAllowed');
  });

  test('an unknown attribute leaves the grant conditional; actions the condition does not target are unaffected', () => {
    const r = evaluateAzure(c, { principalId: 'u5', action: 'Microsoft.Authorization/roleAssignments/write', scope: RG });
    assert.deepEqual([r.decision, r.certainty], ['Allowed', 'conditional']);
    const read = evaluateAzure(c, { principalId: 'u5', action: 'Microsoft.Compute/virtualMachines/read', scope: RG });
    assert.deepEqual([read.decision, read.certainty], ['Allowed', 'definite']);
  });

  // https://learn.microsoft.com/azure/role-based-access-control/conditions-format (container name example)
  test('Storage Blob Data Contributor limited to one container: data action vs control action', () => {
    const cond = "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'blobs-example-container'))";
    const c2 = compileAzure(snap({ roleAssignments: [assign('u6', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', RG, { condition: cond })] }));
    const blob = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
    const key = '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]';
    assert.equal(evaluateAzure(c2, { principalId: 'u6', action: blob, kind: 'dataAction', scope: RG, attributes: { [key]: 'blobs-example-container' } }).decision, 'Allowed');
    assert.equal(evaluateAzure(c2, { principalId: 'u6', action: blob, kind: 'dataAction', scope: RG, attributes: { [key]: 'other' } }).decision, 'NotAllowed');
    assert.equal(evaluateAzure(c2, { principalId: 'u6', action: blob, kind: 'action', scope: RG, attributes: { [key]: 'blobs-example-container' } }).decision, 'NotAllowed');
  });

  test('malformed condition text is rejected by the parser', () => {
    assert.throws(() => parseCondition("(@Request[x] StringEquals 'a'"));
    assert.throws(() => parseCondition("ActionMatches{'a'} AND"));
  });
});

describe('azure engine: management groups', () => {
  const MG = '/providers/Microsoft.Management/managementGroups/mg-prod';
  test('hierarchy known: a management-group assignment reaches only its subscriptions', () => {
    const c = compileAzure(snap({
      subscriptions: [{ subscriptionId: '9b2c6d1e-0a4f-4c1e-9a57-3f0b8f1e2a01', managementGroupAncestors: ['mg-dev', 'root'] }, { subscriptionId: 'aaaaaaaa-0000-0000-0000-000000000002', managementGroupAncestors: ['mg-prod', 'root'] }],
      roleAssignments: [assign('u7', BUILTIN_ROLE_IDS.owner, MG)],
    }));
    assert.equal(evaluateAzure(c, { principalId: 'u7', action: 'Microsoft.Compute/virtualMachines/write', scope: VM }).decision, 'NotAllowed');
    assert.equal(evaluateAzure(c, { principalId: 'u7', action: 'Microsoft.Compute/virtualMachines/write', scope: '/subscriptions/aaaaaaaa-0000-0000-0000-000000000002/resourceGroups/x' }).decision, 'Allowed');
  });
  test('hierarchy unknown: an inherited management-group assignment applies (it was listed with --include-inherited)', () => {
    const c = compileAzure(snap({ roleAssignments: [assign('u7', BUILTIN_ROLE_IDS.owner, MG)] }));
    assert.equal(evaluateAzure(c, { principalId: 'u7', action: 'Microsoft.Compute/virtualMachines/write', scope: VM }).decision, 'Allowed');
  });
});
