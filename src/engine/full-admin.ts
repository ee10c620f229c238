/**
 * "Does this identity policy grant full administrator access?" answered by the engine, not by
 * matching `"*"` strings: every probe request below must be `Allowed` with certainty under an empty
 * request context. A Deny that takes part of it back, a condition the request must meet (MFA, a
 * source IP...), or a narrower Resource makes the answer false. Detection (policies written in
 * CloudTrail events) and validation (`CORDON_FULL_ADMIN`) both ask here.
 */
import type { Policy } from '../model/policy/ast.js';
import { evaluateRequest } from './evaluate.js';

const PROBE_ACCOUNT = '000000000000';
const PROBE_USER = `arn:aws:iam::${PROBE_ACCOUNT}:user/cordon-admin-probe`;

/**
 * Requests that only a grant of every action on every resource allows together: an action of a
 * service that does not exist (only patterns with a wildcard service reach it) on a resource of that
 * service, plus the calls that matter most for takeover, on `*` and on concrete ARNs.
 */
export const FULL_ADMIN_PROBES: readonly { action: string; resource: string }[] = [
  { action: 'cordonprobe:ProbeEveryAction', resource: `arn:aws:cordonprobe:us-east-1:${PROBE_ACCOUNT}:probe/any` },
  { action: 'iam:PassRole', resource: `arn:aws:iam::${PROBE_ACCOUNT}:role/any` },
  { action: 'iam:CreatePolicyVersion', resource: `arn:aws:iam::${PROBE_ACCOUNT}:policy/any` },
  { action: 'iam:CreateAccessKey', resource: '*' },
  { action: 'lambda:InvokeFunction', resource: `arn:aws:lambda:us-east-1:${PROBE_ACCOUNT}:function:any` },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::any-bucket/any-key' },
  { action: 'ec2:RunInstances', resource: '*' },
  { action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${PROBE_ACCOUNT}:key/any` },
  { action: 'organizations:LeaveOrganization', resource: '*' },
];

/** True when the identity policies, on their own, certainly allow every action on every resource. */
export function grantsFullAdmin(policies: Policy | readonly Policy[]): boolean {
  const identity = Array.isArray(policies) ? [...(policies as readonly Policy[])] : [policies as Policy];
  const input = { identity, principal: { arn: PROBE_USER, account: PROBE_ACCOUNT } };
  return FULL_ADMIN_PROBES.every(({ action, resource }) => {
    const r = evaluateRequest(input, { principal: PROBE_USER, action, resource, resourceAccount: PROBE_ACCOUNT });
    return r.decision === 'Allowed' && r.certainty === 'certain';
  });
}
