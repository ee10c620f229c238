/**
 * Azure remediation steps on the shared step machine (docs/actions.md): each kind declares its
 * plan text, the Azure permissions it needs, how it reads the state before, applies, undoes and
 * renders as `az` commands. What undo cannot restore is said in its notes.
 */
import type { StepTable } from '../steps/step.js';
import { kindLookup } from '../steps/step.js';
import { azCommand, azRest } from './az-cli.js';
import type { AzureRemediationGateway, DirectoryObjectType, RoleAssignmentState } from './gateway.js';

export type AzureStep =
  | { kind: 'delete-role-assignment'; scope: string; name: string }
  | { kind: 'set-assignment-condition'; scope: string; name: string; condition: string; conditionVersion: '2.0' }
  | { kind: 'make-eligible'; scope: string; requestName: string; removeRequestName: string; roleDefinitionId: string; principalId: string; condition?: string; justification: string }
  | { kind: 'disable-principal'; objectType: DirectoryObjectType; id: string };

/** Rendering target (nothing yet: `az` reads its subscription and cloud from its own login). */
export type AzCliTarget = Record<string, never>;

const ARM = 'https://management.azure.com';
const PIM_API = '2020-10-01';
const assignmentId = (s: { scope: string; name: string }) => `${s.scope}/providers/Microsoft.Authorization/roleAssignments/${s.name}`;

function recreateCli(scope: string, name: string, b: RoleAssignmentState | undefined): string {
  if (!b) return `# role assignment ${name} did not exist before: nothing to recreate`;
  return azCommand(['role', 'assignment', 'create'], [
    ['name', name], ['scope', scope], ['role', b.roleDefinitionId], ['assignee-object-id', b.principalId], ['assignee-principal-type', b.principalType],
    ['condition', b.condition], ['condition-version', b.condition ? (b.conditionVersion ?? '2.0') : undefined], ['description', b.description],
  ]);
}

function updateCli(scope: string, name: string, b: RoleAssignmentState, condition: string | undefined): string {
  const doc = { id: assignmentId({ scope, name }), name, scope, roleDefinitionId: b.roleDefinitionId, principalId: b.principalId, principalType: b.principalType, condition: condition ?? null, conditionVersion: condition ? '2.0' : null, description: b.description ?? null };
  return azCommand(['role', 'assignment', 'update'], [['role-assignment', JSON.stringify(doc)]]);
}

function eligibilityBody(s: Extract<AzureStep, { kind: 'make-eligible' }>, requestType: 'AdminAssign' | 'AdminRemove') {
  return { properties: { principalId: s.principalId, roleDefinitionId: s.roleDefinitionId, requestType, justification: s.justification, ...(s.condition ? { condition: s.condition, conditionVersion: '2.0' } : {}), scheduleInfo: { expiration: { type: 'NoExpiration' } } } };
}

type Ctx = AzureRemediationGateway;

