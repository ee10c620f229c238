/**
 * Simulation over the authorization engine: inline policy documents (evaluated as one principal's
 * policies) or snapshot files on the server (compiled once per request).
 */
import { compileSnapshot, evaluateRequest } from '../engine/index.js';
import type { AuthorizationRequest, EvaluationInput } from '../engine/index.js';
import type { Snapshot } from '../model/snapshot/types.js';
import { parsePolicy } from '../model/policy/index.js';
import type { PolicyType } from '../model/policy/index.js';
import { BadRequestError, NotImplementedError } from './errors.js';
import type { SimulatePort, SimulateRequest } from './ports.js';

/** Inline policies of a simulation, by the role they play. */
export interface InlinePolicies {
  identity?: unknown[];
  resource?: unknown;
  boundary?: unknown;
  scp?: unknown[];
  session?: unknown;
}

/** Principal used when an inline simulation names none. */
export const DEFAULT_SIMULATED_PRINCIPAL = 'arn:aws:iam::111122223333:user/simulated';

function parse(doc: unknown, type: PolicyType, pointer: string) {
  return parsePolicy(doc as object, { id: pointer, type, source: `request body ${pointer}` });
}

function accountOf(arn: string): string {
  const account = arn.split(':')[4];
  if (!account || !/^\d{12}$/.test(account)) throw new BadRequestError(`principal \`${arn}\` is not an IAM ARN with an account id`, [{ message: 'not an IAM ARN', pointer: '/request/principal' }]);
  return account;
}

/** The evaluation input for inline policies (exported for tests). */
export function inlineInput(policies: InlinePolicies, principal: string): EvaluationInput {
  const input: EvaluationInput = {
    identity: (policies.identity ?? []).map((d, i) => parse(d, 'identity', `/policies/identity/${i}`)),
    principal: { arn: principal, account: accountOf(principal) },
  };
  if (policies.resource) input.resourcePolicy = parse(policies.resource, 'resource', '/policies/resource');
  if (policies.boundary) input.boundary = parse(policies.boundary, 'boundary', '/policies/boundary');
  if (policies.scp?.length) input.scps = [policies.scp.map((d, i) => parse(d, 'scp', `/policies/scp/${i}`))];
  if (policies.session) input.sessionPolicies = [parse(policies.session, 'session', '/policies/session')];
  return input;
}

/** The simulate port; `loadSnapshot` reads snapshot files (from src/collect) when wired. */
export function engineSimulatePort(loadSnapshot?: (paths: string[]) => Promise<Snapshot>): SimulatePort {
  return {
    async simulate({ snapshot, policies, request }) {
      const req = (principal: string): AuthorizationRequest => ({
        principal,
        action: request.action,
        resource: request.resource,
        ...(request.context ? { context: request.context } : {}),
      });
      if (snapshot) {
        if (!loadSnapshot) throw new NotImplementedError('simulation on snapshot files');
        if (!request.principal) throw new BadRequestError('a snapshot simulation needs `request.principal`', [{ message: 'required', pointer: '/request/principal' }]);
        const model = compileSnapshot(await loadSnapshot(snapshot));
        return { request: withPrincipal(request, request.principal), ...model.evaluate(req(request.principal)) };
      }
      const principal = request.principal ?? DEFAULT_SIMULATED_PRINCIPAL;
      return { request: withPrincipal(request, principal), ...evaluateRequest(inlineInput((policies ?? {}) as InlinePolicies, principal), req(principal)) };
    },
  };
}

function withPrincipal(request: SimulateRequest, principal: string): SimulateRequest {
  return { ...request, principal };
}
