/**
 * What changed between two snapshots of a replay, read from the snapshots themselves rather than
 * from the event: replay is copy-on-write (`replay/index.ts`), so an entity that is the same object
 * in both is unchanged, and one that is a different object at the same place is changed. From the
 * changed entities follow the answers that may differ: a group's or managed policy's change reaches
 * every principal holding it. Anything else — principals, groups, policies or resources created,
 * deleted or reordered, organization or Identity Center changes, account-level lists — is `full`.
 */
import type { AccountSnapshot, IamGroup, IamRole, IamUser, ManagedPolicy, ResourcePolicyEntry, Snapshot } from '../model/snapshot/types.js';

/** The effect of one step on what the analyzers read. */
export type SnapshotChange =
  | { full: true; why: string }
  | {
    full: false;
    /** Users and roles whose effective permissions may differ, and groups whose own policies changed. */
    principals: Set<string>;
    /** Roles and resources that changed (trust or resource policy, or anything else about them). */
    resources: Set<string>;
    /** Roles whose trust policy changed (who may assume them). */
    trusts: Set<string>;
    /** Roles whose trust, instance profiles or service-linked flag changed (which services may run them). */
    serviceRoles: Set<string>;
    /** Resources other than IAM entities that changed (their policies may answer any request on them). */
    others: Set<string>;
    /** Roles and resources to re-judge for exposure. */
    exposure: Set<string>;
    /** Policy documents that changed, for the clock-dependence check. */
    documents: unknown[];
    /**
     * False when the change may alter what the escalation search reads besides the oracle's answers:
     * a group or managed policy changed, or a principal's groups, attachments, boundary, instance
     * profiles or service-linked flag.
     */
    answersOnly: boolean;
  };

const full = (why: string): SnapshotChange => ({ full: true, why });

/** Keys of an account compared entity by entity; every other key must be the same object. */
const ENTITY_LISTS = new Set(['users', 'groups', 'roles', 'policies', 'resources']);

/** Compares `next` with `previous` (its predecessor in a replay). */
export function snapshotChange(previous: Snapshot, next: Snapshot): SnapshotChange {
  if (previous === next) return { full: false, principals: new Set(), resources: new Set(), trusts: new Set(), serviceRoles: new Set(), others: new Set(), exposure: new Set(), documents: [], answersOnly: true };
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (key === 'accounts' || key === 'warnings') continue;
    if ((previous as unknown as Record<string, unknown>)[key] !== (next as unknown as Record<string, unknown>)[key]) return full(`snapshot ${key} changed`);
  }
  if (previous.accounts.length !== next.accounts.length) return full('accounts added or removed');
  const change = { full: false as const, principals: new Set<string>(), resources: new Set<string>(), trusts: new Set<string>(), serviceRoles: new Set<string>(), others: new Set<string>(), exposure: new Set<string>(), documents: [] as unknown[], answersOnly: true };
  const changedPolicies = new Set<string>();
  const changedGroups: { account: AccountSnapshot; group: IamGroup }[] = [];
  for (let i = 0; i < next.accounts.length; i++) {
    const a = previous.accounts[i]!;
    const b = next.accounts[i]!;
    if (a === b) continue;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!ENTITY_LISTS.has(key) && (a as unknown as Record<string, unknown>)[key] !== (b as unknown as Record<string, unknown>)[key]) return full(`account ${b.accountId} ${key} changed`);
    }
    const why =
      pairs(a.users, b.users, (x, y) => principal(x, y, change)) ??
      pairs(a.roles, b.roles, (x, y) => {
        const moved = principal(x, y, change);
        if (moved) return moved;
        // Replay copies a whole role to edit it: compare what services and trusts read by content.
        const trust = JSON.stringify(x.trustPolicy) !== JSON.stringify(y.trustPolicy);
        if (trust) change.trusts.add(y.arn);
        if (trust || x.serviceLinked !== y.serviceLinked || JSON.stringify(x.instanceProfileArns) !== JSON.stringify(y.instanceProfileArns)) change.serviceRoles.add(y.arn);
        change.exposure.add(y.arn);
        change.documents.push(y.trustPolicy);
      }) ??
      pairs(a.groups, b.groups, (x, y) => {
        change.answersOnly = false;
        change.principals.add(y.arn);
        change.resources.add(y.arn);
        change.documents.push(...y.inlinePolicies.map((p) => p.document));
        changedGroups.push({ account: b, group: x }, { account: b, group: y });
      }) ??
      policies(a.policies, b.policies, (arn, y) => {
        change.answersOnly = false;
        changedPolicies.add(arn);
        change.resources.add(arn);
        if (y) change.documents.push(...y.versions.map((v) => v.document));
      }) ??
      pairs(a.resources, b.resources, (x: ResourcePolicyEntry, y: ResourcePolicyEntry) => {
        if (x.accountId !== y.accountId) return 'moved';
        change.resources.add(y.arn);
        change.others.add(y.arn);
        change.answersOnly = false;
        change.exposure.add(y.arn);
        change.documents.push(y.policy);
      });
    if (why) return full(`account ${b.accountId}: ${why}`);
  }
  // A group's policies reach its members; a managed policy reaches whoever holds it, directly, as
  // a boundary or through a group, in every account (AWS-managed ARNs repeat across accounts).
  for (const { account, group } of changedGroups) for (const u of account.users) if (u.groupNames.includes(group.name)) change.principals.add(u.arn);
  if (changedPolicies.size > 0) {
    for (const account of next.accounts) {
      const heldByGroup = new Set(account.groups.filter((g) => g.attachedPolicyArns.some((p) => changedPolicies.has(p))).map((g) => g.name));
      for (const g of account.groups) if (g.attachedPolicyArns.some((p) => changedPolicies.has(p))) change.principals.add(g.arn);
      for (const p of [...account.users, ...account.roles]) {
        const holds = p.attachedPolicyArns.some((arn) => changedPolicies.has(arn)) || (p.permissionsBoundaryArn !== undefined && changedPolicies.has(p.permissionsBoundaryArn)) || (p.kind === 'user' && p.groupNames.some((n) => heldByGroup.has(n)));
        if (holds) change.principals.add(p.arn);
      }
    }
  }
  return change;
}

