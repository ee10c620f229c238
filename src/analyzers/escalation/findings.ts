/**
 * Turns escalation paths into findings of type `PrivilegeEscalation` (DESIGN.md §2): one per
 * principal that can reach admin, with the ordered steps and the statements enabling each.
 */
import { findingId } from '../../model/finding-id.js';
import type { FindingDraft, PathStep } from '../../model/finding.js';
import { ADMIN } from './edges.js';
import type { PrincipalIndex } from './principal-index.js';
import type { EscalationPath } from './search.js';

const RESOURCE_TYPE = { user: 'AWS::IAM::User', role: 'AWS::IAM::Role' } as const;

/** Severity of a latent path (docs/decisions.md "Latent escalation findings"): below every real path (HIGH, CRITICAL). */
export const LATENT_SEVERITY = 'MEDIUM' as const;

/** One finding per path; the id depends only on the escalating principal. */
export function escalationFindings(paths: readonly EscalationPath[], index: PrincipalIndex): FindingDraft[] {
  return paths.map((path) => {
    const actor = index.actorByArn.get(path.start)!;
    // A method that modifies a role and then assumes it reads as two steps.
    const steps: PathStep[] = path.edges.flatMap((edge) =>
      edge.parts.map((part, i) => ({
        from: edge.from,
        to: i < edge.parts.length - 1 ? edge.targetArn : edge.to === ADMIN ? 'admin' : edge.to,
        method: edge.method.id,
        description: edge.parts.length === 1 ? `${edge.method.title} (${edge.targetArn})` : `${part.actions.join(', ')} on ${edge.targetArn} (${edge.method.title})`,
        actions: part.actions,
        target: edge.targetArn,
        evidence: part.evidence,
      })),
    );
    if (path.endsAt) {
      steps.push({
        from: path.endsAt,
        to: 'admin',
        method: 'admin-equivalent',
        description: `${path.endsAt} may do anything in its account`,
        actions: ['*'],
        evidence: path.adminEvidence,
      });
    }
    const methods = [...new Set(path.edges.map((e) => e.method.id))];
    const common = {
      type: 'PrivilegeEscalation' as const,
      accountId: actor.accountId,
      resource: actor.arn,
      resourceType: RESOURCE_TYPE[actor.kind],
      principal: actor.arn,
      actions: [...new Set(path.edges.flatMap((e) => e.actions))].sort(),
      evidence: path.edges[0]!.evidence,
      path: steps,
      ruleId: path.edges[0]!.method.id,
    };
    if (path.latent) {
      return {
        // Its own id: a latent path that becomes real is a new, more severe finding, not this one re-rated.
        id: findingId('PrivilegeEscalation', path.start, 'latent'),
        ...common,
        severity: LATENT_SEVERITY,
        title: `${actor.kind} ${actor.name} could escalate to admin (${methods.join(' → ')}) once ${path.latent.missing} exists (latent)`,
        rationale: `The principal holds every permission of the method; only ${path.latent.missing} is missing, and a routine edit of the policy (which keeps the old version) creates it without the principal doing anything.`,
        details: { latent: true, missing: path.latent.missing },
      };
    }
    return {
      id: findingId('PrivilegeEscalation', path.start),
      ...common,
      severity: path.edges.length === 1 ? 'CRITICAL' : 'HIGH',
      title: `${actor.kind} ${actor.name} can escalate to admin in ${steps.length} step${steps.length > 1 ? 's' : ''} (${methods.join(' → ')})`,
      rationale: 'A principal that can make itself (or reach) an administrator holds every permission in the account, whatever its own policies say.',
    };
  });
}
