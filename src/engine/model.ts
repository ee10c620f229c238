/**
 * Snapshot → AuthorizationModel. Every policy document is parsed and compiled once (managed
 * policies once per ARN, however many principals attach them); each principal's evaluation
 * input (identity policies with its groups', boundary, SCP levels, facts) is assembled once and
 * cached; resource policies are found by ARN (S3 objects by their bucket, role trust policies for
 * `sts:` actions). Policies that fail to parse are skipped and reported by `warnings()`.
 */
import { parsePolicy } from '../model/policy/parse.js';
import type { Policy, PolicyType } from '../model/policy/ast.js';
import type { AccountSnapshot, IamRole, IamUser, ManagedPolicy, PolicyDocumentJson, ResourcePolicyEntry, Snapshot } from '../model/snapshot/types.js';
import { splitArn } from './arn-pattern.js';
import { evaluateRequest } from './evaluate.js';
import { orgPathOf, policiesByLevel } from './org-paths.js';
import { identityCenterRoles } from './identity-center.js';
import type { AuthorizationModel, AuthorizationRequest, EvaluationInput, PrincipalInfo } from './types.js';

interface ResourceFacts {
  policy?: Policy;
  account: string;
  tags?: Record<string, string>;
  required: boolean;
}

/** A document that did not parse, remembered with its message. */
interface ParseFailure {
  id: string;
  type: PolicyType;
  message: string;
}

class SnapshotModel implements AuthorizationModel {
  private readonly issues: string[] = [];
  private readonly managed = new Map<string, Policy | null>();
  private readonly principalIndex = new Map<string, { account: AccountSnapshot; entity: IamUser | IamRole; info: PrincipalInfo }>();
  private readonly inputs = new Map<string, EvaluationInput>();
  private readonly resources = new Map<string, ResourceFacts>();
  private readonly roleTrust = new Map<string, Policy>();
  private readonly tagRights = new Map<string, boolean>();
  private readonly orgPolicies = new Map<string, Policy>();
  /** Managed policies by ARN, across accounts (AWS-managed ones are shared). */
  private readonly managedByArn = new Map<string, ManagedPolicy>();

  /**
   * Parsed documents by document object: shared with the model of the next snapshot of a replay
   * (`compileSnapshot(next, previous)`), whose untouched entities keep their document objects.
   * INVARIANT: snapshot documents are never mutated once compiled (replay is copy-on-write).
   */
  readonly parsed: WeakMap<object, (Policy | ParseFailure)[]>;

  constructor(private readonly snapshot: Snapshot, previous?: AuthorizationModel) {
    this.parsed = previous instanceof SnapshotModel ? previous.parsed : new WeakMap();
    for (const account of snapshot.accounts) {
      // Customer-managed ARNs carry their account; an AWS-managed ARN may repeat, keep a copy with a document.
      for (const mp of account.policies) if (!this.managedByArn.get(mp.arn)?.versions.length) this.managedByArn.set(mp.arn, mp);
    }
    for (const account of snapshot.accounts) {
      for (const user of account.users) this.addPrincipal(account, user, { arn: user.arn, kind: 'user', accountId: account.accountId, name: user.name, serviceLinked: false, identityCenter: false });
      const roles = [...account.roles, ...identityCenterRoles(snapshot, account)];
      for (const role of roles) {
        const info: PrincipalInfo = { arn: role.arn, kind: 'role', accountId: account.accountId, name: role.name, serviceLinked: role.serviceLinked, identityCenter: role.name.startsWith('AWSReservedSSO_') };
        this.addPrincipal(account, role, info);
        const trust = this.parse(role.trustPolicy, `${role.arn}#trust`, 'trust');
        if (trust) this.roleTrust.set(role.arn, trust);
      }
      for (const r of account.resources) this.addResource(account, r);
    }
    for (const p of snapshot.organization?.policies ?? []) {
      const parsed = this.parse(p.document, p.arn ?? p.id, p.type === 'SERVICE_CONTROL_POLICY' ? 'scp' : 'rcp');
      if (parsed) this.orgPolicies.set(p.id, parsed);
    }
  }

  private parse(doc: PolicyDocumentJson | undefined, id: string, type: PolicyType): Policy | undefined {
    if (!doc) return undefined;
    const known = typeof doc === 'object' ? this.parsed.get(doc) : undefined;
    const hit = known?.find((p) => p.id === id && p.type === type);
    if (hit && 'message' in hit) this.issues.push(hit.message);
    if (hit) return 'message' in hit ? undefined : hit;
    let result: Policy | ParseFailure;
    try {
      result = parsePolicy(doc, { id, type });
    } catch (err) {
      result = { id, type, message: `${id}: ${err instanceof Error ? err.message : String(err)}` };
      this.issues.push(result.message);
    }
    if (typeof doc === 'object') {
      if (known) known.push(result);
      else this.parsed.set(doc, [result]);
    }
    return 'message' in result ? undefined : result;
  }

