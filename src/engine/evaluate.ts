/** The AWS evaluation flow (stub until implemented). */
import type { AuthorizationRequest, AuthorizationResult, EvaluationInput } from './types.js';

/** Evaluates one request against the policies of `input`. */
export function evaluateRequest(_input: EvaluationInput, _request: AuthorizationRequest): AuthorizationResult {
  throw new Error('not implemented yet');
}
