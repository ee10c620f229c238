/** Reads the configuration of the principal a containment targets, through the gateway. */
import type { PrincipalConfiguration, PrincipalType } from './config.js';
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

/** Reads the current configuration of `target`, including the policies of `buckets`. */
export async function readConfiguration(gateway: ContainmentGateway, target: TargetRef, buckets: readonly string[]): Promise<PrincipalConfiguration> {
  switch (target.type) {
    case 'iam-user':
      return gateway.readIamUser(target.name, buckets);
    case 'iam-role':
      return gateway.readIamRole(target.name, buckets);
    case 'idc-user':
      return gateway.readIdcUser(await resolveIdcLocation(gateway, target), target.name, buckets);
  }
}
