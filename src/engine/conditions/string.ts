/**
 * String operators (IAM User Guide, "IAM JSON policy elements: Condition operators", String
 * condition operators). Values are case-sensitive except the IgnoreCase forms; only the Like forms
 * take wildcards; all take policy variables.
 */
import { Glob, type GlobToken } from '../wildcard.js';
import { defineOperator, type ConditionOperator } from './operator.js';

const equals = { prepare: (text: string) => text, matches: (v: string, p: string) => v === p };
const equalsIgnoreCase = { prepare: (text: string) => text.toLowerCase(), matches: (v: string, p: string) => v.toLowerCase() === p };
const like = { prepare: (_text: string, tokens: readonly GlobToken[]) => new Glob(tokens), matches: (v: string, g: Glob) => g.test(v) };

/** The six String operators. */
export const STRING_OPERATORS: readonly ConditionOperator[] = [
  defineOperator({ name: 'StringEquals', family: 'String', restricts: true, variables: true, ...equals }),
  defineOperator({ name: 'StringNotEquals', family: 'String', negated: true, variables: true, ...equals }),
  defineOperator({ name: 'StringEqualsIgnoreCase', family: 'String', restricts: true, variables: true, ...equalsIgnoreCase }),
  defineOperator({ name: 'StringNotEqualsIgnoreCase', family: 'String', negated: true, variables: true, ...equalsIgnoreCase }),
  defineOperator({ name: 'StringLike', family: 'String', restricts: true, wildcards: true, variables: true, ...like }),
  defineOperator({ name: 'StringNotLike', family: 'String', negated: true, wildcards: true, variables: true, ...like }),
];
