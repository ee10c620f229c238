/**
 * Everything in a snapshot that can grant access from outside: role trust policies, resource
 * policies, S3 ACL grants and snapshot/AMI sharing, one `ExposureSource` each.
 */
import type { AclGrant, BlockPublicAccess, PolicyDocumentJson, Snapshot } from '../../model/snapshot/types.js';

export interface ExposureSource {
  arn: string;
  resourceType: string;
  accountId: string;
  /** The resource-based policy (trust policy for roles). */
  policy?: PolicyDocumentJson;
  policyType: 'trust' | 'resource';
  aclGrants?: AclGrant[];
  blockPublicAccess?: BlockPublicAccess;
  sharedWith?: string[];
}

/** Sources in a stable order (by ARN); with `only`, just those ARNs. */
export function exposureSources(snapshot: Snapshot, only?: ReadonlySet<string>): ExposureSource[] {
  const out: ExposureSource[] = [];
  for (const account of snapshot.accounts) {
    for (const role of account.roles) {
      if (role.serviceLinked) continue; // trusted by AWS services only, and immutable
      if (only && !only.has(role.arn)) continue;
      out.push({ arn: role.arn, resourceType: 'AWS::IAM::Role', accountId: account.accountId, policy: role.trustPolicy, policyType: 'trust' });
    }
    for (const r of account.resources) {
      if (only && !only.has(r.arn)) continue;
      out.push({ arn: r.arn, resourceType: r.resourceType, accountId: r.accountId, policy: r.policy, policyType: 'resource', aclGrants: r.aclGrants, blockPublicAccess: r.blockPublicAccess, sharedWith: r.sharedWith });
    }
  }
  return out.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

/** Actions that sharing grants, per shareable resource type (as Access Analyzer reports them). */
export const SHARE_ACTIONS: Record<string, string[]> = {
  'AWS::EC2::Snapshot': ['ec2:CreateVolume', 'ec2:CopySnapshot'],
  'AWS::EC2::Image': ['ec2:RunInstances', 'ec2:CopyImage'],
  'AWS::RDS::DBSnapshot': ['rds:RestoreDBInstanceFromDBSnapshot', 'rds:CopyDBSnapshot'],
  'AWS::RDS::DBClusterSnapshot': ['rds:RestoreDBClusterFromSnapshot', 'rds:CopyDBClusterSnapshot'],
};
