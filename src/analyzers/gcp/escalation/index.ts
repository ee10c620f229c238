/**
 * GCP privilege escalation: from every identity, each first step (method row × target) and
 * everything reachable after it (transitively, through the service accounts gained) becomes one
 * finding when the reached identity or scope is more privileged than the attacker. The first
 * step is what remediation breaks (a deny policy on its permission), so it is the finding's rule.
 */
import type { FindingDraft, PathStep } from '../../../model/finding.js';
import { findingId } from '../../../model/finding-id.js';
import { hierarchyKind, serviceAccountResource } from '../../../model/gcp/names.js';
import { parseMember } from '../../../model/gcp/members.js';
import { accountOf, assetTypeOf, type GcpScan } from '../context.js';
import { EdgeFinder, type GcpEdge } from './edges.js';
import { morePrivileged } from './privilege.js';

// Longest path followed; real chains in the catalogue are 2-3 steps.
const MAX_DEPTH = 6;
const SEVERITY_DOWN = { CRITICAL: 'HIGH', HIGH: 'MEDIUM', MEDIUM: 'LOW', LOW: 'LOW', INFO: 'INFO' } as const;

function targetResource(scan: GcpScan, to: string): string {
  if (to.startsWith('admin:')) return to.slice(6);
  const m = parseMember(to);
  const sa = scan.serviceAccounts.find((s) => s.email === m.value);
  return sa ? sa.resource : scan.model.canon(serviceAccountResource(m.value));
}

function step(e: GcpEdge): PathStep {
  const gained = e.to.startsWith('admin:') ? `any role on ${e.to.slice(6)}` : e.to;
  return { from: e.from, to: e.to.startsWith('admin:') ? 'admin' : e.to, method: e.method.id, description: `${e.method.title}: ${e.permissions.join(', ')} on ${e.checkedOn} → ${gained}`, actions: e.permissions, evidence: e.evidence };
}

/** Escalation findings for every identity of the scan. */
export function gcpEscalationFindings(scan: GcpScan): FindingDraft[] {
  const finder = new EdgeFinder(scan);
  const out: FindingDraft[] = [];
  for (const attacker of scan.identities) {
    const m = parseMember(attacker);
    if (m.kind === 'serviceAccount' && scan.serviceAccounts.find((s) => s.email === m.value)?.disabled) continue;
    for (const first of finder.from(attacker)) {
      // Breadth-first from the first step's target: shortest continuation to everything reachable.
      const paths = new Map<string, GcpEdge[]>([[first.to, [first]]]);
      const queue = [first.to];
      while (queue.length > 0) {
        const node = queue.shift()!;
        const path = paths.get(node)!;
        if (node.startsWith('admin:') || path.length >= MAX_DEPTH) continue;
        for (const e of finder.from(node)) {
          if (e.to === attacker || paths.has(e.to)) continue;
          paths.set(e.to, [...path, e]);
          queue.push(e.to);
        }
      }
      for (const [target, path] of paths) {
        if (!morePrivileged(scan, attacker, target)) continue;
        const conditional = path.some((e) => e.conditional);
        const resource = targetResource(scan, target);
        const adminOf = target.startsWith('admin:') ? hierarchyKind(resource) : undefined;
        const ownerTarget = (scan.held.get(target) ?? []).some((h) => h.role === 'roles/owner' && !h.conditional);
        const base = adminOf || ownerTarget || path.some((e) => e.to.startsWith('admin:')) ? 'CRITICAL' : first.method.severity;
        out.push({
          id: findingId('gcp', 'PrivilegeEscalation', attacker, first.method.id, first.to, target),
          type: 'PrivilegeEscalation',
          severity: conditional ? SEVERITY_DOWN[base] : base,
          title: `${attacker} can gain ${target.startsWith('admin:') ? `any role on ${resource}` : target} (${first.method.title}${path.length > 1 ? `, then ${path.length - 1} more step(s)` : ''})`,
          accountId: accountOf(scan, first.attachmentPoint),
          resource,
          resourceType: assetTypeOf(scan, resource),
          principal: attacker,
          actions: first.permissions,
          evidence: first.evidence,
          path: path.map(step),
          ruleId: first.method.id,
          rationale: first.method.rationale,
          details: {
            cloud: 'gcp',
            methods: path.map((e) => e.method.id),
            checkedOn: first.checkedOn,
            attachmentPoint: first.attachmentPoint,
            conditional,
            ...(first.missingHelpers ? { missingHelperPermissions: first.missingHelpers } : {}),
            references: first.method.references,
          },
        });
      }
    }
  }
  return out;
}
