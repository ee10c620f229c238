/**
 * Live re-read of the IAM entities a replayed event left uncertain (`cordon watch` with
 * credentials): the entities are read again through `IamEntityReader`, converted by the same GAAD
 * reader as a full collection, and replace their old versions in the snapshot; entities IAM says
 * no longer exist are removed. Groups a re-read user belongs to and managed policies a re-read
 * principal has attached are read too when the snapshot lacks them, since the principal's
 * permissions cannot be judged without them. Only the credentials' own account is re-read.
 */
import type { IamEntityReader } from '../../aws/iam-entity-reader.js';
import { iamEntityKind } from '../../aws/iam-entity-reader.js';
import type { AccountSnapshot, Snapshot } from '../../model/snapshot/types.js';
import type { ValidationIssue } from '../../model/validation.js';
import { readGaadPage, type GaadEntities } from '../files/gaad.js';

export interface RefreshResult {
  snapshot: Snapshot;
  /** Entities read again (including dependencies the snapshot lacked). */
  refreshed: string[];
  /** Entities IAM no longer has, removed from the snapshot. */
  gone: string[];
  /** Ids that cannot be re-read here, with the reason. */
  skipped: { id: string; reason: string }[];
}

const accountOf = (arn: string) => arn.split(':')[4] ?? '';
const LIVE_FILE = 'live:iam';

/** Re-reads `ids` in `accountId` and returns the snapshot with them replaced. */
export async function refreshEntities(snapshot: Snapshot, ids: readonly string[], accountId: string, reader: IamEntityReader): Promise<RefreshResult> {
  const skipped: RefreshResult['skipped'] = [];
  const wanted: string[] = [];
  for (const id of new Set(ids)) {
    if (!iamEntityKind(id)) skipped.push({ id, reason: 'not an IAM user, role, group or managed policy' });
    else if (accountOf(id) !== accountId && accountOf(id) !== 'aws') skipped.push({ id, reason: `account ${accountOf(id)} is not the credentials' account ${accountId}` });
    else wanted.push(id);
  }
  const account = snapshot.accounts.find((a) => a.accountId === accountId);
  if (!account || wanted.length === 0) {
    for (const id of wanted) skipped.push({ id, reason: `account ${accountId} is not in the snapshot` });
    return { snapshot, refreshed: [], gone: [], skipped };
  }

  const issues: ValidationIssue[] = [];
  const first = await reader.read(wanted);
  const read = readGaadPage(first.page, LIVE_FILE, issues);
  const more = missingDependencies(account, read, accountId);
  const second = more.length ? await reader.read(more) : undefined;
  const extra = second ? readGaadPage(second.page, LIVE_FILE, issues) : undefined;
  for (const issue of issues) skipped.push({ id: issue.pointer ?? LIVE_FILE, reason: issue.message });

  const entities: GaadEntities = {
    users: [...read.users, ...(extra?.users ?? [])],
    groups: [...read.groups, ...(extra?.groups ?? [])],
    roles: [...read.roles, ...(extra?.roles ?? [])],
    policies: [...read.policies, ...(extra?.policies ?? [])],
  };
  const gone = [...first.gone, ...(second?.gone ?? [])];
  const merged = mergeEntities(account, entities, new Set(gone));
  const refreshed = [...entities.users, ...entities.groups, ...entities.roles, ...entities.policies].map((e) => e.arn).sort();
  const cleared = new Set([...refreshed, ...gone]);
  const warnings = snapshot.warnings.filter((w) => !(w.code === 'replay-uncertain' && cleared.has(w.message.slice(0, w.message.indexOf(': ')))));
  const accounts = snapshot.accounts.map((a) => (a === account ? merged : a));
  return { snapshot: { ...snapshot, accounts, warnings }, refreshed, gone: gone.sort(), skipped };
}

/** Groups and managed policies the re-read principals use that neither the snapshot nor the read holds. */
function missingDependencies(account: AccountSnapshot, read: GaadEntities, accountId: string): string[] {
  const known = new Set([...account.groups.map((g) => g.arn), ...account.policies.map((p) => p.arn), ...read.groups.map((g) => g.arn), ...read.policies.map((p) => p.arn)]);
  const need = new Set<string>();
  for (const user of read.users) {
    for (const name of user.groupNames) {
      const arn = `arn:${account.partition}:iam::${accountId}:group/${name}`;
      const existing = account.groups.find((g) => g.name === name);
      if (!existing && !known.has(arn)) need.add(arn);
    }
  }
  for (const principal of [...read.users, ...read.roles, ...read.groups]) {
    for (const arn of [...principal.attachedPolicyArns, ...('permissionsBoundaryArn' in principal && principal.permissionsBoundaryArn ? [principal.permissionsBoundaryArn] : [])]) {
      if (!known.has(arn)) need.add(arn);
    }
  }
  return [...need].sort();
}

/** `account` with `entities` replacing entities of the same ARN (appended when new) and `gone` removed. */
export function mergeEntities(account: AccountSnapshot, entities: GaadEntities, gone: ReadonlySet<string>): AccountSnapshot {
  const replace = <T extends { arn: string }>(old: readonly T[], fresh: readonly T[], keep?: (o: T, n: T) => T): T[] => {
    const byArn = new Map(fresh.map((e) => [e.arn, e]));
    const out = old.filter((e) => !gone.has(e.arn)).map((e) => {
      const n = byArn.get(e.arn);
      if (!n) return e;
      byArn.delete(e.arn);
      return keep ? keep(e, n) : n;
    });
    return [...out, ...byArn.values()];
  };
  return {
    ...account,
    // A re-read user keeps the credentials detail (keys, MFA) the GAAD shape does not carry.
    users: replace(account.users, entities.users, (o, n) => ({ ...n, accessKeys: o.accessKeys, mfaDevices: o.mfaDevices, loginProfile: o.loginProfile })),
    groups: replace(account.groups, entities.groups),
    roles: replace(account.roles, entities.roles),
    policies: replace(account.policies, entities.policies),
  };
}
