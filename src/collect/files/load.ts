/**
 * `loadSnapshotFiles`: any mix of GAAD pages (one or several per account), resources files, an
 * org tree and Cordon snapshot files → one `Snapshot`. The format of each file is detected by its
 * shape. Problems are returned as issues (and echoed in `snapshot.warnings`); only a file that is
 * not JSON at all, or of no known shape, stops the load.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { bundledManagedPolicy, BUNDLED_POLICY_REFERENCE } from '../../catalog/aws-managed-policies.js';
import { InputError } from '../../model/errors.js';
import type { AccountSnapshot, ManagedPolicy, Snapshot } from '../../model/snapshot/types.js';
import type { ValidationIssue } from '../../model/validation.js';
import { isGaadPage, readGaadPage, wrongType, type GaadEntities } from './gaad.js';
import { isOrgTree, isResourceList, readOrgTree, readResourceList } from './org-and-resources.js';
import { checkSnapshotPolicies } from './policy-check.js';
import { parseJsonText, readJsonFile } from './read-json.js';
import { PROVIDER_FILE_READERS, type ProviderFileReader } from '../providers/index.js';
import { cloudAssetRows } from '../gcp/ndjson.js';

export interface LoadOptions {
  /** Time recorded as `collectedAt` (default: now). */
  now?: Date;
  /**
   * Reads one named file as text (the server passes a reader confined to its file root). When set,
   * every path must be a file: directories are not expanded, so nothing outside the reader is listed.
   */
  readText?: (path: string) => Promise<string>;
}

export interface LoadResult {
  snapshot: Snapshot;
  issues: ValidationIssue[];
}

/** Loads and merges every file (a directory stands for the `.json` files directly inside it). */
export async function loadSnapshotFiles(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const issues: ValidationIssue[] = [];
  const merger = new SnapshotMerger(issues);
  const read = options.readText;
  for (const file of read ? paths : await expandPaths(paths)) {
    let value: unknown;
    try {
      value = read ? parseJsonText(await read(file), file) : await readJsonFile(file);
    } catch (err) {
      // Cloud Asset exports are newline-delimited JSON (one asset per line), not one document.
      const text = err instanceof InputError ? await (read ? read(file) : readFile(file, 'utf8')).catch(() => undefined) : undefined;
      const rows = text === undefined ? undefined : cloudAssetRows(text);
      if (!rows) throw err;
      value = rows;
    }
    if (isCordonSnapshot(value)) merger.addSnapshot(value, file);
    // An org tree also has a `Policies` key, so it is recognised before GAAD pages.
    else if (isOrgTree(value)) merger.setOrganization(readOrgTree(value, file, issues), file);
    else if (isGaadPage(value)) merger.addGaad(readGaadPage(value, file, issues), file);
    else if (isResourceList(value)) for (const r of readResourceList(value, file, issues)) merger.account(r.accountId, 'aws').resources.push(r);
    else if (!merger.addProviderFile(value, file)) throw new InputError(`\`${file}\` is not a GAAD page, resources file, org tree, Cordon snapshot or a known Azure/GCP export`, { file, pointer: '' });
  }
  const snapshot = merger.finish(paths, options.now ?? new Date());
  checkSnapshotPolicies(snapshot, issues);
  snapshot.warnings.push(...issues.map((i) => ({ code: i.code, message: i.message, origin: { file: i.file, pointer: i.pointer } })));
  return { snapshot, issues };
}

async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
      throw new InputError(`cannot read \`${path}\`: ${err.code ?? err.message}`, { file: path });
    });
    if (info.isDirectory()) out.push(...(await readdir(path)).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f)));
    else out.push(path);
  }
  return out;
}

function isCordonSnapshot(value: unknown): value is Snapshot {
  return typeof value === 'object' && value !== null && (value as Snapshot).schemaVersion === 1 && 'accounts' in value;
}

const ENTITY_LISTS = ['users', 'groups', 'roles', 'policies', 'resources', 'samlProviders', 'oidcProviders'] as const;
/** Array fields of entities that the analyzers iterate. */
const ENTITY_ARRAYS: Partial<Record<(typeof ENTITY_LISTS)[number], readonly string[]>> = {
  users: ['inlinePolicies', 'attachedPolicyArns', 'groupNames'],
  groups: ['inlinePolicies', 'attachedPolicyArns'],
  roles: ['inlinePolicies', 'attachedPolicyArns'],
  policies: ['versions'],
};

