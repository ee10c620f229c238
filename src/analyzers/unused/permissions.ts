/**
 * UnusedPermission findings: for a principal whose activity is known (CloudTrail, a tracked
 * window), the actions its identity policies grant (Allow statements expanded over the catalog,
 * minus unconditional Denies on every resource — what Access Analyzer's unused-access analysis
 * also reasons over) minus
 * the actions it used, grouped by service, with a recommended trimmed policy: its own statements
 * cut down to the used actions (same resources and conditions), proven to grant nothing new.
 */
import type { Catalog } from '../../catalog/index.js';
import { findingId } from '../../model/finding-id.js';
import type { FindingDraft } from '../../model/finding.js';
import { parsePolicy } from '../../model/policy/index.js';
import type { AccountSnapshot, PolicyDocumentJson, Snapshot } from '../../model/snapshot/types.js';
import { checkNoNewAccess, statementActions } from '../checks/index.js';
import { actionGlob } from '../checks/no-new-access.js';

/** What is known of one principal's use of its permissions. */
export interface PrincipalActivity {
  /** Actions used successfully in the tracked window. */
  usedActions: ReadonlySet<string>;
}

export interface UnusedPermissionOptions {
  catalog: Catalog;
  /** Days of activity the data covers (reported; the caller chose the window). */
  trackedDays: number;
}

type Doc = { Version?: string; Statement: Record<string, unknown>[] };

/** The identity policy documents of a user (with its groups) or role. */
export function identityDocuments(account: AccountSnapshot, arn: string): PolicyDocumentJson[] {
  const managed = (policyArn: string) => {
    const p = account.policies.find((x) => x.arn === policyArn);
    const v = p?.versions.find((x) => x.isDefault) ?? p?.versions[0];
    return v ? [v.document] : [];
  };
  const user = account.users.find((u) => u.arn === arn);
  if (user) {
    const groups = account.groups.filter((g) => user.groupNames.includes(g.name));
    return [...user.inlinePolicies.map((p) => p.document), ...user.attachedPolicyArns.flatMap(managed), ...groups.flatMap((g) => [...g.inlinePolicies.map((p) => p.document), ...g.attachedPolicyArns.flatMap(managed)])];
  }
  const role = account.roles.find((r) => r.arn === arn);
  return role ? [...role.inlinePolicies.map((p) => p.document), ...role.attachedPolicyArns.flatMap(managed)] : [];
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** The principal's statements, Allow ones cut down to the used actions; Deny statements kept. */
export function trimToUsed(documents: readonly PolicyDocumentJson[], used: ReadonlySet<string>): Doc {
  const usedList = [...used].sort();
  const statements: Record<string, unknown>[] = [];
  for (const doc of documents) {
    for (const raw of asList((doc as Doc).Statement) as Record<string, unknown>[]) {
      if (raw.Effect !== 'Allow') {
        statements.push(raw);
        continue;
      }
      if (!('Action' in raw)) continue; // NotAction allows: replaced by the used actions they cover
      const patterns = asList(raw.Action).filter((a): a is string => typeof a === 'string');
      const kept = usedList.filter((a) => patterns.some((p) => actionGlob(p).test(a)));
      if (kept.length > 0) statements.push({ ...raw, Action: kept.length === 1 ? kept[0] : kept });
    }
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** Actions the documents grant on some resource (Allows expanded; unconditional Deny-all-resources removed). */
export function grantedActions(documents: readonly PolicyDocumentJson[], catalog: Catalog): string[] {
  const granted = new Set<string>();
  const denied = new Set<string>();
  documents.forEach((d, i) => {
    for (const st of parsePolicy(d, { id: `p${i}`, type: 'identity' }).statements) {
      if (st.effect === 'Allow') statementActions(st, catalog).forEach((a) => granted.add(a));
      else if (st.conditions.length === 0 && st.resource?.kind === 'Resource' && st.resource.patterns.some((p) => p.value === '*')) statementActions(st, catalog).forEach((a) => denied.add(a));
    }
  });
  return [...granted].filter((a) => !denied.has(a)).sort();
}

export function analyzeUnusedPermissions(snapshot: Snapshot, activity: ReadonlyMap<string, PrincipalActivity>, options: UnusedPermissionOptions): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const account of snapshot.accounts) {
    for (const principal of [...account.users, ...account.roles]) {
      const known = activity.get(principal.arn);
      if (!known || ('serviceLinked' in principal && principal.serviceLinked)) continue;
      const used = new Set([...known.usedActions].map((a) => options.catalog.canonicalAction(a) ?? a));
      const documents = identityDocuments(account, principal.arn);
      const granted = grantedActions(documents, options.catalog);
      const unused = granted.filter((a) => !used.has(a));
      if (unused.length === 0) continue;
      const byService = new Map<string, string[]>();
      for (const a of unused) {
        const svc = a.slice(0, a.indexOf(':'));
        byService.set(svc, [...(byService.get(svc) ?? []), a]);
      }
      const usedServices = new Set([...used].map((a) => a.slice(0, a.indexOf(':'))));
      const unusedServices = [...byService.keys()].filter((s) => !usedServices.has(s)).sort();
      const unusedActions = Object.fromEntries([...byService].filter(([s]) => usedServices.has(s)).map(([s, list]) => [s, list.sort()]));
      const trimmed = trimToUsed(documents, used);
      const merged = { Version: '2012-10-17', Statement: documents.flatMap((d) => asList((d as Doc).Statement)) };
      const proof = checkNoNewAccess(parsePolicy(trimmed, { id: 'trimmed', type: 'identity' }), parsePolicy(merged, { id: 'current', type: 'identity' }), options.catalog);
      findings.push({
        id: findingId('UnusedPermission', principal.arn), type: 'UnusedPermission', severity: unused.length > 100 ? 'MEDIUM' : 'LOW', accountId: account.accountId,
        title: `${principal.kind} ${principal.name} used ${used.size} of ${granted.length} granted actions; ${unusedServices.length} services never used`,
        resource: principal.arn, resourceType: principal.kind === 'user' ? 'AWS::IAM::User' : 'AWS::IAM::Role', principal: principal.arn,
        evidence: documents.length ? [{ policy: principal.arn, note: `${documents.length} identity policies` }] : [],
        ruleId: 'unused-permission', rationale: 'Permissions nobody uses only serve an attacker; trim the policies to what the activity shows.',
        details: { trackedDays: options.trackedDays, grantedActions: granted.length, usedActions: [...used].sort(), unusedServices, unusedActions, recommendedPolicy: trimmed, recommendedPolicyProof: { noNewAccess: proof.result } },
      });
    }
  }
  return findings.sort((a, b) => (a.id < b.id ? -1 : 1));
}
