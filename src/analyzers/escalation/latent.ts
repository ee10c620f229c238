/**
 * Latent escalation (issue 18): a principal holds every permission of a method whose other
 * prerequisite the snapshot shows missing — `iam:SetDefaultPolicyVersion` on a policy attached to
 * it that has no stored non-default version. Nothing escalates today, but the next routine edit
 * of the policy (which keeps the old version) arms the path without the attacker doing anything,
 * so the path is reported, marked latent, at its own lower severity (`findings.ts`,
 * docs/decisions.md "Latent escalation findings"). Not when the principal's boundary or
 * organization policies cap it below admin whatever the policy says: AWS's delegated-administrator
 * example stays clean.
 */
import type { AccessOracle } from '../access-oracle.js';
import type { EdgeFinder } from './edges.js';
import type { PrincipalIndex } from './principal-index.js';
import type { EscalationPath } from './search.js';

/** One latent path per principal not `reached` by a real path: its first method and policy in table and ARN order. */
export function latentPaths(index: PrincipalIndex, oracle: AccessOracle, finder: EdgeFinder, reached: Uint8Array): EscalationPath[] {
  const rows = finder.methods.filter((m) => m.gains === 'policy-version' && m.target === 'self-policy');
  const out: EscalationPath[] = [];
  index.actors.forEach((actor, i) => {
    if (reached[i] || rows.length === 0) return;
    for (const method of rows) {
      for (const policyArn of actor.customerPolicyArns) {
        const policy = index.policyByArn.get(policyArn);
        // Only a policy the snapshot shows whole, with its default version alone, lacks the resource.
        if (!policy || policy.documentStatus !== 'present' || policy.versions.length === 0 || policy.versions.some((v) => !v.isDefault)) continue;
        const edge = finder.tryCandidate(actor, { ...method, gains: 'target' }, { targetArn: policyArn, targetName: policy.name, gained: policyArn });
        // Whatever version becomes default, the boundary and organization policies still cap it.
        if (!edge || !oracle.isAdminAfter(actor.arn, { kind: 'any-identity' }).allowed) continue;
        out.push({ start: actor.arn, edges: [edge], adminEvidence: [], latent: { missing: `a non-default version of ${policyArn}` } });
        return;
      }
    }
  });
  return out;
}
