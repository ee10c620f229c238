/**
 * The proof before `--apply`: the plan's changes are applied to a copy of the snapshot, then (a)
 * the analyzer that produced the finding runs again and must no longer report it, and (b) every
 * action the principal was seen using (activity) must still be allowed by the engine. (a) failing
 * refuses the apply; (b) failing is a warning with the list.
 */
import { runAnalyzers } from '../../analyzers/index.js';
import { engineOracle } from '../../analyzers/engine-oracle.js';
import type { ActivitySummary } from '../../model/activity.js';
import type { Finding } from '../../model/finding.js';
import type { PolicyDocumentJson, Snapshot } from '../../model/snapshot/types.js';
import { withStatement } from './documents.js';
import type { RemediationPlan } from './plan.js';

const ANALYZER_OF: Record<string, string> = {
  PrivilegeEscalation: 'escalation', RiskyPermission: 'risky', ExternalAccess: 'exposure', PublicAccess: 'exposure', ConfusedDeputy: 'exposure',
  UnusedRole: 'unused', UnusedAccessKey: 'unused', UnusedPassword: 'unused', UnusedPermission: 'unused',
};

/** A copy of the snapshot with the plan's changes made. */
export function applyPlanToSnapshot(snapshot: Snapshot, plan: RemediationPlan): Snapshot {
  const copy = structuredClone(snapshot);
  for (const step of plan.steps) {
    for (const account of copy.accounts) {
      switch (step.kind) {
        case 'AddTrustPolicyDeny':
          for (const role of account.roles) if (role.name === step.roleName) role.trustPolicy = withStatement(role.trustPolicy as Record<string, unknown>, step.statement) as PolicyDocumentJson;
          break;
        case 'AddBucketPolicyDeny':
          for (const r of account.resources) if (r.arn === `arn:aws:s3:::${step.bucket}`) r.policy = withStatement(r.policy as Record<string, unknown> | undefined, step.statement) as PolicyDocumentJson;
          break;
        case 'CreateDenyPolicy':
          if (step.policyArn.split(':')[4] === account.accountId && !account.policies.some((p) => p.arn === step.policyArn)) {
            account.policies.push({ arn: step.policyArn, name: step.policyName, path: '/', defaultVersionId: 'v1', versions: [{ versionId: 'v1', isDefault: true, document: step.document as PolicyDocumentJson }], isAwsManaged: false, documentStatus: 'present', origin: {} });
          }
          break;
        case 'AttachPolicy': {
          const list = step.principalKind === 'user' ? account.users : step.principalKind === 'role' ? account.roles : account.groups;
          for (const p of list) if (p.name === step.principalName && step.policyArn.split(':')[4] === account.accountId && !p.attachedPolicyArns.includes(step.policyArn)) p.attachedPolicyArns.push(step.policyArn);
          break;
        }
        case 'DeactivateAccessKey':
          for (const u of account.users) for (const k of u.accessKeys) if (k.accessKeyId === step.accessKeyId) k.status = 'Inactive';
          break;
      }
    }
  }
  return copy;
}

export interface RemediationProof {
  /** (a) the finding is gone from the re-run analyzer. */
  findingResolved: boolean;
  analyzer: string;
  /** (b) used (action, resource) pairs that the change would deny. */
  brokenUsage: { action: string; resource: string }[];
  checkedUsage: number;
}

export function proveRemediation(snapshot: Snapshot, finding: Finding, plan: RemediationPlan, options: { now: Date; zone?: 'account' | 'organization'; activity?: readonly ActivitySummary[] }): RemediationProof {
  const after = applyPlanToSnapshot(snapshot, plan);
  const analyzer = ANALYZER_OF[finding.type] ?? 'exposure';
  const ids = new Set(runAnalyzers({ snapshot: after, now: options.now, zone: options.zone ?? 'account' }, [analyzer]).map((f) => f.id));
  const principal = typeof finding.principal === 'string' ? finding.principal : undefined;
  const brokenUsage: RemediationProof['brokenUsage'] = [];
  let checkedUsage = 0;
  if (principal && options.activity?.length) {
    const oracle = engineOracle(after, { now: options.now });
    for (const row of options.activity) {
      if (row.principalArn !== principal || row.successCount === 0) continue;
      checkedUsage++;
      if (!oracle.decide({ principal, action: row.action, resource: row.resourceArn }).allowed) brokenUsage.push({ action: row.action, resource: row.resourceArn });
    }
  }
  return { findingResolved: !ids.has(finding.id), analyzer, brokenUsage, checkedUsage };
}

/**
 * The first candidate (best first) the engine proves resolves the finding; with more than one, the
 * best four targeted ones are tried, then the last (widest) one. Undefined when none does.
 */
export function chooseProvenPlan(
  snapshot: Snapshot,
  finding: Finding,
  candidates: readonly RemediationPlan[],
  options: Parameters<typeof proveRemediation>[3],
): { plan: RemediationPlan; proof: RemediationProof; tried: number } | { plan: undefined; proof: RemediationProof | undefined; tried: number } {
  const tries = candidates.length > 1 ? [...candidates.slice(0, Math.min(4, candidates.length - 1)), candidates.at(-1)!] : [...candidates];
  let proof: RemediationProof | undefined;
  for (const [i, plan] of tries.entries()) {
    proof = proveRemediation(snapshot, finding, plan, options);
    if (proof.findingResolved) return { plan, proof, tried: i + 1 };
  }
  return { plan: undefined, proof, tried: tries.length };
}
