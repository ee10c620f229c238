/**
 * Builds small in-memory snapshots for analyzer tests: one account, users/groups/roles with
 * inline policy documents, written as compactly as a test wants to read them.
 */
import type { AccountSnapshot, IamGroup, IamRole, IamUser, ManagedPolicy, PolicyDocumentJson, Snapshot } from '../../src/model/snapshot/types.js';

export const ACCOUNT = '111122223333';

type Statement = Record<string, unknown>;
export const doc = (...statements: Statement[]): PolicyDocumentJson => ({ Version: '2012-10-17', Statement: statements });
export const allow = (action: string | string[], resource: string | string[] = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
export const deny = (action: string | string[], resource: string | string[] = '*', extra: Statement = {}): Statement => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });
export const trust = (principal: Record<string, string | string[]>, extra: Statement = {}): PolicyDocumentJson => doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });

export interface PrincipalSpec {
  name: string;
  inline?: PolicyDocumentJson[];
  managed?: string[];
  boundary?: string;
}

/** Fluent builder of a one-account snapshot. */
export class SnapshotBuilder {
  readonly account: AccountSnapshot;

  constructor(accountId = ACCOUNT) {
    this.account = { accountId, partition: 'aws', users: [], groups: [], roles: [], policies: [], resources: [], samlProviders: [], oidcProviders: [] };
  }

  arn(kind: 'user' | 'role' | 'group' | 'policy', name: string): string {
    return `arn:aws:iam::${this.account.accountId}:${kind}/${name}`;
  }

  private inline(owner: string, docs: PolicyDocumentJson[] = []) {
    return docs.map((document, i) => ({ name: `inline${i}`, document, origin: { pointer: `${owner}/inline${i}` } }));
  }

  user(spec: PrincipalSpec & { groups?: string[] }): this {
    const user: IamUser = {
      kind: 'user', arn: this.arn('user', spec.name), name: spec.name, path: '/', tags: {},
      inlinePolicies: this.inline(spec.name, spec.inline), attachedPolicyArns: spec.managed ?? [], permissionsBoundaryArn: spec.boundary,
      groupNames: spec.groups ?? [], accessKeys: [], mfaDevices: [], origin: {},
    };
    this.account.users.push(user);
    return this;
  }

  group(spec: PrincipalSpec): this {
    const group: IamGroup = { kind: 'group', arn: this.arn('group', spec.name), name: spec.name, path: '/', inlinePolicies: this.inline(spec.name, spec.inline), attachedPolicyArns: spec.managed ?? [], origin: {} };
    this.account.groups.push(group);
    return this;
  }

  role(spec: PrincipalSpec & { trust: PolicyDocumentJson; serviceLinked?: boolean }): this {
    const role: IamRole = {
      kind: 'role', arn: this.arn('role', spec.name), name: spec.name, path: '/', tags: {},
      inlinePolicies: this.inline(spec.name, spec.inline), attachedPolicyArns: spec.managed ?? [], permissionsBoundaryArn: spec.boundary,
      trustPolicy: spec.trust, instanceProfileArns: [], serviceLinked: spec.serviceLinked ?? false, origin: {},
    };
    this.account.roles.push(role);
    return this;
  }

  policy(name: string, document: PolicyDocumentJson, otherVersions: PolicyDocumentJson[] = []): this {
    const policy: ManagedPolicy = {
      arn: this.arn('policy', name), name, path: '/', defaultVersionId: 'v1', isAwsManaged: false, documentStatus: 'present', origin: {},
      versions: [{ versionId: 'v1', isDefault: true, document }, ...otherVersions.map((d, i) => ({ versionId: `v${i + 2}`, isDefault: false, document: d }))],
    };
    this.account.policies.push(policy);
    return this;
  }

  build(): Snapshot {
    return { schemaVersion: 1, collectedAt: '2026-01-01T00:00:00Z', sources: ['test'], accounts: [this.account], warnings: [] };
  }
}
