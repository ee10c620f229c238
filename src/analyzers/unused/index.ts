/**
 * Unused access from the snapshot's last-used fields (IAM Access Analyzer's unused-access
 * finding types): roles not used, access keys not used, console passwords not used for `maxAgeDays`.
 * Something never used counts from its creation date, so a key created yesterday is not "unused".
 */
import { findingId } from '../../model/finding-id.js';
import type { FindingDraft } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot/types.js';

export interface UnusedOptions {
  /** Age after which access counts as unused, 1–365 days (default 90). */
  maxAgeDays?: number;
  /** The scan's clock (injected: pure code never reads the time itself). */
  now: Date;
}

const DAY_MS = 86_400_000;

/** Days since `lastUsed` (or since `created` when never used); undefined when neither is known. */
function idleDays(now: Date, lastUsed: string | undefined, created: string | undefined): number | undefined {
  const since = lastUsed ?? created;
  if (!since) return undefined;
  const t = Date.parse(since);
  return Number.isNaN(t) ? undefined : Math.floor((now.getTime() - t) / DAY_MS);
}

/** Unused roles, access keys and passwords of every account. */
export function analyzeUnusedAccess(snapshot: Snapshot, options: UnusedOptions): FindingDraft[] {
  const maxAge = options.maxAgeDays ?? 90;
  if (!Number.isInteger(maxAge) || maxAge < 1 || maxAge > 365) throw new RangeError(`maxAgeDays must be 1-365, got ${maxAge}`);
  const findings: FindingDraft[] = [];
  const stale = (lastUsed: string | undefined, created: string | undefined) => {
    const days = idleDays(options.now, lastUsed, created);
    return days !== undefined && days > maxAge ? days : undefined;
  };
  for (const account of snapshot.accounts) {
    for (const role of account.roles) {
      if (role.serviceLinked) continue; // AWS manages their lifecycle
      const days = stale(role.lastUsed?.date, role.createDate);
      if (days === undefined) continue;
      findings.push({
        id: findingId('UnusedRole', role.arn), type: 'UnusedRole', severity: 'LOW', accountId: account.accountId,
        title: `role ${role.name} ${role.lastUsed?.date ? `last used ${days} days ago` : `never used in ${days} days`}`,
        resource: role.arn, resourceType: 'AWS::IAM::Role', principal: role.arn, evidence: [{ policy: role.arn, note: 'RoleLastUsed' }],
        ruleId: 'unused-role', rationale: 'Unused roles keep their permissions and trust; remove them or they become a quiet way in.',
        details: { lastUsed: role.lastUsed?.date ?? null, idleDays: days, maxAgeDays: maxAge },
      });
    }
    for (const user of account.users) {
      for (const key of user.accessKeys) {
        if (key.status !== 'Active') continue;
        const days = stale(key.lastUsedDate, key.createDate);
        if (days === undefined) continue;
        findings.push({
          id: findingId('UnusedAccessKey', user.arn, key.accessKeyId), type: 'UnusedAccessKey', severity: 'MEDIUM', accountId: account.accountId,
          title: `access key ${key.accessKeyId} of ${user.name} ${key.lastUsedDate ? `last used ${days} days ago` : `never used in ${days} days`}`,
          resource: user.arn, resourceType: 'AWS::IAM::User', principal: user.arn, evidence: [{ policy: user.arn, note: `access key ${key.accessKeyId}` }],
          ruleId: 'unused-access-key', rationale: 'An active long-term key nobody uses is pure risk: deactivate and delete it.',
          details: { accessKeyId: key.accessKeyId, lastUsed: key.lastUsedDate ?? null, idleDays: days, maxAgeDays: maxAge },
        });
      }
      if (user.loginProfile) {
        const days = stale(user.passwordLastUsed, user.loginProfile.createDate);
        if (days === undefined) continue;
        findings.push({
          id: findingId('UnusedPassword', user.arn), type: 'UnusedPassword', severity: 'MEDIUM', accountId: account.accountId,
          title: `console password of ${user.name} ${user.passwordLastUsed ? `last used ${days} days ago` : `never used in ${days} days`}`,
          resource: user.arn, resourceType: 'AWS::IAM::User', principal: user.arn, evidence: [{ policy: user.arn, note: 'login profile' }],
          ruleId: 'unused-password', rationale: 'An unused console password can be phished or guessed; delete the login profile.',
          details: { lastUsed: user.passwordLastUsed ?? null, idleDays: days, maxAgeDays: maxAge },
        });
      }
    }
  }
  return findings.sort((a, b) => (a.id < b.id ? -1 : 1));
}
