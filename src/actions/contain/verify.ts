/**
 * Verification after containment, on the configuration read back from AWS: (a) structural checks
 * (no active key, no login profile, Cordon's deny present...) and (b) the authorization engine:
 * requests from an old session and from a long-term key, for a sample of actions, must be
 * `ExplicitlyDenied`. The engine may be unavailable (not built, or it failed); then (b) is
 * reported as `unavailable` and `verified` rests on (a) alone, saying so.
 */
import { evaluateRequest } from '../../engine/index.js';
import type { AuthorizationRequest, AuthorizationResult, EvaluationInput } from '../../engine/types.js';
import { parsePolicy, type Policy } from '../../model/policy/index.js';
import type { ContainmentReport, Verification } from '../report/report.js';
import type { PrincipalConfiguration } from './config.js';
import { containmentSid, denyPolicyName, hasStatement } from './deny-policy.js';

/** The engine's entry point, injectable for tests. */
export type Evaluator = (input: EvaluationInput, request: AuthorizationRequest) => AuthorizationResult;

/** Actions probed by the engine check: administrative, data, and privilege-moving ones. */
export const PROBE_ACTIONS: readonly { action: string; resource: string }[] = [
  { action: 'iam:CreateAccessKey', resource: 'arn:aws:iam::{account}:user/any' },
  { action: 'iam:AttachUserPolicy', resource: 'arn:aws:iam::{account}:user/any' },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::any-bucket/any-key' },
  { action: 's3:PutObject', resource: 'arn:aws:s3:::any-bucket/any-key' },
  { action: 'sts:AssumeRole', resource: 'arn:aws:iam::{account}:role/any' },
  { action: 'ec2:RunInstances', resource: 'arn:aws:ec2:us-east-1:{account}:instance/*' },
  { action: 'kms:Decrypt', resource: 'arn:aws:kms:us-east-1:{account}:key/any' },
  { action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:us-east-1:{account}:secret:any' },
];

function structural(report: ContainmentReport, final: PrincipalConfiguration): string[] {
  const failures: string[] = [];
  const sid = containmentSid(report.executionId);
  const policyName = denyPolicyName(report.executionId);
  if (final.type === 'iam-user') {
    for (const k of final.accessKeys) if (k.status === 'Active') failures.push(`access key ${k.accessKeyId} is still Active`);
    if (final.loginProfile.exists) failures.push('the console login profile still exists');
    for (const d of final.mfaDevices) failures.push(`MFA device ${d.serialNumber} is still active`);
    const deny = final.inlinePolicies.find((p) => p.name === policyName);
    if (!deny) failures.push(`deny policy ${policyName} is missing`);
    else for (const s of ['CordonDenyOlderSessions', 'CordonDenyLongTermKeys']) if (!hasStatement(deny.document, s)) failures.push(`deny policy lacks statement ${s}`);
  } else if (final.type === 'iam-role') {
    const deny = final.inlinePolicies.find((p) => p.name === policyName);
    if (!deny || !hasStatement(deny.document, 'CordonDenyOlderSessions')) failures.push(`deny policy ${policyName} is missing`);
  } else {
    for (const m of final.memberships) failures.push(`still a member of group ${m.groupId}`);
    for (const a of final.assignments) failures.push(`still assigned ${a.permissionSetArn} in ${a.accountId}`);
    const initial = report.initialConfiguration.type === 'idc-user' ? report.initialConfiguration : final;
    for (const ps of initial.permissionSets) {
      const now = final.permissionSets.find((p) => p.arn === ps.arn);
      if (!hasStatement(now?.inlinePolicy, sid)) failures.push(`permission set ${ps.arn} lacks deny statement ${sid}`);
    }
  }
  for (const b of final.bucketPolicies) if (!hasStatement(b.policy, sid)) failures.push(`bucket ${b.bucket} policy lacks deny statement ${sid}`);
  return failures;
}

function identityPolicies(final: PrincipalConfiguration, initial: PrincipalConfiguration): { policies: Policy[]; principal: string; account: string; extraContext: Record<string, string> } {
  if (final.type === 'idc-user') {
    const policies = final.permissionSets.filter((p) => p.inlinePolicy).map((p) => parsePolicy(p.inlinePolicy!, { id: `${p.arn}#inline`, type: 'identity' }));
    // Assignments are gone after containment: the account the user reached comes from the record.
    const before = initial.type === 'idc-user' ? [...initial.assignments, ...initial.groupAssignments] : [];
    const account = before[0]?.accountId ?? '000000000000';
    return { policies, principal: `arn:aws:sts::${account}:assumed-role/AWSReservedSSO_contained/${final.userName}`, account, extraContext: { 'identitystore:userId': final.userId } };
  }
  const policies = [
    ...final.inlinePolicies.map((p) => parsePolicy(p.document, { id: `${final.arn}#inline/${p.name}`, type: 'identity' })),
    ...final.managedPolicies.filter((p) => p.document).map((p) => parsePolicy(p.document!, { id: p.arn, type: 'identity' })),
  ];
  return { policies, principal: final.arn, account: final.accountId, extraContext: {} };
}

function revocationTime(report: ContainmentReport): string {
  for (const s of report.steps) if (typeof s.result?.revokeSessionsBefore === 'string') return s.result.revokeSessionsBefore;
  return report.startedAt;
}

function engineCheck(report: ContainmentReport, final: PrincipalConfiguration, evaluate: Evaluator): { failed: string[]; details: { request: string; decision: string }[] } {
  const { policies, principal, account, extraContext } = identityPolicies(final, report.initialConfiguration);
  const cutoff = revocationTime(report);
  const oldSession = new Date(Date.parse(cutoff) - 3_600_000).toISOString();
  const contexts: { label: string; context: Record<string, string> }[] = [{ label: 'session issued before containment', context: { 'aws:TokenIssueTime': oldSession, 'aws:CurrentTime': cutoff, ...extraContext } }];
  if (final.type === 'iam-user') contexts.push({ label: 'long-term access key', context: { 'aws:CurrentTime': cutoff } });
  const input: EvaluationInput = { identity: policies, principal: { arn: principal, account } };
  const failed: string[] = [];
  const details: { request: string; decision: string }[] = [];
  for (const { label, context } of contexts) {
    for (const probe of PROBE_ACTIONS) {
      const resource = probe.resource.split('{account}').join(account);
      const result = evaluate(input, { principal, action: probe.action, resource, context });
      const request = `${probe.action} with ${label}`;
      details.push({ request, decision: result.decision });
      if (result.decision !== 'ExplicitlyDenied') failed.push(`engine: ${request} is ${result.decision}`);
    }
  }
  return { failed, details };
}

/**
 * The engine's `evaluateRequest`. Imported statically: an engine that cannot load is a broken
 * build and must fail loudly, not turn verification into "structural checks only". Kept async
 * (and possibly undefined in its type) for callers written against the earlier lazy loader.
 */
export async function loadEngineEvaluator(): Promise<Evaluator | undefined> {
  return evaluateRequest;
}

/** Verifies a containment from its report (which must hold the final configuration). */
export function verifyContainment(report: ContainmentReport, evaluate: Evaluator | undefined): Verification {
  const final = report.finalConfiguration;
  if (!final) return { verified: false, reasons: ['the final configuration could not be read'], structural: { passed: false, failures: ['no final configuration'] }, engineCheck: 'unavailable', engineDetails: [] };
  const failures = structural(report, final);
  const reasons = failures.length === 0 ? ['structural: credentials disabled and deny in place'] : [...failures];
  let engine: Verification['engineCheck'] = 'unavailable';
  let engineDetails: { request: string; decision: string }[] = [];
  if (final.type === 'idc-user' && final.permissionSets.length === 0) {
    reasons.push('engine: no permission set to evaluate (the user had no assignment)');
  } else if (evaluate) {
    try {
      const { failed, details } = engineCheck(report, final, evaluate);
      engine = failed.length === 0 ? 'passed' : 'failed';
      engineDetails = details;
      reasons.push(...(failed.length === 0 ? [`engine: all ${details.length} probe requests are ExplicitlyDenied`] : failed));
    } catch (err) {
      reasons.push(`engine: unavailable (${err instanceof Error ? err.message : String(err)}); verification rests on the structural checks`);
    }
  } else reasons.push('engine: unavailable; verification rests on the structural checks');
  return { verified: failures.length === 0 && engine !== 'failed', reasons, structural: { passed: failures.length === 0, failures }, engineCheck: engine, engineDetails };
}
