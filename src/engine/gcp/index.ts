/** GCP's authorization engine: compile a `GcpSnapshot` once, then evaluate requests against it. */
export { compileGcp, ancestorsOf, type GcpModel } from './compile.js';
export { evaluateGcp, type GcpAccess, type GcpAllowMatch, type GcpDecision, type GcpDenyMatch, type GcpRequest } from './evaluate.js';
export { resolvePrincipal, memberIncludes, type GcpPrincipal } from './principals.js';
export { denyPermissionMatches } from './permissions.js';
export { explainGcpDecision } from './explain.js';
