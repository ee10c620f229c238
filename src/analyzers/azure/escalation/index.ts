/**
 * Azure privilege escalation: a breadth-first search per actor over the edges of `edges.ts`, up
 * to `MAX_DEPTH` steps, so transitive paths (run command on a VM whose identity may assign roles,
 * then Owner) are found. One `PrivilegeEscalation` finding per actor and thing gained, with the
 * shortest path; its `resource` is the role assignment (or directory role assignment, or
 * ownership) that enables the first step, which is what remediation removes.
 */
import { findingId } from '../../../model/finding-id.js';
import type { Evidence, FindingDraft, PathStep, Severity } from '../../../model/finding.js';
import { parseScope } from '../../../model/azure/scope.js';
import type { CompiledAzure } from '../../../engine/azure/index.js';
import type { AzurePrincipals } from '../principals.js';
import { EdgeFinder, nodeKey, type AttackerNode, type Edge, type EdgeGain } from './edges.js';

const MAX_DEPTH = 3;
const RANK: Record<Severity, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, INFO: 0 };

interface Reached {
  gain: EdgeGain;
  path: { edge: Edge; gain: EdgeGain }[];
}

/** Shortest paths from `actor` to everything it can gain. */
export function searchFrom(finder: EdgeFinder, actor: string): Reached[] {
  const start: AttackerNode = { principal: actor, extra: [], directoryRoles: [] };
  const seen = new Set([nodeKey(start)]);
  const reached = new Map<string, Reached>();
  let frontier: { node: AttackerNode; path: Reached['path'] }[] = [{ node: start, path: [] }];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
    const next: typeof frontier = [];
    for (const { node, path } of frontier) {
      for (const edge of finder.edges(node)) {
        for (const gain of edge.gains) {
          const p = [...path, { edge, gain }];
          if (gain.key !== `identity:${actor}` && !reached.has(gain.key)) reached.set(gain.key, { gain, path: p });
          if (!gain.node) continue;
          const k = nodeKey(gain.node);
          if (seen.has(k)) continue;
          seen.add(k);
          next.push({ node: gain.node, path: p });
        }
      }
    }
    frontier = next;
  }
  return [...reached.values()];
}

function evidenceOf(edge: Edge): Evidence[] {
  if (edge.grants.length === 0) return [{ policy: edge.target, policyType: edge.method.capability ? 'directory-role' : 'ownership', note: edge.method.title }];
  return edge.grants.map((g) => ({
    policy: g.assignmentId, policyType: g.hypothetical ? 'hypothetical-assignment' : g.tier === 'eligible' ? 'eligible-assignment' : 'role-assignment',
    pointer: g.origin?.pointer, note: `${g.roleName} at ${g.scope}${g.via !== '' ? ` (via ${g.via})` : ''}: ${g.matched}${g.condition ? ` when ${g.conditionResult === 'unknown' ? 'a condition of unknown value holds' : 'its condition holds'}` : ''}`,
  }));
}

/** The real (non-hypothetical) enabler of the first step: an assignment id, or the directory/ownership fact. */
function enabler(first: Edge, principals: AzurePrincipals, actor: string, c: CompiledAzure): { resource: string; resourceType: string } {
  const real = first.grants.find((g) => !g.hypothetical);
  if (real) return { resource: real.assignmentId, resourceType: 'Microsoft.Authorization/roleAssignments' };
  if (first.method.capability) {
    const ids = c.identities(actor);
    const dra = c.snapshot.directoryRoleAssignments.find((d) => d.tier === 'active' && ids.has(d.principalId) && principals.capabilities(d.principalId).has(first.method.capability!));
    if (dra) return { resource: dra.id, resourceType: 'Microsoft.Directory/roleAssignments' };
    const app = c.snapshot.appRoleAssignments.find((a) => a.principalId === actor);
    if (app) return { resource: app.id, resourceType: 'Microsoft.Directory/appRoleAssignments' };
  }
  return { resource: first.target, resourceType: first.targetType };
}

/** Findings for every actor (users, service principals, managed identities) of the snapshot. */
export function analyzeAzureEscalation(c: CompiledAzure, principals: AzurePrincipals): FindingDraft[] {
  const finder = new EdgeFinder(c, principals);
  const out: FindingDraft[] = [];
  for (const actor of principals.all()) {
    if (actor.kind === 'Group') continue;
    for (const r of searchFrom(finder, actor.id)) {
      const first = r.path[0]!.edge;
      const steps: PathStep[] = r.path.map(({ edge, gain }, i) => ({
        from: i === 0 ? actor.id : (r.path[i - 1]!.gain.node?.principal ?? actor.id),
        to: gain.node?.principal !== undefined && gain.node.principal !== (i === 0 ? actor.id : r.path[i - 1]!.gain.node?.principal) ? gain.node.principal : gain.key,
        method: edge.method.id,
        description: `${edge.method.title}: ${edge.target} → ${gain.label}`,
        actions: edge.actions,
        evidence: evidenceOf(edge),
      }));
      const methods = r.path.map((p) => p.edge.method);
      const severity = methods.reduce<Severity>((s, m) => (RANK[m.severity] > RANK[s] ? m.severity : s), 'LOW');
      const conditional = r.path.some((p) => p.edge.conditional);
      const { resource, resourceType } = enabler(first, principals, actor.id, c);
      const sub = parseScope(resource).subscriptionId ?? parseScope(first.target).subscriptionId ?? c.snapshot.tenantId ?? 'tenant';
      out.push({
        id: findingId('PrivilegeEscalation', 'azure', actor.id, r.gain.key),
        type: 'PrivilegeEscalation',
        severity: conditional && severity === 'CRITICAL' ? 'HIGH' : severity,
        title: `${actor.kind} ${actor.name} can gain ${r.gain.label} in ${steps.length} step${steps.length > 1 ? 's' : ''} (${methods.map((m) => m.id).join(' → ')})`,
        accountId: sub,
        resource,
        resourceType,
        principal: actor.id,
        actions: [...new Set(r.path.flatMap((p) => p.edge.actions))].sort(),
        evidence: evidenceOf(first),
        path: steps,
        ruleId: first.method.id,
        rationale: methods.map((m) => m.rationale).join(' '),
        details: { cloud: 'azure', actorName: actor.name, actorKind: actor.kind, gained: r.gain.key, conditional, bloodhound: [...new Set(methods.flatMap((m) => m.bloodhound))], references: [...new Set(methods.flatMap((m) => m.references))] },
      });
    }
  }
  return out;
}
