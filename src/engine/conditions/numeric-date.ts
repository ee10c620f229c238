/**
 * Numeric and Date operators. Dates are ISO 8601 (`2020-01-01`, `2020-01-01T00:00:00Z`) or epoch
 * seconds (all digits), in the policy and in the request; an unparsable value never matches.
 */
import { defineOperator, type ConditionOperator } from './operator.js';

function parseNumber(s: string): number | null {
  const t = s.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Milliseconds since the epoch of an ISO 8601 date or epoch-seconds value, or null. */
export function parseDate(s: string): number | null {
  const t = s.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

type Cmp = (a: number, b: number) => boolean;
const CMPS: [string, Cmp, boolean][] = [
  ['Equals', (a, b) => a === b, false],
  ['NotEquals', (a, b) => a === b, true],
  ['LessThan', (a, b) => a < b, false],
  ['LessThanEquals', (a, b) => a <= b, false],
  ['GreaterThan', (a, b) => a > b, false],
  ['GreaterThanEquals', (a, b) => a >= b, false],
];

function family(prefix: 'Numeric' | 'Date', parse: (s: string) => number | null): ConditionOperator[] {
  return CMPS.map(([suffix, cmp, negated]) =>
    defineOperator({
      name: `${prefix}${suffix}`,
      family: prefix,
      negated,
      prepare: (text) => parse(text),
      matches: (v, p: number) => {
        const n = parse(v);
        return n !== null && cmp(n, p);
      },
    }),
  );
}

/** NumericEquals … NumericGreaterThanEquals. */
export const NUMERIC_OPERATORS: readonly ConditionOperator[] = family('Numeric', parseNumber);
/** DateEquals … DateGreaterThanEquals. */
export const DATE_OPERATORS: readonly ConditionOperator[] = family('Date', parseDate);
