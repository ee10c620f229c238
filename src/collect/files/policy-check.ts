/**
 * Every policy document of a loaded snapshot parsed once at load time, so a policy the engine
 * cannot use — malformed (the engine drops it) or with a condition operator Cordon does not know
 * (that clause can never match) — is reported as an issue naming file and pointer, instead of
 * silently granting or denying nothing.
 */
import { findOperator } from '../../engine/conditions/operators.js';
import { parsePolicy, type PolicyType } from '../../model/policy/index.js';
import type { Origin, PolicyDocumentJson, Snapshot } from '../../model/snapshot/types.js';
import type { ValidationIssue } from '../../model/validation.js';

function check(doc: PolicyDocumentJson | undefined, type: PolicyType, id: string, origin: Origin | undefined, pointer: string, issues: ValidationIssue[]): void {
  if (!doc) return;
  const file = origin?.file;
  const base = `${origin?.pointer ?? ''}${pointer}`;
  try {
    const policy = parsePolicy(doc as object, { id, type });
    for (const st of policy.statements) {
      for (const c of st.conditions) {
        if (findOperator(c.baseOperator)) continue;
        issues.push({ code: 'unknown_condition_operator', severity: 'warning', message: `\`${id}\`: condition operator \`${c.operator}\` is not one AWS defines; that statement can never apply`, file, pointer: `${base}${c.pointer}` });
      }
    }
  } catch (err) {
    const at = (err as { location?: { pointer?: string } }).location?.pointer ?? '';
    issues.push({ code: 'malformed_policy', severity: 'warning', message: `\`${id}\`: ${(err as Error).message}; the policy is ignored by the analyses`, file, pointer: `${base}${at}` });
  }
}

/** Adds an issue for every policy of `snapshot` that is malformed or uses an unknown condition operator. */
export function checkSnapshotPolicies(snapshot: Snapshot, issues: ValidationIssue[]): void {
  for (const account of snapshot.accounts) {
    for (const list of [account.users, account.groups, account.roles]) {
      for (const e of list) {
        for (const p of e.inlinePolicies) check(p.document, 'identity', `${e.arn}#${p.name}`, p.origin, '/PolicyDocument', issues);
        if (e.kind === 'role') check(e.trustPolicy, 'trust', `${e.arn}#trust`, e.origin, '/AssumeRolePolicyDocument', issues);
      }
    }
    for (const p of account.policies) {
      p.versions.forEach((v, i) => v.isDefault && check(v.document, 'identity', p.arn, p.origin, `/PolicyVersionList/${i}/Document`, issues));
    }
    for (const r of account.resources) check(r.policy, 'resource', r.arn, r.origin, '/policy', issues);
  }
  for (const p of snapshot.organization?.policies ?? []) check(p.document, p.type === 'SERVICE_CONTROL_POLICY' ? 'scp' : 'rcp', p.arn ?? p.id, p.origin, '', issues);
}
