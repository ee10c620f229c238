/**
 * GCP remediation plans as data, from a finding: a deny policy on the narrowest attachment point
 * (the project, folder or organization where the escalating permission is checked) denying that
 * permission to the principal, its id carrying the finding id (`cordon-<id>`); removing an allow
 * binding (rollback adds it back with its condition); disabling a service account or key.
 */
import { RefusedError } from '../../model/errors.js';
import type { Finding, FindingDraft } from '../../model/finding.js';
import type { GcpCondition, GcpSnapshot } from '../../model/gcp/snapshot.js';
import { denyPermissionName, denyPolicyName } from '../../model/gcp/names.js';
import { principalIdentifier } from '../../model/gcp/members.js';
import { gcpMethod } from '../../catalog/gcp/escalation-methods.js';
import { denySupport } from './deny-support.js';
import type { DenyPolicyBody } from './gateway.js';

export type GcpRemediationStep =
  | { kind: 'CreateDenyPolicy'; attachmentPoint: string; policyId: string; policy: DenyPolicyBody }
  | { kind: 'RemoveBinding'; resource: string; role: string; member: string; condition?: GcpCondition }
  | { kind: 'DisableServiceAccount'; name: string }
  | { kind: 'DisableServiceAccountKey'; name: string };

export type GcpStrategy = 'deny' | 'remove-binding' | 'disable';

export interface GcpRemediationPlan {
  planId: string;
  findingId: string;
  strategy: GcpStrategy;
  summary: string;
  steps: GcpRemediationStep[];
  /** v1 permissions a deny policy of the plan denies. */
  deniedPermissions: string[];
  /** Caveats a responder must read (deny support, scope of the deny). */
  notes: string[];
}

const ACT_AS = 'iam.serviceAccounts.actAs';

/** The permission whose denial breaks an escalation's first step. */
export function escalatingPermission(f: Pick<Finding, 'ruleId' | 'actions'>): string {
  const method = f.ruleId ? gcpMethod(f.ruleId) : undefined;
  const perms = method?.permissions ?? f.actions ?? [];
  // actAs is what turns "create a workload" into "run as someone else"; deny it, not the create.
  return perms.includes(ACT_AS) ? ACT_AS : perms[0]!;
}

function evidenceBinding(f: FindingDraft, gcp: GcpSnapshot): { resource: string; role: string; member: string; condition?: GcpCondition } {
  const e = f.evidence[0];
  const policy = gcp.allowPolicies.find((p) => e?.pointer?.startsWith(`${p.origin.pointer}/`) && (p.resource === e.policy || e.policy.endsWith(p.resource.replace(/^\/\/[^/]+/, ''))));
  const b = policy?.bindings[e?.statementIndex ?? -1];
  const member = typeof f.principal === 'string' ? f.principal : '';
  if (!e || !b) throw new RefusedError(`finding ${f.id}: its binding is not in the snapshot; cannot plan its removal`);
  return { resource: e.policy, role: b.role, member, ...(b.condition ? { condition: b.condition } : {}) };
}

/** The default strategy of a GCP finding. */
export function defaultGcpStrategy(f: Pick<Finding, 'type' | 'ruleId'>): GcpStrategy {
  if (f.type === 'PrivilegeEscalation') return 'deny';
  if (f.ruleId === 'GcpUserManagedKey' || f.ruleId === 'GcpUnusedIdentity') return 'disable';
  return 'remove-binding';
}

/** Plans the remediation of a GCP finding with `strategy` (default per finding type). */
export function planGcpRemediation(f: FindingDraft, gcp: GcpSnapshot, strategy: GcpStrategy = defaultGcpStrategy(f)): GcpRemediationPlan {
  const base = { planId: `gcp-${strategy}-${f.id}`, findingId: f.id, strategy };
  if (strategy === 'deny') {
    if (f.type !== 'PrivilegeEscalation' || typeof f.principal !== 'string') throw new RefusedError(`finding ${f.id}: a deny policy remediates escalation findings; use --strategy remove-binding`);
    const attachmentPoint = String(f.details?.attachmentPoint ?? '');
    if (!/^\/\/cloudresourcemanager\.googleapis\.com\/(organizations|folders|projects)\//.test(attachmentPoint)) throw new RefusedError(`finding ${f.id}: no organization, folder or project to attach a deny policy to`);
    const permission = escalatingPermission(f);
    const policyId = `cordon-${f.id.toLowerCase()}`;
    const notes = [`denies ${permission} to ${f.principal} on every resource under ${attachmentPoint} (deny conditions can only test tags, so the deny cannot be narrowed to one service account)`];
    if (denySupport(permission) === 'unverified') notes.push(`${denyPermissionName(permission)} is not known to be supported in deny policies (https://cloud.google.com/iam/docs/deny-permissions-support); if it is not, IAM refuses the policy and nothing changes — use --strategy remove-binding`);
    return {
      ...base,
      summary: `deny policy ${policyId} on ${attachmentPoint}: ${f.principal} may not use ${permission}`,
      steps: [{ kind: 'CreateDenyPolicy', attachmentPoint, policyId, policy: { displayName: `Cordon remediation of finding ${f.id}`, rules: [{ description: `Cordon finding ${f.id}: ${f.title}`.slice(0, 256), denyRule: { deniedPrincipals: [principalIdentifier(f.principal)], deniedPermissions: [denyPermissionName(permission)] } }] } }],
      deniedPermissions: [permission],
      notes,
    };
  }
  if (strategy === 'disable') {
    if (f.ruleId === 'GcpUserManagedKey') {
      const name = f.evidence[0]!.policy;
      return { ...base, summary: `disable key ${name}`, steps: [{ kind: 'DisableServiceAccountKey', name }], deniedPermissions: [], notes: [] };
    }
    const m = /^serviceAccount:(.+)$/.exec(typeof f.principal === 'string' ? f.principal : '');
    const sa = m ? gcp.serviceAccounts.find((s) => s.email === m[1]) : undefined;
    if (!sa) throw new RefusedError(`finding ${f.id}: not about a service account in the snapshot; nothing to disable`);
    return { ...base, summary: `disable service account ${sa.email}`, steps: [{ kind: 'DisableServiceAccount', name: sa.name }], deniedPermissions: [], notes: ['workloads running as the service account lose access until it is enabled again'] };
  }
  const binding = evidenceBinding(f, gcp);
  return { ...base, summary: `remove ${binding.member} from ${binding.role} on ${binding.resource}`, steps: [{ kind: 'RemoveBinding', ...binding }], deniedPermissions: [], notes: [] };
}

/** The deny policy's resource name (for rendering and rollback). */
export function denyStepName(step: Extract<GcpRemediationStep, { kind: 'CreateDenyPolicy' }>): string {
  return denyPolicyName(step.attachmentPoint, step.policyId);
}
