/**
 * The default rule context: the zone of trust of an event is its own account (recipient, else the
 * caller's) plus configured trusted accounts and organization id; the trust judge is injected.
 */
import type { CloudTrailEvent } from '../model/cloudtrail.js';
import type { RuleContext, TrustPolicyJudge, TrustZone } from './rule-types.js';
import { engineTrustJudge } from './trust/engine-trust-judge.js';

/** Options of `ruleContext`. */
export interface RuleContextOptions {
  /** Accounts always inside the zone (e.g. every account of the organization). */
  trustedAccounts?: readonly string[];
  orgId?: string;
  /** Defaults to the engine-backed judge (`trust/engine-trust-judge.ts`). */
  trustJudge?: TrustPolicyJudge;
}

/** Builds a rule context. */
export function ruleContext(options: RuleContextOptions = {}): RuleContext {
  const trusted = options.trustedAccounts ?? [];
  const cache = new Map<string, TrustZone>();
  return {
    trustJudge: options.trustJudge ?? engineTrustJudge,
    zoneFor(event: CloudTrailEvent): TrustZone {
      const own = event.recipientAccountId ?? event.userIdentity?.accountId ?? '';
      let zone = cache.get(own);
      if (!zone) {
        zone = { accounts: new Set([own, ...trusted].filter((a) => a !== '')), orgId: options.orgId };
        cache.set(own, zone);
      }
      return zone;
    },
  };
}
