/**
 * Live collection of one account into a `Snapshot`, through the readers in `src/aws/`. IAM comes
 * from GetAccountAuthorizationDetails (read by the same code as GAAD files), enriched with access
 * keys and their last use, login profiles, MFA devices, role last use and the documents of attached
 * AWS-managed policies; then S3 buckets, KMS keys and the other resource-based policies and shares
 * (SQS, SNS, Lambda, Secrets Manager, ECR, EFS, DynamoDB, EBS and RDS snapshots). Per-item failures become snapshot warnings
 * (the snapshot says exactly what is missing); the rest is still collected.
 */
import { readBuckets, readKeys } from '../../aws/resource-readers.js';
import { readPolicyResources } from '../../aws/policy-resource-readers.js';
import { sdkIamReader } from '../../aws/iam-reader.js';
import type { AwsTarget } from '../../aws/client-config.js';
import { decodePolicyText } from '../../model/policy/index.js';
import type { AccountSnapshot, ManagedPolicy, PolicyDocumentJson, Snapshot, SnapshotWarning } from '../../model/snapshot/types.js';
import type { ValidationIssue } from '../../model/validation.js';
import { readGaadPage } from '../files/gaad.js';
import { collectIdentityCenter } from './identity-center.js';

/** Where progress goes (the CLI passes its terminal bar). */
export interface CollectProgress {
  start(label: string, total: number): void;
  tick(delta?: number, detail?: string): void;
  stop(): void;
}

