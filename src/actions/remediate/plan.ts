/**
 * A remediation plan: an ordered list of typed, reversible steps derived from a finding. The
 * default strategy is an explicit Deny — a managed policy `cordon-restrict-<findingId>` denying
 * the risky actions (escalation, risky permissions), or a Deny statement whose Sid is the finding
 * id in the trust or bucket policy (external/public access, as in Access Analyzer's
 * auto-resolution pattern). `trim` is the least-privilege alternative for UnusedPermission: deny
 * everything but the used actions. Pure: finding in, plan out.
 */
import { RefusedError } from '../../model/errors.js';
import type { Finding } from '../../model/finding.js';
import type { PolicyDocument, PrincipalKind } from './gateway.js';
import type { StatementJson } from './documents.js';
import { permissionsOf } from '../steps/step.js';
import { REMEDIATION_KINDS, remediationKind } from './steps.js';
import type { ActivitySummary } from '../../model/activity.js';
import { rankPathBreaks, type PathBreak } from './break-path.js';

export type RemediationStep =
  | { kind: 'AddTrustPolicyDeny'; roleName: string; statement: StatementJson; document?: PolicyDocument }
  | { kind: 'AddBucketPolicyDeny'; bucket: string; statement: StatementJson; document?: PolicyDocument }
  | { kind: 'CreateDenyPolicy'; policyName: string; policyArn: string; document: PolicyDocument }
  | { kind: 'AttachPolicy'; principalKind: PrincipalKind; principalName: string; policyArn: string }
  | { kind: 'DeactivateAccessKey'; userName: string; accessKeyId: string };

export type Strategy = 'deny' | 'trim';

export interface RemediationPlan {
  findingId: string;
  findingType: string;
  strategy: Strategy;
  summary: string;
  steps: RemediationStep[];
  /** IAM permissions the operator needs to apply it (and roll it back). */
  permissions: string[];
  /** Why this change was chosen (escalation: where the path is broken). */
  rationale?: string;
  /** The other ways considered, best first, each with why it ranks there. */
  alternatives?: { summary: string; reason: string }[];
}

/** Permissions per step kind (apply and rollback), as the step kinds declare them (./steps.ts). */
export const STEP_PERMISSIONS = Object.fromEntries(Object.entries(REMEDIATION_KINDS).map(([kind, k]) => [kind, k.permissions])) as Record<RemediationStep['kind'], readonly string[]>;

/** `cordon-restrict-<findingId>`: one policy per finding, so rollback finds exactly it. */
export const restrictPolicyName = (findingId: string) => `cordon-restrict-${findingId}`;

function principalOf(arn: string): { kind: PrincipalKind; name: string; account: string } {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):(user|role|group)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) throw new RefusedError(`cannot remediate: ${arn} is not an IAM user, role or group`);
  return { kind: m[2] as PrincipalKind, name: m[3]!, account: m[1]! };
}

const exposurePrincipal = (f: Finding): StatementJson['Principal'] => {
  const p = f.principal;
  if (p && typeof p === 'object' && Object.keys(p).length > 0) return p;
  return { AWS: '*' };
};

/** Deny the exposure to the outside principal; public findings deny every caller outside the account. */
function exposureDeny(f: Finding, resources?: string[]): StatementJson {
  const principal = exposurePrincipal(f);
  const anyone = f.isPublic || JSON.stringify(principal) === JSON.stringify({ AWS: '*' });
  return {
    Sid: f.id,
    Effect: 'Deny',
    Principal: anyone ? { AWS: '*' } : principal,
    Action: f.actions?.length ? (f.actions.length === 1 ? f.actions[0]! : f.actions) : '*',
    ...(resources ? { Resource: resources.length === 1 ? resources[0]! : resources } : {}),
    ...(anyone ? { Condition: { StringNotEquals: { 'aws:PrincipalAccount': f.accountId } } } : {}),
  };
}

/** Plans the remediation of one finding; throws `RefusedError` when it has no safe automatic fix. */
export function planFor(finding: Finding, strategy: Strategy = 'deny', activity: readonly ActivitySummary[] = []): RemediationPlan {
  return planCandidates(finding, strategy, activity)[0]!;
}

/**
 * Every plan worth proving, best first. An escalation finding whose path names its targets gets one
 * plan per place the path can be broken (a Deny of one step's actions on that step's target only);
 * other findings get their one plan.
 */
export function planCandidates(finding: Finding, strategy: Strategy = 'deny', activity: readonly ActivitySummary[] = []): RemediationPlan[] {
  const breaks = strategy === 'deny' && finding.type === 'PrivilegeEscalation' ? rankPathBreaks(finding, activity) : [];
  if (breaks.length === 0) {
    const steps = stepsFor(finding, strategy);
    return [{ findingId: finding.id, findingType: finding.type, strategy, summary: describePlan(finding, steps), steps, permissions: permissionsOf(steps, remediationKind) }];
  }
  // Last resort when no single break resolves the finding (other paths remain): its actions on `*`.
  const wide = stepsFor(finding, strategy);
  const widePlan: RemediationPlan = {
    findingId: finding.id,
    findingType: finding.type,
    strategy,
    summary: describePlan(finding, wide),
    steps: wide,
    permissions: permissionsOf(wide, remediationKind),
    rationale: 'no single step breaks every path the engine finds: deny the path\'s actions on every resource to the principal',
  };
  const targeted = breaks.map((chosen): RemediationPlan => {
    const steps = breakSteps(finding, chosen);
    return {
      findingId: finding.id,
      findingType: finding.type,
      strategy,
      summary: describeBreak(chosen),
      steps,
      permissions: permissionsOf(steps, remediationKind),
      rationale: chosen.reason,
      alternatives: [...breaks.filter((b) => b !== chosen).map((b) => ({ summary: describeBreak(b), reason: b.reason })), { summary: widePlan.summary, reason: 'widest: every action of the path on every resource' }],
    };
  });
  return [...targeted, widePlan];
}

const nameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

function describeBreak(b: PathBreak): string {
  const where = b.allButSelf ? `every resource but ${nameOf(b.actor)} itself` : nameOf(b.resource);
  return `deny ${b.actions.join(', ')} on ${where} to ${nameOf(b.actor)} (step ${b.step + 1} of the path), through policy cordon-restrict-<finding>`;
}

function breakSteps(finding: Finding, b: PathBreak): RemediationStep[] {
  const document: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CordonBreakPath',
        Effect: 'Deny',
        Action: b.actions.length === 1 ? b.actions[0]! : b.actions,
        ...(b.allButSelf ? { NotResource: b.resource } : { Resource: b.resource }),
      },
    ],
  };
  return denyPolicySteps(finding, document, b.actor);
}

function denyPolicySteps(finding: Finding, document: PolicyDocument, holderArn?: string): RemediationStep[] {
  const holder = principalOf(holderArn ?? (typeof finding.principal === 'string' ? finding.principal : finding.resource));
  const policyName = restrictPolicyName(finding.id);
  const policyArn = `arn:aws:iam::${holder.account}:policy/${policyName}`;
  return [
    { kind: 'CreateDenyPolicy', policyName, policyArn, document },
    { kind: 'AttachPolicy', principalKind: holder.kind, principalName: holder.name, policyArn },
  ];
}

function stepsFor(f: Finding, strategy: Strategy): RemediationStep[] {
  if (strategy === 'trim') {
    const used = (f.details?.usedActions as string[] | undefined) ?? [];
    if (f.type !== 'UnusedPermission' || used.length === 0) throw new RefusedError(`the trim strategy applies to UnusedPermission findings with known used actions; ${f.id} is ${f.type}`);
    return denyPolicySteps(f, { Version: '2012-10-17', Statement: [{ Sid: 'DenyUnused', Effect: 'Deny', NotAction: used, Resource: '*' }] });
  }
  switch (f.type) {
    case 'ExternalAccess':
    case 'PublicAccess':
    case 'ConfusedDeputy':
      if (f.resourceType === 'AWS::IAM::Role') return [{ kind: 'AddTrustPolicyDeny', roleName: principalOf(f.resource).name, statement: exposureDeny(f) }];
      if (f.resourceType === 'AWS::S3::Bucket') {
        const bucket = f.resource.slice('arn:aws:s3:::'.length);
        return [{ kind: 'AddBucketPolicyDeny', bucket, statement: exposureDeny(f, [f.resource, `${f.resource}/*`]) }];
      }
      throw new RefusedError(`no automatic remediation for exposure of ${f.resourceType} yet; edit its resource policy (finding ${f.id})`);
    case 'PrivilegeEscalation':
    case 'RiskyPermission': {
      const actions = (f.actions ?? []).filter((a) => a !== '*');
      if (actions.length === 0) throw new RefusedError(`finding ${f.id} is full administrator access: a Deny of "*" would lock the principal out; trim its policies instead`);
      return denyPolicySteps(f, { Version: '2012-10-17', Statement: [{ Sid: 'CordonRestrict', Effect: 'Deny', Action: actions.length === 1 ? actions[0]! : actions, Resource: '*' }] });
    }
    case 'UnusedAccessKey': {
      const key = f.details?.accessKeyId;
      if (typeof key !== 'string') throw new RefusedError(`finding ${f.id} names no access key`);
      return [{ kind: 'DeactivateAccessKey', userName: principalOf(f.resource).name, accessKeyId: key }];
    }
    case 'UnusedPermission': {
      const used = (f.details?.usedActions as string[] | undefined) ?? [];
      if (used.length === 0) throw new RefusedError(`finding ${f.id} has no used actions to keep`);
      return stepsFor(f, 'trim');
    }
    default:
      throw new RefusedError(`no automatic remediation for ${f.type} findings (${f.id})`);
  }
}

function describePlan(f: Finding, steps: RemediationStep[]): string {
  const first = steps[0]!;
  switch (first.kind) {
    case 'AddTrustPolicyDeny':
      return `add a Deny statement with Sid ${f.id} to the trust policy of role ${first.roleName}`;
    case 'AddBucketPolicyDeny':
      return `add a Deny statement with Sid ${f.id} to the policy of bucket ${first.bucket}`;
    case 'CreateDenyPolicy':
      return `create managed policy ${first.policyName} (explicit Deny) and attach it to ${steps[1]?.kind === 'AttachPolicy' ? `${steps[1].principalKind} ${steps[1].principalName}` : 'the principal'}`;
    case 'DeactivateAccessKey':
      return `deactivate access key ${first.accessKeyId} of user ${first.userName}`;
    default:
      return 'remediate';
  }
}