/** The fields `addSnapshot` relies on have their JSON types; otherwise an error naming the field. */
function checkSnapshotShape(snapshot: Snapshot, file: string): void {
  const accounts: unknown = snapshot.accounts;
  if (!Array.isArray(accounts)) throw wrongType(file, '/accounts', 'an array', accounts);
  for (let i = 0; i < accounts.length; i++) {
    const a: unknown = accounts[i];
    const base = `/accounts/${i}`;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) throw wrongType(file, base, 'an object', a);
    const account = a as Record<string, unknown>;
    if (typeof account.accountId !== 'string') throw wrongType(file, `${base}/accountId`, 'a string', account.accountId);
    if (typeof account.partition !== 'string') throw wrongType(file, `${base}/partition`, 'a string', account.partition);
    for (const key of ENTITY_LISTS) {
      const list = account[key];
      if (list === undefined) {
        account[key] = [];
        continue;
      }
      if (!Array.isArray(list)) throw wrongType(file, `${base}/${key}`, 'an array', list);
      for (let j = 0; j < list.length; j++) {
        const e: unknown = list[j];
        if (typeof e !== 'object' || e === null || Array.isArray(e)) throw wrongType(file, `${base}/${key}/${j}`, 'an object', e);
        const arn = (e as { arn?: unknown }).arn;
        if (typeof arn !== 'string') throw wrongType(file, `${base}/${key}/${j}/arn`, 'a string', arn);
        for (const field of ENTITY_ARRAYS[key] ?? []) {
          const v = (e as Record<string, unknown>)[field];
          if (v !== undefined && !Array.isArray(v)) throw wrongType(file, `${base}/${key}/${j}/${field}`, 'an array', v);
        }
      }
    }
  }
  const warnings: unknown = snapshot.warnings;
  if (warnings === undefined) snapshot.warnings = [];
  else if (!Array.isArray(warnings)) throw wrongType(file, '/warnings', 'an array', warnings);
}

/** Account id and partition of an IAM ARN, unless it is AWS's own (`arn:aws:iam::aws:...`). */
function arnAccount(arn: string): { accountId: string; partition: string } | undefined {
  // indexOf rather than split: this runs once per entity on files with tens of thousands of them.
  const p1 = arn.indexOf(':');
  const p2 = arn.indexOf(':', p1 + 1);
  const p3 = arn.indexOf(':', p2 + 1);
  const p4 = arn.indexOf(':', p3 + 1);
  const p5 = arn.indexOf(':', p4 + 1);
  if (p1 < 0 || p5 < 0) return undefined;
  const accountId = arn.slice(p4 + 1, p5);
  return accountId && accountId !== 'aws' ? { accountId, partition: arn.slice(p1 + 1, p2) } : undefined;
}

/** Accumulates entities per account, dropping duplicates with a warning (first one wins). */
class SnapshotMerger {
  private readonly accounts = new Map<string, AccountSnapshot>();
  private readonly seen = new Map<string, string>();
  private readonly awsManaged = new Map<string, ManagedPolicy>();
  private organization: Snapshot['organization'];
  private readonly providerParts: Pick<Snapshot, 'azure' | 'gcp'> = {};
  private readonly warnings: Snapshot['warnings'] = [];

  constructor(private readonly issues: ValidationIssue[]) {}

