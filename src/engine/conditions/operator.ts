/**
 * The shape of a condition operator: a small declarative object. Negated operators
 * (`StringNotEquals`, `NotIpAddress`...) declare `negated: true` and the POSITIVE test; the clause
 * evaluator applies the negation and the documented missing-key rules.
 */
import type { GlobToken } from '../wildcard.js';

/** A condition operator family member, e.g. `StringLike`. */
export interface ConditionOperator {
  /** Base name as AWS spells it (no `ForAnyValue:` prefix, no `IfExists` suffix). */
  name: string;
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
  negated?: boolean;
  wildcards?: boolean;
  variables?: boolean;
  prepare: (text: string, tokens: readonly GlobToken[]) => P | null;
  matches: (requestValue: string, prepared: P) => boolean;
}): ConditionOperator {
  return {
    name: spec.name,
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
