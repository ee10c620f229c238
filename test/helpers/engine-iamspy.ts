/**
 * Minimal loader of the IAMSpy fixtures (`../shared/corpora/iamspy/files/`) into a Cordon
 * `Snapshot`, so the IAMSpy vectors run through `compileSnapshot`. It reads the three fixture
 * roles the corpus README describes: get-account-authorization-details output (users, groups,
 * roles, managed policies), resource-policy lists (`[{Resource, Policy, Account}]`) and an AWS
 * Organizations tree (`{Id, Arn, Policies, Children}`) of SCPs. `src/collect/` does not export a
 * snapshot loader yet; this stays deliberately small (no tags beyond what the files hold, no
 * Identity Center) and is replaced by `loadSnapshotFiles` when that exists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AccountSnapshot,
  IamGroup,
  IamRole,
  IamUser,
  ManagedPolicy,
  OrganizationSnapshot,
  OrgPolicy,
  PolicyDocumentJson,
  ResourcePolicyEntry,
  Snapshot,
} from '../../src/model/snapshot/types.js';
import { CORPORA } from './corpora.js';

/** Folder of the IAMSpy corpus. */
export const IAMSPY_DIR = `${CORPORA}iamspy`;

/** One transcribed IAMSpy case (see the corpus README for the fields). */
export interface IamSpyCase {
  name: string;
  kind: 'can-i' | 'who-can' | 'who-can-batch-resource';
  files: { gaads: string[]; resources: string[]; scps: string[] };
  principal?: string;
  action: string;
  resource: string | string[];
  condition_context?: string[];
  strict_conditions?: boolean;
  expected: boolean | string[] | string[][];
}

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Reads `cases.json` of the corpus. */
export function loadIamSpyCases(): IamSpyCase[] {
  return JSON.parse(readFileSync(join(IAMSPY_DIR, 'cases.json'), 'utf8')) as IamSpyCase[];
}

function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(IAMSPY_DIR, 'files', name), 'utf8'));
}

/** IAM documents in GAAD output are objects already, or %-encoded JSON text. */
function document(v: unknown): PolicyDocumentJson {
  if (typeof v === 'string') return JSON.parse(decodeURIComponent(v)) as PolicyDocumentJson;
  return (v ?? {}) as PolicyDocumentJson;
}

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

function tags(v: unknown): Record<string, string> {
  return Object.fromEntries(list(v).map((t) => [str(t['Key']), str(t['Value'])]));
}

function inline(owner: string, v: unknown, file: string) {
  return list(v).map((p) => ({ name: str(p['PolicyName']), document: document(p['PolicyDocument']), origin: { file, pointer: `${owner}/${str(p['PolicyName'])}` } }));
}

function attached(v: unknown): string[] {
  return list(v).map((p) => str(p['PolicyArn']));
}

/**
 * IAMSpy's resource fixtures write `"Principal": "arn:aws:iam::…"`, a shorthand AWS's grammar does
 * not allow (a bare string Principal may only be `"*"`; IAM User Guide, "Grammar of the IAM JSON
 * policy language") and Cordon's parser rightly rejects. IAMSpy reads it as an AWS principal, so
 * the loader rewrites it to `{"AWS": "…"}` to keep the vectors' meaning.
 */
function normaliseStringPrincipals(policy: unknown): void {
  const statements = (policy as Json | undefined)?.['Statement'];
  for (const st of Array.isArray(statements) ? (statements as Json[]) : statements ? [statements as Json] : []) {
    for (const k of ['Principal', 'NotPrincipal']) {
      const v = st[k];
      if (typeof v === 'string' && v !== '*') st[k] = { AWS: v };
    }
  }
}

class SnapshotAssembler {
  private readonly accounts = new Map<string, AccountSnapshot>();
  private readonly policies: ManagedPolicy[] = [];
  organization?: OrganizationSnapshot;

  account(id: string): AccountSnapshot {
    let a = this.accounts.get(id);
    if (!a) {
      a = { accountId: id, partition: 'aws', users: [], groups: [], roles: [], policies: this.policies, resources: [], samlProviders: [], oidcProviders: [] };
      this.accounts.set(id, a);
    }
    return a;
  }