  account(accountId: string, partition: string): AccountSnapshot {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = { accountId, partition, users: [], groups: [], roles: [], policies: [], resources: [], samlProviders: [], oidcProviders: [] };
      this.accounts.set(accountId, account);
    }
    return account;
  }

  private firstTime(arn: string, where: string): boolean {
    const previous = this.seen.get(arn);
    if (previous) {
      this.issues.push({ code: 'duplicate_entity', severity: 'warning', message: `\`${arn}\` appears again at ${where} (first at ${previous}); the first is kept`, file: where.split('#')[0], pointer: where.split('#')[1] });
      return false;
    }
    this.seen.set(arn, where);
    return true;
  }

  addGaad(page: GaadEntities, file: string): void {
    const at = (pointer?: string) => `${file}#${pointer ?? ''}`;
    for (const p of page.policies) {
      if (p.isAwsManaged) {
        if (!this.awsManaged.has(p.arn)) this.awsManaged.set(p.arn, p);
        continue;
      }
      const owner = arnAccount(p.arn);
      if (owner && this.firstTime(p.arn, at(p.origin.pointer))) this.account(owner.accountId, owner.partition).policies.push(p);
    }
    for (const list of [page.users, page.groups, page.roles] as const) {
      for (const entity of list) {
        const owner = arnAccount(entity.arn);
        if (!owner || !this.firstTime(entity.arn, at(entity.origin.pointer))) continue;
        const account = this.account(owner.accountId, owner.partition);
        if (entity.kind === 'user') account.users.push(entity);
        else if (entity.kind === 'group') account.groups.push(entity);
        else account.roles.push(entity);
      }
    }
  }

  addSnapshot(snapshot: Snapshot, file: string): void {
    checkSnapshotShape(snapshot, file);
    for (const a of snapshot.accounts) {
      const account = this.account(a.accountId, a.partition);
      account.alias ??= a.alias;
      for (const key of ['users', 'groups', 'roles', 'policies', 'resources', 'samlProviders', 'oidcProviders'] as const) {
        for (const e of a[key] as { arn: string }[]) if (this.firstTime(e.arn, `${file}#/accounts`)) (account[key] as { arn: string }[]).push(e);
      }
    }
    if (snapshot.organization) this.setOrganization(snapshot.organization, file);
    for (const reader of PROVIDER_FILE_READERS) {
      const part = snapshot[reader.part];
      if (part) this.setPart(reader, reader.merge(part as never, file, this.providerParts[reader.part] as never, this.issues));
    }
    this.warnings.push(...snapshot.warnings);
  }

  /** Hands `value` to the first provider that recognises it; false when none does. */
  addProviderFile(value: unknown, file: string): boolean {
    const reader = PROVIDER_FILE_READERS.find((r) => r.recognise(value));
    if (!reader) return false;
    this.setPart(reader, reader.read(value, file, this.providerParts[reader.part] as never, this.issues));
    return true;
  }

  private setPart(reader: ProviderFileReader, part: unknown): void {
    (this.providerParts as Record<string, unknown>)[reader.part] = part;
  }

  setOrganization(org: NonNullable<Snapshot['organization']>, file: string): void {
    if (this.organization) this.issues.push({ code: 'duplicate_organization', severity: 'warning', message: `a second organization in \`${file}\` replaces the first`, file });
    this.organization = org;
  }

  finish(sources: readonly string[], now: Date): Snapshot {
    for (const account of this.accounts.values()) {
      const have = new Set(account.policies.map((p) => p.arn));
      const referenced = new Set<string>();
      for (const list of [account.users, account.groups, account.roles]) {
        for (const e of list) {
          for (const arn of e.attachedPolicyArns) referenced.add(arn);
          if ('permissionsBoundaryArn' in e && e.permissionsBoundaryArn) referenced.add(e.permissionsBoundaryArn);
        }
      }
      for (const arn of [...referenced].sort()) {
        if (have.has(arn)) continue;
        const known = this.awsManaged.get(arn);
        const bundled = known ? undefined : bundledManagedPolicy(arn);
        if (known) account.policies.push(known);
        else if (bundled) {
          account.policies.push({ arn, name: bundled.name, path: '/', defaultVersionId: bundled.versionId, versions: [{ versionId: bundled.versionId, isDefault: true, document: bundled.document }], isAwsManaged: true, documentStatus: 'bundled', origin: { file: `${BUNDLED_POLICY_REFERENCE}${bundled.name}.html` } });
          this.issues.push({ code: 'bundled_policy_document', severity: 'warning', message: `attached policy \`${arn}\` has no document in the input; Cordon's bundled copy (${bundled.versionId}, edited ${bundled.editedTime.slice(0, 10)}) is used` });
        } else {
          // Never silently empty: the policy is listed as unknown and the analyses say so.
          account.policies.push({ arn, name: arn.slice(arn.lastIndexOf('/') + 1), path: '/', versions: [], isAwsManaged: arn.split(':')[4] === 'aws', documentStatus: 'unknown', origin: {} });
          this.issues.push({ code: 'unknown_policy_document', severity: 'warning', message: `attached policy \`${arn}\` has no document in the input; its permissions are unknown` });
        }
      }
    }
    return {
      schemaVersion: 1,
      collectedAt: now.toISOString(),
      sources: [...sources],
      accounts: [...this.accounts.values()].sort((a, b) => a.accountId.localeCompare(b.accountId)),
      organization: this.organization,
      ...this.providerParts,
      warnings: this.warnings,
    };
  }
}
