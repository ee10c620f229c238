/**
 * Evaluation of one condition clause (`operator: {key: [values]}`) against the request context,
 * with the documented rules (IAM User Guide, "Condition operators", "Single-valued vs.
 * multivalued context keys", "...IfExists condition operators", "Condition operator to check
 * existence of condition keys"):
 * - keys are case-insensitive, values as the operator says; several values are ORed;
 * - a missing key: `ForAllValues:` → true (vacuous) and `ForAnyValue:` → false, whatever the
 *   operator (the set qualifier decides first, `IfExists` does not turn `ForAnyValue` true);
 *   otherwise `...IfExists` → true, negated operators (`StringNotEquals`, `NotIpAddress`...) → true,
 *   anything else false;
 * - `ForAllValues:` holds when every request value matches some policy value (for a negated
 *   operator: matches none), `ForAnyValue:` when at least one does; an empty request set counts
 *   as missing;
 * - a multivalued request key without a set qualifier: a positive operator holds when any request
 *   value matches, a negated one when none does;
 * - an unknown operator never matches (the clause is false) and is reported as unsupported:
 *   AWS refuses such policies on write, so a stored one is corrupt or newer than Cordon;
 * - a key declared unknown (symbolic mode) makes the clause `unknown`.
 */
import type { ConditionClause } from '../../model/policy/ast.js';
import type { Tri } from '../types.js';
import { any3, not3 } from '../tri.js';
import { hasVariables, parseTemplate, resolveTemplate, UNKNOWN, type ContextLookup, type TemplatePart } from '../variables.js';
import { TextMemo } from '../text-memo.js';
import type { ConditionOperator } from './operator.js';
import { findOperator } from './operators.js';
import type { GlobToken } from '../wildcard.js';

/** A clause compiled once; `evaluate` runs per request. */
export interface CompiledClause {
  clause: ConditionClause;
  /** Lower-cased key. */
  key: string;
  /** false when the operator is unknown to Cordon (the clause then never matches). */
  supported: boolean;
  evaluate(lookup: ContextLookup): Tri;
}

type ValueTest = (requestValue: string, lookup: ContextLookup) => Tri;

const EMPTY: readonly string[] = [];

function textOf(tokens: readonly GlobToken[]): string {
  return tokens.map((t) => (typeof t === 'string' ? t : t.description)).join('');
}

function compileValue(op: NonNullable<ReturnType<typeof findOperator>>, text: string, variables: boolean): ValueTest {
  const parts: TemplatePart[] = parseTemplate(text, op.wildcards, variables && op.variables);
  if (!hasVariables(parts)) {
    // Compile the parsed text, not the raw one: escapes such as `${$}` are already literal here.
    const pred = op.compile(textOf(parts as GlobToken[]), parts as GlobToken[]);
    if (!pred) return () => false;
    return (v) => pred(v);
  }
  return (v, lookup) => {
    const tokens = resolveTemplate(parts, lookup);
    if (tokens === null) return false;
    if (tokens === UNKNOWN) return 'unknown';
    const pred = op.compile(textOf(tokens), tokens);
    return pred ? pred(v) : false;
  };
}

/** Compiled values per operator and text (pure: the tests capture only the parsed value). */
const VALUE_MEMO = new Map<ConditionOperator, TextMemo<ValueTest>[]>();

function memoValue(op: ConditionOperator, text: string, variables: boolean): ValueTest {
  let memos = VALUE_MEMO.get(op);
  if (!memos) VALUE_MEMO.set(op, (memos = [new TextMemo(10_000), new TextMemo(10_000)]));
  return memos[variables ? 1 : 0]!.get(text, (t) => compileValue(op, t, variables));
}

function presence(lookup: ContextLookup, key: string): Tri {
  const v = lookup(key);
  if (v === UNKNOWN) return 'unknown';
  return v !== undefined && (typeof v === 'string' || v.length > 0);
}

/** `Null`: the key is present or absent. */
class NullClause implements CompiledClause {
  readonly supported = true;
  constructor(
    readonly clause: ConditionClause,
    readonly key: string,
    private readonly wants: readonly boolean[],
  ) {}

  evaluate(lookup: ContextLookup): Tri {
    const present = presence(lookup, this.key);
    return any3(this.wants, (wantAbsent) => (wantAbsent ? not3(present) : present));
  }
}

/** An operator Cordon does not know: never matches. */
class UnsupportedClause implements CompiledClause {
  readonly supported = false;
  constructor(
    readonly clause: ConditionClause,
    readonly key: string,
  ) {}

  evaluate(): Tri {
    return false;
  }
}

/**
 * A known operator with its compiled values. A class rather than an object literal with an arrow
 * `evaluate`: the tsx loader wraps every named closure in a `__name` call per compilation.
 */
class OperatorClause implements CompiledClause {
  readonly supported = true;
  private readonly universal: boolean;

  constructor(
    readonly clause: ConditionClause,
    readonly key: string,
    private readonly tests: readonly ValueTest[],
    private readonly negated: boolean,
    private readonly missing: boolean,
  ) {
    const qualifier = clause.setQualifier;
    this.universal = qualifier === 'ForAllValues' || (qualifier === undefined && negated);
  }

  evaluate(lookup: ContextLookup): Tri {
    const raw = lookup(this.key);
    if (raw === UNKNOWN) return 'unknown';
    const values = raw === undefined ? EMPTY : typeof raw === 'string' ? [raw] : raw;
    if (values.length === 0) return this.missing;
    // Loops rather than all3/any3 with closures: this is the hot path of conditional statements.
    const { universal, negated, tests } = this;
    let acc: Tri = universal;
    for (const v of values) {
      let hit: Tri = false;
      for (const t of tests) {
        const h = t(v, lookup);
        if (h === true) {
          hit = true;
          break;
        }
        if (h === 'unknown') hit = 'unknown';
      }
      const f: Tri = negated ? not3(hit) : hit;
      if (universal) {
        if (f === false) return false;
        if (f === 'unknown') acc = 'unknown';
      } else {
        if (f === true) return true;
        if (f === 'unknown') acc = 'unknown';
      }
    }
    return acc;
  }
}

/** Compiles a clause. `variables` is true for policies of version 2012-10-17. */
export function compileClause(clause: ConditionClause, variables: boolean): CompiledClause {
  const key = clause.key.toLowerCase();
  if (clause.baseOperator.toLowerCase() === 'null') return new NullClause(clause, key, clause.values.map((v) => v.value.toLowerCase() === 'true'));
  const op = findOperator(clause.baseOperator);
  if (!op) return new UnsupportedClause(clause, key);
  const tests = clause.values.map((v) => memoValue(op, v.value, variables));
  const negated = op.negated;
  const qualifier = clause.setQualifier;
  // INVARIANT: the set qualifier decides a missing key first (ForAnyValue false, ForAllValues true),
  // `IfExists` only for single-valued operators: `ForAnyValue:StringEqualsIfExists` on a request
  // without the key is false (IAM User Guide, "Single-valued vs. multivalued context keys").
  const missing: boolean = qualifier === 'ForAnyValue' ? false : qualifier === 'ForAllValues' ? true : clause.ifExists || negated;
  return new OperatorClause(clause, key, tests, negated, missing);
}

/** ANDs the clauses of a statement. */
export function evaluateClauses(clauses: readonly CompiledClause[], lookup: ContextLookup): Tri {
  let acc: Tri = true;
  for (const c of clauses) {
    const r = c.evaluate(lookup);
    if (r === false) return false;
    if (r === 'unknown') acc = 'unknown';
  }
  return acc;
}