export const AZURE_STEPS: StepTable<AzureStep, 'kind', Ctx, AzCliTarget> = {
  'delete-role-assignment': {
    describe: (s) => `Microsoft.Authorization/roleAssignments/delete ${s.name} at ${s.scope} (its role, principal and condition are journaled to recreate it)`,
    permissions: ['Microsoft.Authorization/roleAssignments/read', 'Microsoft.Authorization/roleAssignments/delete', 'Microsoft.Authorization/roleAssignments/write'],
    before: (s, gw) => gw.getRoleAssignment(s.scope, s.name),
    async apply(s, gw, before) {
      if (!before) return { alreadyAbsent: true };
      await gw.deleteRoleAssignment(s.scope, s.name);
      return { deleted: assignmentId(s) };
    },
    async undo(s, gw, before) {
      const b = before as RoleAssignmentState | undefined;
      if (!b) return { status: 'skipped', notes: ['the assignment did not exist when the step ran'] };
      if (await gw.getRoleAssignment(s.scope, s.name)) return { status: 'done' };
      await gw.putRoleAssignment(s.scope, s.name, b);
      return { status: 'done', notes: ['recreated with the same name, role, principal and condition; createdOn/createdBy are new and the activity log keeps the deletion'] };
    },
    cli: (s) => azCommand(['role', 'assignment', 'delete'], [['ids', assignmentId(s)]]),
    undoCli: (s, j) => recreateCli(s.scope, s.name, j.before as RoleAssignmentState | undefined),
  },
  'set-assignment-condition': {
    describe: (s) => `Microsoft.Authorization/roleAssignments/write ${s.name} at ${s.scope}: condition set to ${s.condition}`,
    permissions: ['Microsoft.Authorization/roleAssignments/read', 'Microsoft.Authorization/roleAssignments/write'],
    before: (s, gw) => gw.getRoleAssignment(s.scope, s.name),
    async apply(s, gw, before) {
      const b = before as RoleAssignmentState | undefined;
      if (!b) throw new Error(`role assignment ${s.name} at ${s.scope} does not exist`);
      await gw.putRoleAssignment(s.scope, s.name, { ...b, condition: s.condition, conditionVersion: s.conditionVersion });
      return { conditioned: assignmentId(s) };
    },
    async undo(s, gw, before) {
      const b = before as RoleAssignmentState | undefined;
      if (!b) return { status: 'skipped' };
      await gw.putRoleAssignment(s.scope, s.name, b);
      return { status: 'done' };
    },
    cli: (s, j) => (j.before ? updateCli(s.scope, s.name, j.before as RoleAssignmentState, s.condition) : `# read role assignment ${assignmentId(s)} first (az role assignment list --ids ...), then set its condition`),
    undoCli: (s, j) => (j.before ? updateCli(s.scope, s.name, j.before as RoleAssignmentState, (j.before as RoleAssignmentState).condition) : '# nothing to restore'),
  },
  'make-eligible': {
    describe: (s) => `Microsoft.Authorization/roleEligibilityScheduleRequests/write AdminAssign ${s.roleDefinitionId} for ${s.principalId} at ${s.scope} (PIM-eligible instead of standing)`,
    permissions: ['Microsoft.Authorization/roleEligibilityScheduleRequests/write', 'Microsoft.Authorization/roleAssignments/write'],
    // Nothing to read, but the machine journals a step as planned only when it has a `before`.
    before: async () => ({}),
    async apply(s, gw) {
      await gw.requestEligibility({ name: s.requestName, scope: s.scope, roleDefinitionId: s.roleDefinitionId, principalId: s.principalId, requestType: 'AdminAssign', condition: s.condition, conditionVersion: s.condition ? '2.0' : undefined, justification: s.justification });
      return { requested: s.requestName };
    },
    async undo(s, gw) {
      await gw.requestEligibility({ name: s.removeRequestName, scope: s.scope, roleDefinitionId: s.roleDefinitionId, principalId: s.principalId, requestType: 'AdminRemove', justification: `rollback of ${s.requestName}` });
      return { status: 'done', notes: ['the eligibility is removed; the schedule request history stays in PIM'] };
    },
    cli: (s) => azRest('put', `${ARM}${s.scope}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/${s.requestName}?api-version=${PIM_API}`, eligibilityBody(s, 'AdminAssign')),
    undoCli: (s) => azRest('put', `${ARM}${s.scope}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/${s.removeRequestName}?api-version=${PIM_API}`, eligibilityBody(s, 'AdminRemove')),
  },
  'disable-principal': {
    describe: (s) => `Microsoft Graph PATCH /${s.objectType === 'user' ? 'users' : 'servicePrincipals'}/${s.id} accountEnabled=false (sign-ins blocked; tokens already issued stay valid until they expire)`,
    permissions: [], // Entra: User.EnableDisableAccount.All / Application.ReadWrite.All (Graph), not Azure RBAC
    before: async (s, gw) => ({ accountEnabled: await gw.getAccountEnabled(s.objectType, s.id) }),
    async apply(s, gw) {
      await gw.setAccountEnabled(s.objectType, s.id, false);
      return { disabled: s.id };
    },
    async undo(s, gw, before) {
      const was = (before as { accountEnabled?: boolean } | undefined)?.accountEnabled;
      if (was === false) return { status: 'skipped', notes: ['the account was already disabled before'] };
      await gw.setAccountEnabled(s.objectType, s.id, true);
      return { status: 'done', notes: ['sessions revoked while disabled are not restored; users sign in again'] };
    },
    cli: (s) => (s.objectType === 'user' ? azCommand(['ad', 'user', 'update'], [['id', s.id], ['account-enabled', 'false']]) : azCommand(['ad', 'sp', 'update'], [['id', s.id], ['set', 'accountEnabled=false']])),
    undoCli: (s) => (s.objectType === 'user' ? azCommand(['ad', 'user', 'update'], [['id', s.id], ['account-enabled', 'true']]) : azCommand(['ad', 'sp', 'update'], [['id', s.id], ['set', 'accountEnabled=true']])),
  },
};

/** The step kind of a declaration. */
export const azureStepKind = kindLookup(AZURE_STEPS, 'kind');