  private managedPolicy(account: AccountSnapshot, arn: string, type: PolicyType): Policy | undefined {
    const memo = `${type}|${arn}`;
    if (this.managed.has(memo)) return this.managed.get(memo) ?? undefined;
    const mp = this.managedByArn.get(arn);
    const version = mp?.versions.find((v) => v.isDefault) ?? mp?.versions.find((v) => v.versionId === mp.defaultVersionId);
    if (!version) this.issues.push(`${arn}: managed policy document not in the snapshot`);
    const parsed = version ? this.parse(version.document, arn, type) : undefined;
    this.managed.set(memo, parsed ?? null);
    return parsed;
  }

  private addPrincipal(account: AccountSnapshot, entity: IamUser | IamRole, info: PrincipalInfo): void {
    this.principalIndex.set(entity.arn, { account, entity, info });
  }

  private addResource(account: AccountSnapshot, r: ResourcePolicyEntry): void {
    const policy = r.policy ? this.parse(r.policy, r.arn, 'resource') : undefined;
    const facts: ResourceFacts = { account: r.accountId || account.accountId, required: r.resourceType === 'AWS::KMS::Key' };
    if (policy) facts.policy = policy;
    if (r.tags) facts.tags = r.tags;
    this.resources.set(r.arn, facts);
  }

  private identityPolicies(account: AccountSnapshot, entity: IamUser | IamRole): Policy[] {
    const out: Policy[] = [];
    const add = (p: Policy | undefined) => p && out.push(p);
    for (const ip of entity.inlinePolicies) add(this.parse(ip.document, `${entity.arn}#inline/${ip.name}`, 'identity'));
    for (const arn of entity.attachedPolicyArns) add(this.managedPolicy(account, arn, 'identity'));
    if (entity.kind === 'user') {
      for (const g of account.groups.filter((grp) => entity.groupNames.includes(grp.name))) {
        for (const ip of g.inlinePolicies) add(this.parse(ip.document, `${g.arn}#inline/${ip.name}`, 'identity'));
        for (const arn of g.attachedPolicyArns) add(this.managedPolicy(account, arn, 'identity'));
      }
    }
    return out;
  }

  private orgLevels(accountId: string, type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY'): Policy[][] | undefined {
    const org = this.snapshot.organization;
    if (!org) return undefined;
    const levels = policiesByLevel(org, accountId, type);
    return levels?.map((ids) => ids.map((id) => this.orgPolicies.get(id)).filter((p): p is Policy => p !== undefined));
  }

  /** The base input of a known principal (cached), or of an outside/unknown one. */
  private baseInput(principalArn: string): EvaluationInput {
    const cached = this.inputs.get(principalArn);
    if (cached) return cached;
    const parts = splitArn(principalArn);
    let lookupArn = principalArn;
    let sessionIssuer: string | undefined;
    if (parts[2] === 'sts' && (parts[5] ?? '').startsWith('assumed-role/')) {
      const roleName = (parts[5] ?? '').split('/')[1];
      const role = this.snapshot.accounts.find((a) => a.accountId === parts[4])?.roles.find((r) => r.name === roleName);
      if (role) lookupArn = sessionIssuer = role.arn;
    }
    const known = this.principalIndex.get(lookupArn);
    const accountId = known?.account.accountId ?? parts[4] ?? '';
    const org = this.snapshot.organization;
    const input: EvaluationInput = { identity: [], principal: { arn: principalArn, account: accountId } };
    if (known) {
      const { account, entity } = known;
      input.identity = this.identityPolicies(account, entity);
      if (entity.permissionsBoundaryArn) {
        const b = this.managedPolicy(account, entity.permissionsBoundaryArn, 'boundary');
        // An unreadable boundary is treated as allowing nothing rather than as absent (fail closed).
        input.boundary = b ?? { id: entity.permissionsBoundaryArn, type: 'boundary', statements: [] };
      }
      input.principal.serviceLinked = entity.kind === 'role' && entity.serviceLinked;
      input.principal.tags = entity.tags;
      input.principal.tagsMutable = () => this.mayTag(input, entity);
      if (entity.id) input.principal.userId = entity.id;
      if (sessionIssuer) input.principal.sessionIssuer = sessionIssuer;
    }
    if (org && org.accounts.some((a) => a.id === accountId)) {
      input.principal.orgId = org.id;
      const path = orgPathOf(org, accountId);
      if (path) input.principal.orgPath = path;
      input.principal.managementAccount = org.managementAccountId === accountId;
      const scps = this.orgLevels(accountId, 'SERVICE_CONTROL_POLICY');
      if (scps) input.scps = scps;
    }
    this.inputs.set(principalArn, input);
    return input;
  }

