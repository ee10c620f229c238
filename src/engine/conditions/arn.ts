/**
 * ARN operators: each of the six colon-separated parts is matched separately, case-sensitively,
 * and (per the IAM User Guide) ArnEquals and ArnLike both accept `*` and `?` in each part.
 */
import { ArnPattern } from '../arn-pattern.js';
import { defineOperator, type ConditionOperator } from './operator.js';
import type { GlobToken } from '../wildcard.js';

const arn = { family: 'ARN' as const, wildcards: true, variables: true, prepare: (_t: string, tokens: readonly GlobToken[]) => new ArnPattern(tokens), matches: (v: string, p: ArnPattern) => p.test(v) };

/** ArnEquals, ArnLike, ArnNotEquals, ArnNotLike. */
export const ARN_OPERATORS: readonly ConditionOperator[] = [
  defineOperator({ name: 'ArnEquals', restricts: true, ...arn }),
  defineOperator({ name: 'ArnLike', restricts: true, ...arn }),
  defineOperator({ name: 'ArnNotEquals', negated: true, ...arn }),
  defineOperator({ name: 'ArnNotLike', negated: true, ...arn }),
];
