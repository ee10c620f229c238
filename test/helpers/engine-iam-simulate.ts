/**
 * A synchronous entry into `@cloud-copilot/iam-simulate` (AGPL, tests and benchmarks only) for the
 * differential test. Its public `runSimulation` validates every input against the action catalog
 * (≈6 ms a request: 10,000 requests would take a minute) and its `runUnsafeSimulation` crashes on
 * any resource policy in 0.1.173 (the resource policy is loaded without the `{name}` metadata its
 * analysis reads). This does what `runUnsafeSimulation` does, with the metadata supplied, by
 * calling the package's core `authorize` through its file path (the package's export map hides it).
 * The differential test cross-checks a sample against the validated `runSimulation`.
 */
import { loadPolicy } from '../../node_modules/@cloud-copilot/iam-policy/dist/esm/index.js';
import { authorize } from '../../node_modules/@cloud-copilot/iam-simulate/dist/esm/core_engine/CoreSimulatorEngine.js';
import { DiscoveryContextKeyConstraints } from '../../node_modules/@cloud-copilot/iam-simulate/dist/esm/context_keys/discoveryContextKeyConstraints.js';
import { AwsRequestImpl } from '../../node_modules/@cloud-copilot/iam-simulate/dist/esm/request/request.js';
import { RequestContextImpl } from '../../node_modules/@cloud-copilot/iam-simulate/dist/esm/requestContext.js';
import type { Simulation } from '@cloud-copilot/iam-simulate';
import type { Decision } from '../../src/engine/index.js';

/** iam-simulate's decision for a simulation, in strict mode, without input validation. */
export function simulateFast(simulation: Simulation): Decision {
  const named = (p: { name: string; policy: unknown }) => loadPolicy(p.policy, { name: p.name });
  const level = (l: { orgIdentifier: string; policies: { name: string; policy: unknown }[] }) => ({ orgIdentifier: l.orgIdentifier, policies: l.policies.map(named) });
  const context = new RequestContextImpl(simulation.request.contextVariables);
  const request = new AwsRequestImpl(simulation.request.principal, { resource: simulation.request.resource.resource, accountId: simulation.request.resource.accountId }, simulation.request.action, context);
  const analysis = authorize({
    request,
    sessionPolicy: simulation.sessionPolicy ? loadPolicy(simulation.sessionPolicy, { name: 'session' }) : undefined,
    identityPolicies: simulation.identityPolicies.map(named),
    serviceControlPolicies: simulation.serviceControlPolicies.map(level),
    resourceControlPolicies: simulation.resourceControlPolicies.map(level),
    resourcePolicy: simulation.resourcePolicy ? loadPolicy(simulation.resourcePolicy, { name: 'resource' }) : undefined,
    permissionBoundaries: simulation.permissionBoundaryPolicies?.map(named),
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: { blockPublicAccess: simulation.additionalSettings?.s3?.blockPublicAccess } },
  });
  return analysis.result as Decision;
}
