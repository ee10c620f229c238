/**
 * The ids a GCP part of a snapshot covers, as findings' `accountId` names them (project ids, and
 * `organizations/N` / `folders/N` for findings about the hierarchy above projects). A scan's scope
 * lists them so a GCP-only scan resolves only GCP findings of these projects.
 */
import type { GcpSnapshot } from './snapshot.js';
import { projectSegment } from './names.js';

/** Sorted, distinct ids covered by `gcp` (empty when there is no GCP part). */
export function gcpScopeIds(gcp: GcpSnapshot | undefined): string[] {
  if (!gcp) return [];
  const ids = new Set<string>();
  const numbers = new Set<string>();
  for (const n of gcp.nodes ?? []) {
    const p = projectSegment(n.name);
    if (p) (/^\d+$/.test(p) ? numbers : ids).add(p);
    if (n.projectId) ids.add(n.projectId);
    const h = /^\/\/cloudresourcemanager\.googleapis\.com\/((?:organizations|folders)\/[^/]+)$/.exec(n.name);
    if (h) ids.add(h[1]!);
    for (const a of n.ancestors ?? []) if (/^(organizations|folders)\//.test(a)) ids.add(a);
  }
  for (const s of gcp.serviceAccounts ?? []) ids.add(s.projectId);
  // Project numbers whose id is unknown stay in the scope as numbers (findings then use them too).
  for (const n of numbers) ids.add(n);
  return [...ids].sort();
}
