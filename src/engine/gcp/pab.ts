/**
 * Principal Access Boundary: a principal bound (through a policy binding on a principal set) to one
 * or more PAB policies may only access resources those policies list (the resource or one of its
 * ancestors); principals with no PAB binding are unaffected.
 * https://cloud.google.com/iam/docs/principal-access-boundary-policies
 */
import { memberDomain } from '../../model/gcp/members.js';
import { hierarchyFullName, serviceAccountProject } from '../../model/gcp/names.js';
import type { Tri } from '../types.js';
import { ancestorsOf, type GcpModel } from './compile.js';
import type { GcpPrincipal } from './principals.js';

export interface PabResult {
  /** True when the principal is in a PAB binding's principal set. */
  subject: boolean;
  /** Whether the resource is in a bound policy's rules (true when not a subject). */
  eligible: Tri;
  /** Names of the PAB policies bound to the principal. */
  policies: string[];
}

/** Is the principal in the binding's principal set? */
function inPrincipalSet(model: GcpModel, set: string, p: GcpPrincipal): boolean {
  const who = p.member;
  const crm = /^\/\/cloudresourcemanager\.googleapis\.com\/(organizations|folders|projects)\/([^/]+)$/.exec(set);
  if (crm) {
    const node = model.canon(set);
    if (who.kind === 'serviceAccount') {
      const project = model.serviceAccounts.get(who.value)?.projectId ?? serviceAccountProject(who.value);
      if (!project) return false;
      const projectNode = model.canon(hierarchyFullName(`projects/${project}`));
      return projectNode === node || ancestorsOf(model, projectNode).includes(node);
    }
    if (crm[1] === 'organizations' && who.kind === 'user') {
      const org = model.snapshot.organizations.find((o) => `organizations/${crm[2]}` === o.name);
      return org?.domain !== undefined && memberDomain(who) === org.domain;
    }
    return false;
  }
  // Workforce and workload identity pools: the set's path prefixes its subjects' identifiers.
  const path = set.replace(/^\/\//, '');
  return (who.kind === 'poolSubject' || who.kind === 'poolSet') && who.value.replace(/^principal(Set)?:\/\//, '').startsWith(`${path}/`);
}

/** PAB verdict for a principal on a resource chain (resource first, then ancestors). */
export function pabEligibility(model: GcpModel, p: GcpPrincipal, chain: readonly string[]): PabResult {
  const bound = model.pabBindings.filter((b) => (b.policyKind === undefined || b.policyKind === 'PRINCIPAL_ACCESS_BOUNDARY') && b.policy.includes('principalAccessBoundaryPolicies') && inPrincipalSet(model, b.principalSet, p));
  if (bound.length === 0) return { subject: false, eligible: true, policies: [] };
  const policies = [...new Set(bound.map((b) => b.policy))].sort();
  const inChain = new Set(chain);
  let eligible: Tri = false;
  for (const b of bound) {
    const policy = model.pabPolicies.get(b.policy);
    if (!policy) {
      // A bound policy not in the exports: its rules are unknown.
      eligible = eligible === true ? true : 'unknown';
      continue;
    }
    const covers = policy.rules.some((r) => r.effect === 'ALLOW' && r.resources.some((res) => inChain.has(model.canon(res))));
    // Binding conditions (principal.type / principal.subject) are not evaluated: a conditional binding makes coverage unknown.
    if (covers) eligible = true;
    else if (b.condition && eligible === false) eligible = 'unknown';
  }
  return { subject: true, eligible, policies };
}
