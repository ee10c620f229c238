/** Reads the configuration of the principal a containment targets, through the gateway. */
import type { IdcUserConfiguration, PrincipalConfiguration, PrincipalType } from './config.js';
import type { ContainmentGateway, IdcLocation } from './gateway.js';

/** Who to read: type, name and (Identity Center) where the user lives. */
export interface TargetRef {
  type: PrincipalType;
  name: string;
  instanceArn?: string;
  identityStoreId?: string;
}

/** Resolves the Identity Center location: given flags win, ListInstances fills the rest. */
export async function resolveIdcLocation(gateway: ContainmentGateway, target: TargetRef): Promise<IdcLocation> {
  if (target.instanceArn && target.identityStoreId) return { instanceArn: target.instanceArn, identityStoreId: target.identityStoreId };
  const found = await gateway.discoverIdc();
  return { instanceArn: target.instanceArn ?? found.instanceArn, identityStoreId: target.identityStoreId ?? found.identityStoreId };
}

/**
 * Reads the current configuration of `target`, including the policies of `buckets`. For an
 * Identity Center user, `previous` (the initial configuration) names permission sets that are no
 * longer reachable once assignments are removed: they are read too, since they carry the deny.
 */
export async function readConfiguration(gateway: ContainmentGateway, target: TargetRef, buckets: readonly string[], previous?: PrincipalConfiguration): Promise<PrincipalConfiguration> {
  switch (target.type) {
    case 'iam-user':
      return gateway.readIamUser(target.name, buckets);
    case 'iam-role':
      return gateway.readIamRole(target.name, buckets);
    case 'idc-user': {
      const now = await gateway.readIdcUser(await resolveIdcLocation(gateway, target), target.name, buckets);
      return previous?.type === 'idc-user' ? withPreviousPermissionSets(gateway, now, previous) : now;
    }
  }
}

async function withPreviousPermissionSets(gateway: ContainmentGateway, now: IdcUserConfiguration, previous: IdcUserConfiguration): Promise<IdcUserConfiguration> {
  const known = new Set(now.permissionSets.map((p) => p.arn));
  const missing = previous.permissionSets.filter((p) => !known.has(p.arn));
  const added = await Promise.all(
    missing.map(async (p) => {
      const inlinePolicy = await gateway.getPermissionSetInlinePolicy(now.instanceArn, p.arn);
      return { arn: p.arn, ...(p.name ? { name: p.name } : {}), ...(inlinePolicy ? { inlinePolicy } : {}) };
    }),
  );
  return { ...now, permissionSets: [...now.permissionSets, ...added].sort((a, b) => a.arn.localeCompare(b.arn)) };
}
