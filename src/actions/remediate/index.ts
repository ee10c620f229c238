/** Remediation: plans from findings, CLI rendering, proven SDK apply, journaled rollback. */
export * from './plan.js';
export type { RemediationGateway, PolicyDocument, PrincipalKind } from './gateway.js';
export { resolvePlan, applyPlan, rollbackRemediation, type ApplyOutcome } from './execute.js';
export { proveRemediation, applyPlanToSnapshot, type RemediationProof } from './prove.js';
export { withStatement, withoutStatement, hasSid } from './documents.js';
export { remediationService, type RemediationService, type RemediationDeps, type PlanView, type ApplyResult } from './service.js';
