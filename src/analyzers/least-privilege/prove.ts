/**
 * The proof that a generated or trimmed policy still allows what was used: every successful
 * observed (action, resource) is evaluated by the engine against the new policies alone. Rows
 * whose resource is unknown are checked on `*`; rows covered only by a placeholder are reported
 * as waiting for the placeholder to be filled.
 */
import { evaluateRequest } from '../../engine/index.js';
import type { ActivitySummary } from '../../model/activity.js';
import { parsePolicy } from '../../model/policy/index.js';
import type { PolicyDocumentJson } from '../../model/snapshot/types.js';

export interface UsageProof {
  checked: number;
  allowed: number;
  /** Calls the new policy would deny (must be empty for a sound policy). */
  denied: { action: string; resource: string }[];
  /** Calls granted only through a resource placeholder still to be filled in. */
  placeholder: { action: string; resource: string }[];
}

export function proveUsageAllowed(principalArn: string, policies: readonly PolicyDocumentJson[], activity: readonly ActivitySummary[]): UsageProof {
  const account = principalArn.split(':')[4] ?? '';
  const identity = policies.map((doc, i) => parsePolicy(doc, { id: `generated-${i + 1}`, type: 'identity' }));
  const input = { identity, principal: { arn: principalArn, account } };
  // AssumeRole also needs the role's trust policy, which the generated policy does not replace: a
  // trust naming the account root delegates to the identity policy, which is what is proven here.
  const trustAccount = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:*' }] }, { id: 'trust-delegating-to-identity', type: 'trust' });
  const withTrust = { ...input, resourcePolicy: trustAccount };
  const proof: UsageProof = { checked: 0, allowed: 0, denied: [], placeholder: [] };
  const hasPlaceholder = policies.some((p) => JSON.stringify(p).includes('${'));
  for (const row of activity) {
    if (row.successCount === 0) continue;
    proof.checked++;
    const resource = row.resourceArn;
    const decision = evaluateRequest(row.action.toLowerCase().startsWith('sts:assumerole') ? withTrust : input, { principal: principalArn, action: row.action, resource, resourceAccount: resource.split(':')[4] || account }).decision;
    if (decision === 'Allowed') proof.allowed++;
    else if (hasPlaceholder && resource === '*') proof.placeholder.push({ action: row.action, resource });
    else proof.denied.push({ action: row.action, resource });
  }
  return proof;
}
