/**
 * Identity Center facts → the snapshot model (inline policies parsed; an unreadable one is a
 * warning and the permission set is kept without it, so its managed policies still count).
 */
import { readIdentityCenter, type IdentityCenterFacts } from '../../aws/identity-center-reader.js';
import type { AwsTarget } from '../../aws/client-config.js';
import { decodePolicyText } from '../../model/policy/index.js';
import type { IdentityCenterSnapshot, PolicyDocumentJson, SnapshotWarning } from '../../model/snapshot/types.js';

const describe = (err: unknown) => `${(err as { name?: string }).name ?? 'Error'}: ${(err as Error).message}`;

/** Reads Identity Center if the account has it; problems become warnings. */
export async function collectIdentityCenter(target: AwsTarget, accountId: string, warnings: SnapshotWarning[], accountIds: readonly string[] = [accountId]): Promise<IdentityCenterSnapshot | undefined> {
  let facts: IdentityCenterFacts | undefined;
  try {
    facts = await readIdentityCenter(target, accountIds);
  } catch (err) {
    warnings.push({ code: 'partial_identity_center', message: `Identity Center not read: ${describe(err)}`, origin: { api: 'sso:ListInstances', accountId } });
    return undefined;
  }
  if (!facts) return undefined;
  facts.errors.forEach((e) => warnings.push({ code: 'partial_identity_center', message: e, origin: { api: 'sso', accountId } }));
  const origin = { api: 'sso-admin', accountId };
  return {
    instanceArn: facts.instanceArn,
    identityStoreId: facts.identityStoreId,
    users: facts.users,
    groups: facts.groups,
    memberships: facts.memberships,
    permissionSets: facts.permissionSets.map(({ inlinePolicy, ...set }) => {
      if (!inlinePolicy) return set;
      try {
        return { ...set, inlinePolicy: decodePolicyText(inlinePolicy) as PolicyDocumentJson };
      } catch (err) {
        warnings.push({ code: 'invalid_policy_document', message: `permission set ${set.name}: ${(err as Error).message}`, origin });
        return set;
      }
    }),
    accountAssignments: facts.accountAssignments,
    origin,
  };
}
