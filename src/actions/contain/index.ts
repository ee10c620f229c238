/** Containment and release of a compromised identity (issue 11): the public surface. */
export type * from './config.js';
export type { ContainmentGateway, DeleteOutcome, IdcLocation, MutatingMethod } from './gateway.js';
export { MUTATING_METHODS } from './gateway.js';
export { containPrincipal, targetOf, type ContainDeps, type ContainOutcome, type ContainRequest } from './execute.js';
export { releasePrincipal, planRelease, stepsToUndo, type ReleaseDeps, type ReleaseRequest } from './release.js';
export { planContainment, CONTAINMENT_TAG, type ContainOptions } from './plan.js';
export { verifyContainment, loadEngineEvaluator, PROBE_ACTIONS, type Evaluator } from './verify.js';
export { userDenyDocument, roleDenyDocument, idcDenyStatement, bucketDenyStatement, denyPolicyName, containmentSid } from './deny-policy.js';
export type { StepRecord, StepSpec, StepStatus } from './steps.js';