/**
 * Managed policies are looked up by ARN, never by place: one created, deleted or edited reaches
 * only the principals holding it (`y` is undefined for a deleted one).
 */
function policies(a: readonly ManagedPolicy[], b: readonly ManagedPolicy[], changed: (arn: string, y: ManagedPolicy | undefined) => void): string | undefined {
  if (a === b) return undefined;
  const before = new Map(a.map((p) => [p.arn, p]));
  const after = new Map(b.map((p) => [p.arn, p]));
  if (before.size !== a.length || after.size !== b.length) return 'a managed policy listed twice';
  for (const [arn, y] of after) if (before.get(arn) !== y) changed(arn, y);
  for (const arn of before.keys()) if (!after.has(arn)) changed(arn, undefined);
  return undefined;
}

/** Walks two lists entry by entry; the same ARN at every place, else the reason. */
function pairs<T extends { arn: string }>(a: readonly T[], b: readonly T[], changed: (x: T, y: T) => string | void): string | undefined {
  if (a === b) return undefined;
  if (a.length !== b.length) return 'entities added or removed';
  for (let i = 0; i < b.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.arn !== y.arn) return 'entities replaced or reordered';
    const why = changed(x, y);
    if (why) return why;
  }
  return undefined;
}

/** What the escalation search reads of a principal itself (the rest it learns from the oracle). */
function searchView(p: IamUser | IamRole): string {
  return JSON.stringify([p.name, p.attachedPolicyArns, p.permissionsBoundaryArn ?? null, p.kind === 'user' ? p.groupNames : [p.instanceProfileArns, p.serviceLinked]]);
}

function principal(x: IamUser | IamRole, y: IamUser | IamRole, change: { principals: Set<string>; resources: Set<string>; documents: unknown[]; answersOnly: boolean }): string | void {
  // Unique ids name principals in other policies' conditions (`aws:userid`): a new id is a new principal.
  if (x.id !== y.id) return 'principal id changed';
  if (change.answersOnly && searchView(x) !== searchView(y)) change.answersOnly = false;
  change.principals.add(y.arn);
  change.resources.add(y.arn);
  change.documents.push(...y.inlinePolicies.map((p) => p.document));
}
