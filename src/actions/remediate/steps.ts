/**
 * What each step kind does, as a table: read the state it changes, apply (idempotent: a step
 * already in place is a no-op, so a resumed plan never duplicates), undo (idempotent too), and
 * render the same change as an AWS CLI command.
 */
import { awsCommand, type CliTarget } from '../aws-cli.js';
import { hasSid, withoutStatement, withStatement } from './documents.js';
import type { PolicyDocument, RemediationGateway } from './gateway.js';
import type { RemediationStep } from './plan.js';

type StepOf<K extends RemediationStep['kind']> = Extract<RemediationStep, { kind: K }>;

export interface StepHandler<S extends RemediationStep> {
  /** The state before the change (journaled before applying, so undo can restore it). */
  before(gw: RemediationGateway, step: S): Promise<unknown>;
  apply(gw: RemediationGateway, step: S): Promise<void>;
  undo(gw: RemediationGateway, step: S, before: unknown): Promise<void>;
  /** The step with what it will write filled in from `before` (for CLI rendering). */
  resolve(step: S, before: unknown): S;
  cli(step: S, target: CliTarget): string;
  undoCli(step: S, before: unknown, target: CliTarget): string;
}

const json = (doc: unknown) => JSON.stringify(doc);

const trustDeny: StepHandler<StepOf<'AddTrustPolicyDeny'>> = {
  before: (gw, s) => gw.getRoleTrustPolicy(s.roleName),
  async apply(gw, s) {
    const current = await gw.getRoleTrustPolicy(s.roleName);
    if (!hasSid(current, s.statement.Sid as string)) await gw.updateRoleTrustPolicy(s.roleName, withStatement(current, s.statement));
  },
  async undo(gw, s, before) {
    const current = await gw.getRoleTrustPolicy(s.roleName);
    if (hasSid(current, s.statement.Sid as string)) await gw.updateRoleTrustPolicy(s.roleName, withoutStatement(current, s.statement.Sid as string, before as PolicyDocument) ?? (before as PolicyDocument));
  },
  resolve: (s, before) => ({ ...s, document: withStatement(before as PolicyDocument, s.statement) }),
  cli: (s, t) => awsCommand('iam', 'update-assume-role-policy', { 'role-name': s.roleName, 'policy-document': json(s.document) }, t),
  undoCli: (s, before, t) => awsCommand('iam', 'update-assume-role-policy', { 'role-name': s.roleName, 'policy-document': json(before) }, t),
};

const bucketDeny: StepHandler<StepOf<'AddBucketPolicyDeny'>> = {
  before: async (gw, s) => (await gw.getBucketPolicy(s.bucket)) ?? null,
  async apply(gw, s) {
    const current = await gw.getBucketPolicy(s.bucket);
    if (!hasSid(current, s.statement.Sid as string)) await gw.putBucketPolicy(s.bucket, withStatement(current, s.statement));
  },
  async undo(gw, s, before) {
    const current = await gw.getBucketPolicy(s.bucket);
    if (!hasSid(current, s.statement.Sid as string)) return;
    const rest = withoutStatement(current, s.statement.Sid as string, before as PolicyDocument | null);
    if (rest) await gw.putBucketPolicy(s.bucket, rest);
    else await gw.deleteBucketPolicy(s.bucket);
  },
  resolve: (s, before) => ({ ...s, document: withStatement((before as PolicyDocument | null) ?? undefined, s.statement) }),
  cli: (s, t) => awsCommand('s3api', 'put-bucket-policy', { bucket: s.bucket, policy: json(s.document) }, t),
  undoCli: (s, before, t) => (before ? awsCommand('s3api', 'put-bucket-policy', { bucket: s.bucket, policy: json(before) }, t) : awsCommand('s3api', 'delete-bucket-policy', { bucket: s.bucket }, t)),
};

const createPolicy: StepHandler<StepOf<'CreateDenyPolicy'>> = {
  before: async (gw, s) => ({ existed: (await gw.getManagedPolicy(s.policyArn)) !== undefined }),
  async apply(gw, s) {
    if ((await gw.getManagedPolicy(s.policyArn)) === undefined) await gw.createPolicy(s.policyName, s.document, `Cordon remediation: explicit Deny for finding ${s.policyName.slice('cordon-restrict-'.length)}`);
  },
  async undo(gw, s, before) {
    if (!(before as { existed?: boolean } | undefined)?.existed) await gw.deletePolicy(s.policyArn);
  },
  resolve: (s) => s,
  cli: (s, t) => awsCommand('iam', 'create-policy', { 'policy-name': s.policyName, 'policy-document': json(s.document), description: `Cordon remediation: explicit Deny for finding ${s.policyName.slice('cordon-restrict-'.length)}` }, t),
  undoCli: (s, _b, t) => awsCommand('iam', 'delete-policy', { 'policy-arn': s.policyArn }, t),
};

const attachPolicy: StepHandler<StepOf<'AttachPolicy'>> = {
  before: async (gw, s) => ({ attached: (await gw.attachedPolicies(s.principalKind, s.principalName)).includes(s.policyArn) }),
  async apply(gw, s) {
    if (!(await gw.attachedPolicies(s.principalKind, s.principalName)).includes(s.policyArn)) await gw.attachPolicy(s.principalKind, s.principalName, s.policyArn);
  },
  async undo(gw, s, before) {
    if (!(before as { attached?: boolean } | undefined)?.attached) await gw.detachPolicy(s.principalKind, s.principalName, s.policyArn);
  },
  resolve: (s) => s,
  cli: (s, t) => awsCommand('iam', `attach-${s.principalKind}-policy`, { [`${s.principalKind}-name`]: s.principalName, 'policy-arn': s.policyArn }, t),
  undoCli: (s, _b, t) => awsCommand('iam', `detach-${s.principalKind}-policy`, { [`${s.principalKind}-name`]: s.principalName, 'policy-arn': s.policyArn }, t),
};

const deactivateKey: StepHandler<StepOf<'DeactivateAccessKey'>> = {
  before: async (gw, s) => ({ status: await gw.accessKeyStatus(s.userName, s.accessKeyId) }),
  async apply(gw, s) {
    if ((await gw.accessKeyStatus(s.userName, s.accessKeyId)) === 'Active') await gw.setAccessKeyStatus(s.userName, s.accessKeyId, 'Inactive');
  },
  async undo(gw, s, before) {
    if ((before as { status?: string } | undefined)?.status === 'Active') await gw.setAccessKeyStatus(s.userName, s.accessKeyId, 'Active');
  },
  resolve: (s) => s,
  cli: (s, t) => awsCommand('iam', 'update-access-key', { 'user-name': s.userName, 'access-key-id': s.accessKeyId, status: 'Inactive' }, t),
  undoCli: (s, _b, t) => awsCommand('iam', 'update-access-key', { 'user-name': s.userName, 'access-key-id': s.accessKeyId, status: 'Active' }, t),
};

const HANDLERS: { [K in RemediationStep['kind']]: StepHandler<StepOf<K>> } = {
  AddTrustPolicyDeny: trustDeny,
  AddBucketPolicyDeny: bucketDeny,
  CreateDenyPolicy: createPolicy,
  AttachPolicy: attachPolicy,
  DeactivateAccessKey: deactivateKey,
};

/** The handler of a step (typed by its kind). */
export function handlerOf<S extends RemediationStep>(step: S): StepHandler<S> {
  return HANDLERS[step.kind] as unknown as StepHandler<S>;
}
