/** `Bool` (case-insensitive `true`/`false`) and `BinaryEquals` (base64 byte equality). */
import { defineOperator, type ConditionOperator } from './operator.js';

function normBase64(s: string): string {
  // Compare decoded bytes: padding and whitespace differences do not change the value.
  return Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('hex');
}

/** Bool and BinaryEquals. */
export const BOOL_BINARY_OPERATORS: readonly ConditionOperator[] = [
  defineOperator({ name: 'Bool', family: 'Bool', prepare: (t) => t.toLowerCase(), matches: (v, p: string) => v.toLowerCase() === p }),
  defineOperator({ name: 'BinaryEquals', family: 'Binary', prepare: (t) => normBase64(t), matches: (v, p: string) => normBase64(v) === p }),
];
