/**
 * Policy documents in CloudTrail request parameters, read with the model's one policy parser
 * (`src/model/policy/`: JSON text, URL-encoded text or an object → the typed AST), and questions
 * about them answered by the authorization engine — never by re-matching strings here.
 */
import { evaluateRequest } from '../../engine/index.js';
import { parsePolicy, type Policy, type PolicyType } from '../../model/policy/index.js';

const ACCOUNT = /^\d{12}$/;

/** The account a principal string names, if any (`123456789012`, `arn:aws:iam::123456789012:...`). */
export function principalAccount(principal: string): string | undefined {
  if (ACCOUNT.test(principal)) return principal;
  const parts = principal.split(':');
  if (parts.length >= 6 && parts[0] === 'arn' && ACCOUNT.test(parts[4]!)) return parts[4];
  return undefined;
}

/** A policy read from an event, or why it could not be read. */
export type ReadPolicy = { policy: Policy } | { error: string };

/** Parses a document given as an object or as (possibly URL-encoded) JSON text into the policy AST. */
export function readEventPolicy(raw: unknown, type: PolicyType, id = `event-${type}-policy`): ReadPolicy {
  if (typeof raw !== 'string' && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) return { error: 'no policy document in the request' };
  try {
    return { policy: parsePolicy(raw, { id, type, source: 'CloudTrail requestParameters' }) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

const PROBE_ACCOUNT = '000000000000';
const PROBE_USER = `arn:aws:iam::${PROBE_ACCOUNT}:user/cordon-admin-probe`;
/**
 * Requests that only a grant of every action on every resource allows together: an action of a
 * service that does not exist (only `*`-service patterns reach it) on a resource of that service,
 * plus the calls that matter most for takeover, on `*` and on a concrete ARN.
 */
const ADMIN_PROBES: readonly { action: string; resource: string }[] = [
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

/**
 * True when the identity policy, on its own, certainly allows every action on every resource: the
 * engine must answer `Allowed` (certain, empty request context) to every probe. A Deny that takes
 * part of it back, or a condition the request must meet (MFA, source IP...), makes it not full admin.
 */
export function grantsFullAdmin(policy: Policy): boolean {
  const input = { identity: [policy], principal: { arn: PROBE_USER, account: PROBE_ACCOUNT } };
  return ADMIN_PROBES.every(({ action, resource }) => {
    const r = evaluateRequest(input, { principal: PROBE_USER, action, resource, resourceAccount: PROBE_ACCOUNT });
    return r.decision === 'Allowed' && r.certainty === 'certain';
  });
}