  gaad(file: string): void {
    const d = readFixture(file) as Json;
    for (const p of list(d['Policies'])) {
      const versions = list(p['PolicyVersionList']).map((v) => ({ versionId: str(v['VersionId']), isDefault: v['IsDefaultVersion'] === true, document: document(v['Document']) }));
      const arn = str(p['Arn']);
      this.policies.push({
        arn, name: str(p['PolicyName']), path: str(p['Path']) || '/', defaultVersionId: str(p['DefaultVersionId']), versions,
        isAwsManaged: arn.includes(':aws:policy/'), documentStatus: 'present', origin: { file },
      });
    }
    for (const u of list(d['UserDetailList'])) {
      const arn = str(u['Arn']);
      const user: IamUser = {
        kind: 'user', arn, name: str(u['UserName']), id: str(u['UserId']), path: str(u['Path']) || '/', tags: tags(u['Tags']),
        inlinePolicies: inline(arn, u['UserPolicyList'], file), attachedPolicyArns: attached(u['AttachedManagedPolicies']),
        groupNames: (u['GroupList'] as string[] | undefined) ?? [], accessKeys: [], mfaDevices: [], origin: { file },
      };
      const boundary = str((u['PermissionsBoundary'] as Json | undefined)?.['PermissionsBoundaryArn']);
      if (boundary) user.permissionsBoundaryArn = boundary;
      this.account(accountOf(arn)).users.push(user);
    }
    for (const g of list(d['GroupDetailList'])) {
      const arn = str(g['Arn']);
      const group: IamGroup = { kind: 'group', arn, name: str(g['GroupName']), path: str(g['Path']) || '/', inlinePolicies: inline(arn, g['GroupPolicyList'], file), attachedPolicyArns: attached(g['AttachedManagedPolicies']), origin: { file } };
      this.account(accountOf(arn)).groups.push(group);
    }
    for (const r of list(d['RoleDetailList'])) {
      const arn = str(r['Arn']);
      const path = str(r['Path']) || '/';
      const role: IamRole = {
        kind: 'role', arn, name: str(r['RoleName']), id: str(r['RoleId']), path, tags: tags(r['Tags']),
        inlinePolicies: inline(arn, r['RolePolicyList'], file), attachedPolicyArns: attached(r['AttachedManagedPolicies']),
        trustPolicy: document(r['AssumeRolePolicyDocument']), instanceProfileArns: [], serviceLinked: path.startsWith('/aws-service-role/'), origin: { file },
      };
      const boundary = str((r['PermissionsBoundary'] as Json | undefined)?.['PermissionsBoundaryArn']);
      if (boundary) role.permissionsBoundaryArn = boundary;
      this.account(accountOf(arn)).roles.push(role);
    }
  }

  resources(file: string): void {
    for (const r of list(readFixture(file))) {
      normaliseStringPrincipals(r['Policy']);
      const arn = str(r['Resource']);
      const service = arn.split(':')[2] ?? '';
      const resourceType = service === 's3' ? 'AWS::S3::Bucket' : service === 'lambda' ? 'AWS::Lambda::Function' : `AWS::${service}::Resource`;
      const accountId = str(r['Account']) || accountOf(arn);
      const entry: ResourcePolicyEntry = { arn, resourceType, accountId, policy: document(r['Policy']), origin: { file } };
      this.account(accountId).resources.push(entry);
    }
  }

  /** An Organizations tree: the management account is the one in the root's ARN. */
  scps(file: string): void {
    const root = readFixture(file) as Json;
    const rootArn = str(root['Arn']);
    const orgId = rootArn.split('/')[1] ?? '';
    const org: OrganizationSnapshot = { id: orgId, managementAccountId: accountOf(rootArn), rootId: str(root['Id']), units: [], accounts: [], policies: [], origin: { file } };
    const byId = new Map<string, OrgPolicy>();
    const walk = (node: Json, parentId: string | undefined): void => {
      const id = str(node['Id']);
      if (/^\d{12}$/.test(id)) org.accounts.push({ id, name: str(node['Name']), parentId: parentId ?? org.rootId });
      else if (parentId !== undefined) org.units.push({ id, name: str(node['Name']), parentId });
      for (const p of list(node['Policies'])) {
        const pid = str(p['Id']);
        let policy = byId.get(pid);
        if (!policy) {
          policy = { id: pid, name: str(p['Name']), type: 'SERVICE_CONTROL_POLICY', document: document(p['Content']), targets: [], origin: { file } };
          byId.set(pid, policy);
          org.policies.push(policy);
        } else if (JSON.stringify(policy.document) !== JSON.stringify(document(p['Content']))) {
          throw new Error(`${file}: policy ${pid} has two different documents`);
        }
        policy.targets.push(id);
      }
      for (const child of list(node['Children'])) walk(child, id);
    };
    walk(root, undefined);
    this.organization = org;
    for (const a of org.accounts) this.account(a.id);
  }

  snapshot(sources: string[]): Snapshot {
    const snap: Snapshot = { schemaVersion: 1, collectedAt: '2024-12-12T00:00:00Z', sources, accounts: [...this.accounts.values()], warnings: [] };
    if (this.organization) snap.organization = this.organization;
    return snap;
  }
}

/** Builds a snapshot from IAMSpy fixture names, loaded in IAMSpy's order (gaads, resources, scps). */
export function iamSpySnapshot(files: IamSpyCase['files']): Snapshot {
  const s = new SnapshotAssembler();
  for (const f of files.gaads) s.gaad(f);
  for (const f of files.resources) s.resources(f);
  for (const f of files.scps) s.scps(f);
  return s.snapshot([...files.gaads, ...files.resources, ...files.scps]);
}

/** IAMSpy's `key=value` condition strings as a request context. */
export function iamSpyContext(pairs: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) {
    const eq = p.indexOf('=');
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}
