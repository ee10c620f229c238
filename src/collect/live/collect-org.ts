/**
 * Organization-mode collection: reads the organization (tree, SCPs, RCPs) with the caller's
 * credentials, then collects each member account by assuming `roleName` in it (the caller's own
 * account is collected directly). An account that cannot be entered or read is a warning naming
 * it; the others are still collected, so a partial snapshot says exactly what is missing.
 */
import { assumeRoleCredentials, callerAccountId, readOrganization, type OrganizationFacts } from '../../aws/organization-reader.js';
import type { AwsTarget } from '../../aws/client-config.js';
import { InputError } from '../../model/errors.js';
import { decodePolicyText } from '../../model/policy/index.js';
import type { OrganizationSnapshot, PolicyDocumentJson, Snapshot, SnapshotWarning } from '../../model/snapshot/types.js';
import { collectAccount, mapLimit, type CollectOptions } from './collect-account.js';
import { collectIdentityCenter } from './identity-center.js';

export interface OrgCollectOptions extends CollectOptions {
  /** Role assumed in each member account, e.g. `OrganizationAccountAccessRole`. */
  roleName: string;
  /** `all` (every ACTIVE account of the organization) or explicit account ids. */
  accounts: 'all' | readonly string[];
  /** Accounts collected at the same time (default 4). */
  accountConcurrency?: number;
}

const describe = (err: unknown) => `${(err as { name?: string }).name ?? 'Error'}: ${(err as Error).message}`;

/** Collects several accounts of an organization into one snapshot. */
export async function collectOrganization(target: AwsTarget, options: OrgCollectOptions): Promise<Snapshot> {
  const warnings: SnapshotWarning[] = [];
  const caller = await callerAccountId(target);
  let facts: OrganizationFacts | undefined;
  try {
    facts = await readOrganization(target);
    facts.errors.forEach((e) => warnings.push({ code: 'partial_organization', message: e, origin: { api: 'organizations:ListPolicies', accountId: caller } }));
  } catch (err) {
    if (options.accounts === 'all') throw new InputError(`cannot list the organization's accounts from account ${caller} (${describe(err)}); run from the management account or a delegated administrator, or pass --accounts ID,...`);
    warnings.push({ code: 'organization_unreadable', message: `organization not read (SCPs/RCPs missing from the snapshot): ${describe(err)}`, origin: { api: 'organizations:DescribeOrganization', accountId: caller } });
  }
  const ids = options.accounts === 'all' ? facts!.accounts.filter((a) => !a.status || a.status === 'ACTIVE').map((a) => a.id) : [...options.accounts];
  const progress = options.progress;
  progress?.start('collecting organization', ids.length);
  const collected = await mapLimit(ids, options.accountConcurrency ?? 4, async (accountId) => {
    try {
      const accountTarget: AwsTarget = accountId === caller ? target : { ...target, profile: undefined, credentials: await assumeRoleCredentials(target, `arn:aws:iam::${accountId}:role/${options.roleName}`) };
      const snapshot = await collectAccount(accountTarget, { concurrency: options.concurrency, now: options.now, identityCenter: false });
      if (snapshot.accounts[0]?.accountId !== accountId) throw new Error(`credentials reached account ${snapshot.accounts[0]?.accountId}, not ${accountId}`);
      return snapshot;
    } catch (err) {
      warnings.push({ code: 'account_not_collected', message: `account ${accountId} not collected: ${describe(err)}`, origin: { api: 'sts:AssumeRole', accountId } });
      return undefined;
    } finally {
      progress?.tick(1, accountId);
    }
  });
  progress?.stop();
  // Identity Center lives in the management account (or its delegated administrator): read once.
  const identityCenter = await collectIdentityCenter(target, caller, warnings, facts ? facts.accounts.map((a) => a.id) : ids);
  const parts = collected.filter((s): s is Snapshot => s !== undefined);
  return {
    schemaVersion: 1,
    collectedAt: (options.now ?? new Date()).toISOString(),
    sources: [...new Set(parts.flatMap((s) => s.sources))],
    accounts: parts.flatMap((s) => s.accounts),
    ...(facts ? { organization: organizationSnapshot(facts, caller, warnings) } : {}),
    ...(identityCenter ? { identityCenter } : {}),
    warnings: [...warnings, ...parts.flatMap((s) => s.warnings)],
  };
}

/** The organization facts in the snapshot model (policy text parsed; unreadable ones warned). */
export function organizationSnapshot(facts: OrganizationFacts, caller: string, warnings: SnapshotWarning[]): OrganizationSnapshot {
  const origin = { api: 'organizations', accountId: caller };
  const policies = facts.policies.flatMap((p) => {
    try {
      return [{ id: p.id, arn: p.arn, name: p.name, type: p.type, document: decodePolicyText(p.content) as PolicyDocumentJson, targets: p.targets, awsManaged: p.awsManaged, origin: { ...origin, api: 'organizations:DescribePolicy' } }];
    } catch (err) {
      warnings.push({ code: 'invalid_policy_document', message: `${p.type} ${p.name} (${p.id}): ${(err as Error).message}`, origin });
      return [];
    }
  });
  return { id: facts.id, arn: facts.arn, managementAccountId: facts.managementAccountId, rootId: facts.rootId, units: facts.units, accounts: facts.accounts, policies, origin };
}
