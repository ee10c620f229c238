/**
 * The shape of a condition operator: a small declarative object. Negated operators
 * (`StringNotEquals`, `NotIpAddress`...) declare `negated: true` and the POSITIVE test; the clause
 * evaluator applies the negation and the documented missing-key rules.
 */
import type { GlobToken } from '../wildcard.js';

/** The value family of an operator (IAM User Guide, "Condition operators": one section each). */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IPAddress' | 'ARN';

/** A condition operator family member, e.g. `StringLike`. */
export interface ConditionOperator {
  /** Base name as AWS spells it (no `ForAnyValue:` prefix, no `IfExists` suffix). */
  name: string;
  /** The kind of value it compares; validation checks values and key types against it. */
  family: OperatorFamily;
  /**
   * true when a clause with this operator holds only for request values equal to, or matching, one
   * of its policy values (positive String/ARN comparison): such a clause pins the key to the listed
   * values. Negated operators, ranges, IP blocks and Bool do not restrict a key to listed values.
   * Exposure reads it to decide whether a condition names who may call.
   */
  restricts: boolean;
  /** true for the `Not` forms: the clause holds when no policy value matches. */
  negated: boolean;
  /** Policy values may contain `*` and `?` wildcards. */
  wildcards: boolean;
  /** Policy values may contain policy variables (`${aws:username}`). */
  variables: boolean;
  /**
   * Prepares one policy value (its text, and its glob tokens after variable substitution) into a
   * predicate over one request value. Returns null when the policy value is invalid for the
   * operator (e.g. `NumericEquals "abc"`): such a value never matches.
   */
  compile(text: string, tokens: readonly GlobToken[]): ((requestValue: string) => boolean) | null;
}

/** Declares an operator from a prepare/match pair, keeping the prepared value's type private. */
export function defineOperator<P>(spec: {
  name: string;
  family: OperatorFamily;
  restricts?: boolean;
  negated?: boolean;
  wildcards?: boolean;
  variables?: boolean;
  prepare: (text: string, tokens: readonly GlobToken[]) => P | null;
  matches: (requestValue: string, prepared: P) => boolean;
}): ConditionOperator {
  return {
    name: spec.name,
    family: spec.family,
    restricts: spec.restricts ?? false,
    negated: spec.negated ?? false,
    wildcards: spec.wildcards ?? false,
    variables: spec.variables ?? false,
    compile(text, tokens) {
      const prepared = spec.prepare(text, tokens);
      if (prepared === null) return null;
      return (v) => spec.matches(v, prepared);
    },
  };
}
