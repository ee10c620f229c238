/**
 * Policy documents in CloudTrail request parameters, read with the model's one policy parser
 * (`src/model/policy/`: JSON text, URL-encoded text or an object → the typed AST), and questions
 * about them answered by the authorization engine — never by re-matching strings here.
 */
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

/** Full administrator access, as the engine decides it (re-exported for the rules). */
export { grantsFullAdmin } from '../../engine/index.js';
