/** The Azure authorization engine: compile a snapshot's Azure part once, then decide requests. */
export { compileAzure, CLASSIC_ADMIN_ROLE, sameScope, type CompiledAzure } from './compile.js';
export { evaluateAzure, EVERYONE } from './evaluate.js';
export { azureActionMatches, permissionGrants, type OperationKind } from './actions.js';
export { parseCondition, evaluateCondition, ConditionSyntaxError, type CondNode, type ConditionContext } from './condition.js';
export type { AzureRequest, AzureDecisionResult, AzureDecision, AssignmentMatch, DenyMatch } from './model.js';
export { ENTRA_ROLES, GRAPH_APP_ROLES, GLOBAL_ADMIN, entraRoleName, entraCapabilities, type EntraRoleInfo, type EntraCapability } from './entra-roles.js';