  private resourceFacts(resource: string, action: string): ResourceFacts | undefined {
    if (action.toLowerCase().startsWith('sts:')) {
      const trust = this.roleTrust.get(resource);
      if (trust) return { policy: trust, account: splitArn(resource)[4] ?? '', required: true };
    }
    const exact = this.resources.get(resource);
    if (exact) return exact;
    const parts = splitArn(resource);
    if (parts[2] === 's3' && parts[5]?.includes('/')) return this.resources.get(`arn:${parts[1]}:s3:::${parts[5].split('/')[0]}`);
    return undefined;
  }

  inputFor(principalArn: string, resourceArn?: string, action = ''): EvaluationInput | undefined {
    const base = this.baseInput(principalArn);
    if (resourceArn === undefined) return base;
    return this.withResource(base, resourceArn, this.resourceFacts(resourceArn, action));
  }

  private withResource(base: EvaluationInput, resourceArn: string, facts: ResourceFacts | undefined): EvaluationInput {
    const input: EvaluationInput = { ...base };
    const account = facts?.account || splitArn(resourceArn)[4] || '';
    if (facts?.policy) input.resourcePolicy = facts.policy;
    if (facts?.tags) input.resourceTags = facts.tags;
    // An IAM user or role as the resource (PassRole, TagRole, ...): its tags are known from the snapshot.
    else {
      const entity = this.principalIndex.get(resourceArn)?.entity;
      if (entity?.tags) {
        input.resourceTags = entity.tags;
        input.resourceTagsMutable = () => this.mayTag(base, entity);
      }
    }
    if (facts?.required) input.resourcePolicyRequired = true;
    const org = this.snapshot.organization;
    if (org && account && org.accounts.some((a) => a.id === account)) {
      input.resourceOrgId = org.id;
      input.resourceInManagementAccount = org.managementAccountId === account;
      const rcps = this.orgLevels(account, 'RESOURCE_CONTROL_POLICY');
      if (rcps) input.rcps = rcps;
    }
    return input;
  }

  /**
   * Whether the principal of `input` may tag `target` with values of its choosing (IAM User Guide,
   * "Controlling access to IAM resources" with tags): then ABAC conditions on those tags do not hold
   * it back. Decided once per pair; while it is being decided the current tags count.
   */
  private mayTag(input: EvaluationInput, target: IamUser | IamRole): boolean {
    const key = `${input.principal.arn}\n${target.arn}`;
    const known = this.tagRights.get(key);
    if (known !== undefined) return known;
    this.tagRights.set(key, false);
    const action = target.kind === 'user' ? 'iam:TagUser' : 'iam:TagRole';
    const probe = this.withResource(input, target.arn, undefined);
    const allowed = evaluateRequest(probe, { principal: input.principal.arn, action, resource: target.arn, unknownKeys: 'all-missing' }).decision === 'Allowed';
    this.tagRights.set(key, allowed);
    return allowed;
  }

  evaluate(request: AuthorizationRequest) {
    const facts = this.resourceFacts(request.resource, request.action);
    const input = this.withResource(this.baseInput(request.principal), request.resource, facts);
    if (request.resourceAccount === undefined && facts?.account) return evaluateRequest(input, { ...request, resourceAccount: facts.account });
    return evaluateRequest(input, request);
  }

  principals(): PrincipalInfo[] {
    return [...this.principalIndex.values()].map((p) => p.info).sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  }

  resourcePolicyFor(arn: string): Policy | undefined {
    return this.roleTrust.get(arn) ?? this.resources.get(arn)?.policy;
  }

  warnings(): readonly string[] {
    return this.issues;
  }
}

/**
 * Compiles every policy of a snapshot once, for fast repeated evaluation. With `previous` (the
 * model of the snapshot this one was replayed from), documents that are the same objects are not
 * parsed again.
 */
export function compileSnapshot(snapshot: Snapshot, previous?: AuthorizationModel): AuthorizationModel {
  return new SnapshotModel(snapshot, previous);
}
