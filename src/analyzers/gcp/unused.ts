/**
 * GCP unused access, where activity is given (`{"gcpActivity": [{principal, lastUsed, permissions}]}`,
 * e.g. from Policy Intelligence's service-account last-authentication insights): an identity with
 * bindings not used for `trackedDays`, and held permissions never used in the window.
 */
import type { FindingDraft } from '../../model/finding.js';
import { findingId } from '../../model/finding-id.js';
import { memberString, parseMember } from '../../model/gcp/members.js';
import { accountOf, type GcpScan } from './context.js';

/** Unused findings for identities that appear in the activity. */
export function gcpUnusedFindings(scan: GcpScan, trackedDays = 90): FindingDraft[] {
  const out: FindingDraft[] = [];
  const cutoff = scan.now.getTime() - trackedDays * 86_400_000;
  for (const a of scan.model.snapshot.activity) {
    // Activity Analyzer may name a service account by its unique id: resolve it through the exported list.
    const byId = /^serviceAccount:(\d+)$/.exec(a.principal)?.[1];
    const email = byId ? scan.model.snapshot.serviceAccounts.find((s) => s.uniqueId === byId)?.email : undefined;
    const who = memberString(parseMember(email ? `serviceAccount:${email}` : a.principal));
    const held = scan.held.get(who) ?? [];
    if (held.length === 0) continue;
    const resource = held[0]!.resource;
    const evidence = held.map((h) => ({ policy: h.resource, policyType: 'gcp-allow', statementIndex: h.bindingIndex, pointer: h.pointer, note: `${h.role} held by ${who}` }));
    const last = a.lastUsed ? Date.parse(a.lastUsed) : undefined;
    if (last === undefined || last < cutoff) {
      out.push({ id: findingId('gcp', 'UnusedRole', who), type: 'UnusedRole', severity: 'MEDIUM', title: `${who} holds ${held.length} binding(s) but was not used in ${trackedDays} days`, accountId: accountOf(scan, resource), resource, resourceType: 'iam.googleapis.com/ServiceAccount', principal: who, actions: [...new Set(held.map((h) => h.role))].sort(), evidence, ruleId: 'GcpUnusedIdentity', details: { cloud: 'gcp', lastUsed: a.lastUsed ?? null, trackedDays } });
      continue;
    }
    if (!a.permissions) continue;
    const used = new Set(a.permissions);
    const unused = new Set<string>();
    for (const h of held) for (const p of scan.model.roles.get(h.role) ?? []) if (!used.has(p)) unused.add(p);
    if (unused.size === 0) continue;
    out.push({ id: findingId('gcp', 'UnusedPermission', who), type: 'UnusedPermission', severity: 'LOW', title: `${who} holds ${unused.size} permission(s) unused in ${trackedDays} days`, accountId: accountOf(scan, resource), resource, resourceType: 'iam.googleapis.com/ServiceAccount', principal: who, actions: [...unused].sort(), evidence, ruleId: 'GcpUnusedPermissions', details: { cloud: 'gcp', trackedDays } });
  }
  return out;
}
