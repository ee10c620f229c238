/**
 * The deny policies Cordon writes, and the statement-level merge used where Cordon must edit a
 * policy it does not own (a permission set's inline policy, a bucket policy): it ADDS one
 * statement with its own Sid and later removes exactly that Sid, leaving the rest untouched.
 * See docs/containment.md for why each condition is shaped the way it is.
 */
import type { PolicyDocumentJson } from '../../model/snapshot/types.js';

/** Name of the inline policy Cordon attaches to a contained user or role. */
export function denyPolicyName(executionId: string): string {
  return `cordon-containment-${executionId}`;
}

/** Sid of Cordon's statement in a merged policy: letters and digits only, as IAM requires. */
export function containmentSid(executionId: string): string {
  let alnum = '';
  for (const ch of executionId) if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) alnum += ch;
  return `CordonContainment${alnum}`;
}

/**
 * IAM user: deny everything to sessions issued before `revokeBefore` (the AWSRevokeOlderSessions
 * shape) AND to requests signed with long-term access keys, which carry no `aws:TokenIssueTime`
 * at all — a `DateLessThan` on a missing key does not match, so the second statement tests the
 * key's absence with `Null`.
 */
export function userDenyDocument(revokeBefore: string): PolicyDocumentJson {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CordonDenyOlderSessions', Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': revokeBefore } } },
      { Sid: 'CordonDenyLongTermKeys', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Null: { 'aws:TokenIssueTime': 'true' } } },
    ],
  };
}

/** IAM role: AWS's own AWSRevokeOlderSessions shape (role sessions always carry the key). */
export function roleDenyDocument(revokeBefore: string): PolicyDocumentJson {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'CordonDenyOlderSessions', Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': revokeBefore } } }],
  };
}

/**
 * Identity Center: one statement added to a permission set's inline policy that denies the
 * contained user only (`identitystore:userId`, as AWS's IAM Identity Center guide recommends), so
 * other users of the same permission set keep working.
 */
export function idcDenyStatement(sid: string, userId: string): Record<string, unknown> {
  return { Sid: sid, Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'identitystore:userId': userId } } };
}

/** `--bucket-access`: a bucket-policy statement denying the contained principal every S3 action on the bucket. */
export function bucketDenyStatement(sid: string, bucket: string, principal: { arn?: string; idcUserId?: string }): Record<string, unknown> {
  const condition = principal.idcUserId
    ? { StringEquals: { 'identitystore:userId': principal.idcUserId } }
    : { ArnEquals: { 'aws:PrincipalArn': principal.arn } };
  return { Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: condition };
}

function statementsOf(doc: PolicyDocumentJson | undefined): Record<string, unknown>[] {
  const raw = doc?.Statement;
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]) as Record<string, unknown>[];
}

/** `doc` with `statement` added (replacing a statement with the same Sid, so re-running is idempotent). */
export function withStatement(doc: PolicyDocumentJson | undefined, statement: Record<string, unknown>): PolicyDocumentJson {
  const kept = statementsOf(doc).filter((s) => s.Sid !== statement.Sid);
  return { ...(doc ?? {}), Version: (doc?.Version as string | undefined) ?? '2012-10-17', Statement: [...kept, statement] };
}

/** `doc` without the statement of Sid `sid`; `undefined` when nothing else is left. */
export function withoutStatement(doc: PolicyDocumentJson | undefined, sid: string): PolicyDocumentJson | undefined {
  if (!doc) return undefined;
  const kept = statementsOf(doc).filter((s) => s.Sid !== sid);
  if (kept.length === 0) return undefined;
  return { ...doc, Statement: kept };
}

/** Whether `doc` holds a statement with Sid `sid`. */
export function hasStatement(doc: PolicyDocumentJson | undefined, sid: string): boolean {
  return statementsOf(doc).some((s) => s.Sid === sid);
}