export interface CollectOptions {
  /** Parallel API calls (default 8). */
  concurrency?: number;
  progress?: CollectProgress;
  now?: Date;
  /** Read IAM Identity Center too (default true; organization mode reads it once, not per member). */
  identityCenter?: boolean;
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping input order in the output. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const describe = (err: unknown) => `${(err as { name?: string }).name ?? 'Error'}: ${(err as Error).message}`;

/** Collects the account the credentials in `target` belong to. */
export async function collectAccount(target: AwsTarget, options: CollectOptions = {}): Promise<Snapshot> {
  const limit = options.concurrency ?? 8;
  const warnings: SnapshotWarning[] = [];
  const reader = sdkIamReader(target);
  const source = `live:${target.endpointUrl ?? 'aws'}${target.profile ? `?profile=${target.profile}` : ''}`;
  try {
    const accountId = await reader.accountId();
    const origin = { api: 'iam:GetAccountAuthorizationDetails', accountId };
    const alias = await reader.alias().catch((err) => void warnings.push({ code: 'partial_account_alias', message: `iam:ListAccountAliases: ${describe(err)}`, origin: { api: 'iam:ListAccountAliases', accountId } }));
    const account: AccountSnapshot = { accountId, partition: 'aws', alias: alias ?? undefined, users: [], groups: [], roles: [], policies: [], resources: [], samlProviders: [], oidcProviders: [] };
    const issues: ValidationIssue[] = [];
    for await (const page of reader.authorizationDetailsPages()) {
      const entities = readGaadPage(page, source, issues);
      account.users.push(...entities.users.map((u) => ({ ...u, origin })));
      account.groups.push(...entities.groups.map((g) => ({ ...g, origin })));
      account.roles.push(...entities.roles.map((r) => ({ ...r, origin })));
      // moto omits PolicyName/PolicyId in GAAD (shared/MOTO.md); readGaadPage derives the name from the ARN.
      account.policies.push(...entities.policies.map((p) => ({ ...p, origin })));
    }
    warnings.push(...issues.map((i) => ({ code: i.code, message: i.message, origin: { ...origin, pointer: i.pointer } })));

    const progress = options.progress;
    progress?.start(`collecting ${accountId}`, account.users.length + account.roles.length);
    await mapLimit(account.users, limit, async (user) => {
      try {
        user.accessKeys = await reader.accessKeys(user.name);
        user.loginProfile = await reader.loginProfile(user.name);
        user.mfaDevices = (await reader.mfaDevices(user.name)).map((d) => ({ ...d, virtual: d.serialNumber.includes(':mfa/') }));
      } catch (err) {
        warnings.push({ code: 'partial_user', message: `user ${user.name}: ${describe(err)}`, origin: { api: 'iam', accountId } });
      }
      progress?.tick(1, user.name);
    });
    await mapLimit(account.roles, limit, async (role) => {
      if (!role.lastUsed) {
        try {
          role.lastUsed = await reader.roleLastUsed(role.name);
        } catch (err) {
          warnings.push({ code: 'partial_role', message: `role ${role.name}: ${describe(err)}`, origin: { api: 'iam:GetRole', accountId } });
        }
      }
      progress?.tick(1, role.name);
    });
    progress?.stop();
    account.policies.push(...(await awsManagedPolicies(account, reader, limit, warnings, accountId)));

    for (const bucket of await readBuckets(target).catch((err) => (warnings.push({ code: 'partial_s3', message: `S3: ${describe(err)}` }), []))) {
      bucket.errors.forEach((e) => warnings.push({ code: 'partial_s3', message: `bucket ${bucket.name}: ${e}`, origin: { api: 's3', accountId } }));
      account.resources.push({
        arn: `arn:aws:s3:::${bucket.name}`, resourceType: 'AWS::S3::Bucket', accountId, region: bucket.region, policy: parseDoc(bucket.policy, warnings, bucket.name),
        blockPublicAccess: bucket.blockPublicAccess, aclGrants: bucket.aclGrants.filter((g) => g.grantee !== bucket.ownerId), origin: { api: 's3:GetBucketPolicy', accountId },
      });
    }
    for (const key of await readKeys(target).catch((err) => (warnings.push({ code: 'partial_kms', message: `KMS: ${describe(err)}` }), []))) {
      key.errors.forEach((e) => warnings.push({ code: 'partial_kms', message: `key ${key.keyId}: ${e}`, origin: { api: 'kms', accountId } }));
      account.resources.push({ arn: key.arn, resourceType: 'AWS::KMS::Key', accountId, region: key.arn.split(':')[3], policy: parseDoc(key.policy, warnings, key.keyId), origin: { api: 'kms:GetKeyPolicy', accountId } });
    }
    const others = await readPolicyResources(target);
    for (const f of others.failures) warnings.push({ code: `partial_${f.service}`, message: `${f.service}: ${f.error}`, origin: { api: f.service, accountId } });
    for (const r of others.resources) {
      r.errors.forEach((e) => warnings.push({ code: 'partial_resource', message: `${r.arn}: ${e}`, origin: { api: r.api, accountId } }));
      // A resource whose ARN could not be read is only a warning: no half-known resource in the snapshot.
      if (!r.arn.startsWith('arn:')) continue;
      account.resources.push({
        arn: r.arn, resourceType: r.resourceType, accountId, region: r.region, policy: parseDoc(r.policy, warnings, r.arn),
        ...(r.sharedWith ? { sharedWith: r.sharedWith } : {}), origin: { api: r.api, accountId },
      });
    }
    const identityCenter = options.identityCenter === false ? undefined : await collectIdentityCenter(target, accountId, warnings);
    return { schemaVersion: 1, collectedAt: (options.now ?? new Date()).toISOString(), sources: [source], accounts: [account], ...(identityCenter ? { identityCenter } : {}), warnings };
  } finally {
    reader.close();
  }
}

/** Documents of the AWS-managed policies something in the account attaches. */
async function awsManagedPolicies(account: AccountSnapshot, reader: ReturnType<typeof sdkIamReader>, limit: number, warnings: SnapshotWarning[], accountId: string): Promise<ManagedPolicy[]> {
  const have = new Set(account.policies.map((p) => p.arn));
  const wanted = [...new Set([...account.users, ...account.groups, ...account.roles].flatMap((e) => e.attachedPolicyArns).filter((arn) => arn.split(':')[4] === 'aws' && !have.has(arn)))].sort();
  const policies = await mapLimit(wanted, limit, async (arn): Promise<ManagedPolicy> => {
    const base = { arn, name: arn.slice(arn.lastIndexOf('/') + 1), path: '/', isAwsManaged: true, origin: { api: 'iam:GetPolicyVersion', accountId } };
    try {
      const version = await reader.defaultPolicyDocument(arn);
      const document = version ? (decodePolicyText(version.document) as PolicyDocumentJson) : undefined;
      if (version && document) return { ...base, defaultVersionId: version.versionId, versions: [{ versionId: version.versionId, isDefault: true, document }], documentStatus: 'present' };
    } catch (err) {
      warnings.push({ code: 'unknown_policy_document', message: `${arn}: ${describe(err)}`, origin: base.origin });
    }
    return { ...base, versions: [], documentStatus: 'unknown' };
  });
  return policies;
}

function parseDoc(text: string | undefined, warnings: SnapshotWarning[], what: string): PolicyDocumentJson | undefined {
  if (!text) return undefined;
  try {
    return decodePolicyText(text) as PolicyDocumentJson;
  } catch (err) {
    warnings.push({ code: 'invalid_policy_document', message: `${what}: ${(err as Error).message}` });
    return undefined;
  }
}
