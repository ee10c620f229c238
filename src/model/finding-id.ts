/**
 * Stable finding ids: the same issue found in two scans gets the same id. Ids are lowercase hex
 * (letters and digits only) so they can serve as an IAM policy statement `Sid`, which IAM
 * restricts to `[A-Za-z0-9]`.
 */
import { createHash } from 'node:crypto';

/**
 * Derives a finding id from the facts that identify the issue (type, principal, resource, ...).
 * Callers pass only facts that do not change while the issue stays the same (never timestamps).
 */
export function findingId(...facts: readonly string[]): string {
  // INVARIANT: '\u0000' cannot occur in ARNs or ids, so distinct fact lists never collide by concatenation.
  return createHash('sha256').update(facts.join('\u0000')).digest('hex').slice(0, 32);
}
