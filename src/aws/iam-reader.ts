/**
 * Reads one account's IAM configuration through the SDK: every paginated call fully paginated
 * (the SDK's paginators), throttling handled by the client's adaptive retry (client-config.ts).
 */
import {
  GetAccountAuthorizationDetailsCommand, GetLoginProfileCommand, GetPolicyVersionCommand, GetRoleCommand, IAMClient,
  paginateListAccessKeys, paginateListMFADevices, GetAccessKeyLastUsedCommand, GetPolicyCommand, ListAccountAliasesCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { sdkClientConfig, type AwsTarget } from './client-config.js';

/** Raw answers, close to the API; the collector turns them into the snapshot model. */
export interface IamReader {
  accountId(): Promise<string>;
  alias(): Promise<string | undefined>;
  /** Every page of GetAccountAuthorizationDetails (customer-managed policies, users, groups, roles). */
  authorizationDetailsPages(): AsyncIterable<Record<string, unknown>>;
  accessKeys(userName: string): Promise<{ accessKeyId: string; status: 'Active' | 'Inactive'; createDate?: string; lastUsedDate?: string; lastUsedService?: string; lastUsedRegion?: string }[]>;
  loginProfile(userName: string): Promise<{ createDate?: string; passwordResetRequired?: boolean } | undefined>;
  mfaDevices(userName: string): Promise<{ serialNumber: string; enableDate?: string }[]>;
  roleLastUsed(roleName: string): Promise<{ date?: string; region?: string } | undefined>;
  /** Default version document of a managed policy (for AWS-managed policies that are attached). */
  defaultPolicyDocument(policyArn: string): Promise<{ versionId: string; document: string } | undefined>;
  close(): void;
}

const iso = (d: Date | undefined) => d?.toISOString();

/** The SDK implementation. */
export function sdkIamReader(target: AwsTarget): IamReader {
  const config = sdkClientConfig(target);
  const iam = new IAMClient(config);
  const sts = new STSClient(config);
  return {
    async accountId() {
      return (await sts.send(new GetCallerIdentityCommand({}))).Account!;
    },
    async alias() {
      return (await iam.send(new ListAccountAliasesCommand({}))).AccountAliases?.[0];
    },
    async *authorizationDetailsPages() {
      let marker: string | undefined;
      do {
        // AWS-managed policies are fetched one by one when attached (moto returns all ~1,500 of them).
        const page = await iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: marker, Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy'] }));
        const { $metadata: _metadata, ...body } = page;
        yield JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
        marker = page.IsTruncated ? page.Marker : undefined;
      } while (marker);
    },
    async accessKeys(userName) {
      const keys = [];
      for await (const page of paginateListAccessKeys({ client: iam }, { UserName: userName })) {
        for (const k of page.AccessKeyMetadata ?? []) {
          const used = (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId! }))).AccessKeyLastUsed;
          keys.push({
            accessKeyId: k.AccessKeyId!, status: (k.Status ?? 'Active') as 'Active' | 'Inactive', createDate: iso(k.CreateDate),
            lastUsedDate: iso(used?.LastUsedDate), lastUsedService: used?.ServiceName === 'N/A' ? undefined : used?.ServiceName, lastUsedRegion: used?.Region === 'N/A' ? undefined : used?.Region,
          });
        }
      }
      return keys;
    },
    async loginProfile(userName) {
      try {
        const p = (await iam.send(new GetLoginProfileCommand({ UserName: userName }))).LoginProfile;
        return { createDate: iso(p?.CreateDate), passwordResetRequired: p?.PasswordResetRequired };
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchEntityException' || (err as { name?: string }).name === 'NoSuchEntity') return undefined;
        throw err;
      }
    },
    async mfaDevices(userName) {
      const devices = [];
      for await (const page of paginateListMFADevices({ client: iam }, { UserName: userName })) {
        for (const d of page.MFADevices ?? []) devices.push({ serialNumber: d.SerialNumber!, enableDate: iso(d.EnableDate) });
      }
      return devices;
    },
    async roleLastUsed(roleName) {
      const used = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.RoleLastUsed;
      return used?.LastUsedDate || used?.Region ? { date: iso(used.LastUsedDate), region: used.Region } : undefined;
    },
    async defaultPolicyDocument(policyArn) {
      const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }))).Policy;
      if (!policy?.DefaultVersionId) return undefined;
      const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: policy.DefaultVersionId }))).PolicyVersion;
      return version?.Document ? { versionId: policy.DefaultVersionId, document: version.Document } : undefined;
    },
    close() {
      iam.destroy();
      sts.destroy();
    },
  };
}
