/**
 * Every condition operator, in one explicit list (no registration by import side effect).
 * `Null` is handled by the clause evaluator because it tests presence, not values.
 */
import type { ConditionOperator, OperatorFamily } from './operator.js';
import { STRING_OPERATORS } from './string.js';
import { DATE_OPERATORS, NUMERIC_OPERATORS } from './numeric-date.js';
import { BOOL_BINARY_OPERATORS } from './bool-binary.js';
import { IP_OPERATORS } from './ip.js';
import { ARN_OPERATORS } from './arn.js';

/** All value operators (everything but `Null`). */
export const OPERATORS: readonly ConditionOperator[] = [
  ...STRING_OPERATORS,
  ...NUMERIC_OPERATORS,
  ...DATE_OPERATORS,
  ...BOOL_BINARY_OPERATORS,
  ...IP_OPERATORS,
  ...ARN_OPERATORS,
];

const BY_NAME = new Map(OPERATORS.map((op) => [op.name.toLowerCase(), op]));

/** The operator named `name` (case-insensitive), or undefined when unknown. */
export function findOperator(name: string): ConditionOperator | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The value family of an operator by base name; `Null` tests presence and is its own family. */
export function operatorFamily(name: string): OperatorFamily | 'Null' | undefined {
  if (name.toLowerCase() === 'null') return 'Null';
  return findOperator(name)?.family;
}

/** Whether a clause with this operator pins its key to the listed values (see `ConditionOperator.restricts`). */
export function operatorRestricts(name: string): boolean {
  return findOperator(name)?.restricts ?? false;
}
