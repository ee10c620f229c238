/**
 * Reads an AWS Organization from its management account (or a delegated administrator): the tree
 * of OUs and accounts, and every SCP and RCP with its document and targets. Also the STS call that
 * organization-mode collection uses to enter each member account.
 */
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListTargetsForPolicy,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { sdkClientConfig, type AwsTarget } from './client-config.js';

/** The organization as plain data (documents still as text). */
export interface OrganizationFacts {
  id: string;
  arn?: string;
  managementAccountId: string;
  rootId: string;
  units: { id: string; name: string; parentId: string }[];
  accounts: { id: string; name?: string; email?: string; parentId: string; status?: string }[];
  policies: { id: string; arn?: string; name: string; type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'; content: string; targets: string[]; awsManaged: boolean }[];
  /** Policy types that could not be listed (e.g. RCPs not enabled), with the error. */
  errors: string[];
}

const POLICY_TYPES: readonly ('SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY')[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];
const errorText = (err: unknown) => `${(err as { name?: string }).name ?? 'Error'}: ${(err as Error).message}`;

/** Reads the whole organization. Throws when the caller is not in one or may not read it. */
export async function readOrganization(target: AwsTarget): Promise<OrganizationFacts> {
  const org = new OrganizationsClient(sdkClientConfig(target));
  try {
    const description = (await org.send(new DescribeOrganizationCommand({}))).Organization!;
    const root = (await org.send(new ListRootsCommand({}))).Roots![0]!;
    const facts: OrganizationFacts = { id: description.Id!, arn: description.Arn, managementAccountId: description.MasterAccountId!, rootId: root.Id!, units: [], accounts: [], policies: [], errors: [] };
    // Breadth-first over the tree: accounts and OUs under each parent.
    const parents = [root.Id!];
    while (parents.length > 0) {
      const parentId = parents.shift()!;
      for await (const page of paginateListAccountsForParent({ client: org }, { ParentId: parentId })) {
        for (const a of page.Accounts ?? []) facts.accounts.push({ id: a.Id!, name: a.Name, email: a.Email, parentId, status: a.Status });
      }
      for await (const page of paginateListOrganizationalUnitsForParent({ client: org }, { ParentId: parentId })) {
        for (const ou of page.OrganizationalUnits ?? []) {
          facts.units.push({ id: ou.Id!, name: ou.Name ?? ou.Id!, parentId });
          parents.push(ou.Id!);
        }
      }
    }
    for (const type of POLICY_TYPES) {
      try {
        for await (const page of paginateListPolicies({ client: org }, { Filter: type as PolicyType })) {
          for (const summary of page.Policies ?? []) {
            const policy = (await org.send(new DescribePolicyCommand({ PolicyId: summary.Id! }))).Policy;
            const targets: string[] = [];
            for await (const t of paginateListTargetsForPolicy({ client: org }, { PolicyId: summary.Id! })) targets.push(...(t.Targets ?? []).map((x) => x.TargetId!));
            facts.policies.push({ id: summary.Id!, arn: summary.Arn, name: summary.Name ?? summary.Id!, type, content: policy?.Content ?? '', targets, awsManaged: !!summary.AwsManaged });
          }
        }
      } catch (err) {
        facts.errors.push(`${type}: ${errorText(err)}`);
      }
    }
    return facts;
  } finally {
    org.destroy();
  }
}

/** Assumes `roleArn` and returns its temporary credentials (organization mode). */
export async function assumeRoleCredentials(target: AwsTarget, roleArn: string, sessionName = 'cordon-collect'): Promise<AwsCredentialIdentity> {
  const sts = new STSClient(sdkClientConfig(target));
  try {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: 3600 }));
    const c = out.Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken, expiration: c.Expiration };
  } finally {
    sts.destroy();
  }
}

/** The account id of the credentials in `target`. */
export async function callerAccountId(target: AwsTarget): Promise<string> {
  const sts = new STSClient(sdkClientConfig(target));
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Account!;
  } finally {
    sts.destroy();
  }
}
