/**
 * `ExposureEngine` answered by Cordon's parser and authorization engine. Denies are applied by
 * evaluating the resource policy alone for a representative outside principal: an action is
 * removed only when the engine says ExplicitlyDenied for every value the unknown keys can take.
 */
import { evaluateRequest } from '../../engine/index.js';
import { parsePolicy } from '../../model/policy/index.js';
import type { Statement } from '../../model/policy/ast.js';
import type { ExposureEngine } from './analyze.js';
import type { ExternalReach } from './reach.js';

/** A fresh account id no zone contains, standing for "any account" when the principal is `*`. */
const ANY_ACCOUNT = '000000000000';

/** Representative ARN of the outside caller described by `reach`. */
export function representativePrincipal(reach: ExternalReach): { arn: string; account: string } {
  const aws = reach.principal.AWS;
  if (aws && aws !== '*') {
    if (/^\d{12}$/.test(aws)) return { arn: `arn:aws:iam::${aws}:role/cordon-external-probe`, account: aws };
    return { arn: aws, account: aws.split(':')[4] ?? ANY_ACCOUNT };
  }
  const federated = reach.principal.Federated;
  if (federated) return { arn: federated, account: federated.split(':')[4] ?? ANY_ACCOUNT };
  return { arn: `arn:aws:iam::${ANY_ACCOUNT}:role/cordon-external-probe`, account: ANY_ACCOUNT };
}

/** Concrete-enough action names: wildcards become a probe name that only the wildcard itself matches. */
function representativeAction(pattern: string): string {
  return pattern.includes('*') || pattern.includes('?') ? pattern.replace(/[*?]+/g, 'CordonProbe') : pattern;
}

/** The default engine for the exposure analyzer. */
export const cordonExposureEngine: ExposureEngine = {
  parse: (document, id, type) => parsePolicy(document, { id, type }),
  statementActions(statement: Statement): string[] {
    const patterns = statement.action.patterns.map((p) => p.value);
    return statement.action.kind === 'NotAction' ? [`*`] : patterns;
  },
  allowedAfterDenies(policy, resourceArn, reach: ExternalReach, actions) {
    const caller = representativePrincipal(reach);
    return actions.filter((action) => {
      const result = evaluateRequest(
        { identity: [], resourcePolicy: policy, principal: { arn: caller.arn, account: caller.account } },
        { principal: caller.arn, action: representativeAction(action), resource: resourceArn, unknownKeys: 'all-missing' },
      );
      return result.decision !== 'ExplicitlyDenied';
    });
  },
};
