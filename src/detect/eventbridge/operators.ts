/**
 * The content-filter operators of EventBridge event patterns, one object each, listed in one
 * table ("Content filtering in Amazon EventBridge event patterns"). Each compiles its argument
 * once into a test of ONE scalar value; `compile.ts` applies it across array values (intersection).
 */
import { cidrContains, parseCidr } from '../cidr.js';
import { PatternError } from '../errors.js';
import { compileSegments, splitEscapedWildcard } from '../wildcard.js';

/** A test of one scalar value of the event. */
export type ScalarTest = (value: unknown) => boolean;

/** How an operator treats the field: most need it present; `exists` and `anything-but` decide themselves. */
export interface ContentOperator {
  name: string;
  compile(arg: unknown, pointer: string): ScalarTest;
}

const fail = (message: string, pointer: string): never => {
  throw new PatternError(message, { pointer });
};

const stringArg = (arg: unknown, op: string, pointer: string): string => (typeof arg === 'string' ? arg : fail(`\`${op}\` takes a string`, pointer));

/** Compiles `"x"` or `{"equals-ignore-case": "x"}` for prefix/suffix. */
function affix(kind: 'prefix' | 'suffix') {
  return (arg: unknown, pointer: string): ScalarTest => {
    let text: string;
    let ignoreCase = false;
    if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) {
      const keys = Object.keys(arg);
      if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') fail(`\`${kind}\` takes a string or {"equals-ignore-case": string}`, pointer);
      text = stringArg((arg as Record<string, unknown>)['equals-ignore-case'], 'equals-ignore-case', `${pointer}/equals-ignore-case`);
      ignoreCase = true;
    } else text = stringArg(arg, kind, pointer);
    const needle = ignoreCase ? text.toLowerCase() : text;
    const norm = (v: string) => (ignoreCase ? v.toLowerCase() : v);
    return kind === 'prefix' ? (v) => typeof v === 'string' && norm(v).startsWith(needle) : (v) => typeof v === 'string' && norm(v).endsWith(needle);
  };
}

/** Compiles an EventBridge wildcard string (`*` any run, `\*` literal; `**` refused). */
export function compileWildcard(arg: unknown, pointer: string): ScalarTest {
  const text = stringArg(arg, 'wildcard', pointer);
  // Only `\*` and `\\` are escapes; any other backslash is refused (event-ruler's WildcardParser).
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\') continue;
    if (text[i + 1] !== '*' && text[i + 1] !== '\\') fail(`invalid escape character at position ${i} of \`wildcard\` (only \\* and \\\\ are escapes)`, pointer);
    i++;
  }
  const segments = splitEscapedWildcard(text);
  // Consecutive stars are rejected by EventBridge (they add nothing but cost).
  if (segments.slice(1, -1).some((s) => s === '')) fail('`wildcard` must not contain consecutive `*`', pointer);
  const m = compileSegments(segments);
  return (v) => typeof v === 'string' && m(v);
}

function equalsIgnoreCase(arg: unknown, pointer: string): ScalarTest {
  const want = stringArg(arg, 'equals-ignore-case', pointer).toLowerCase();
  return (v) => typeof v === 'string' && v.toLowerCase() === want;
}

const NUMERIC_OPS: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** event-ruler compares numbers in -5.0e9..5.0e9 (ComparableNumber); EventBridge rejects bounds outside it. */
export const NUMERIC_LIMIT = 5e9;
const comparable = (n: number) => n >= -NUMERIC_LIMIT && n <= NUMERIC_LIMIT;

function bound(arg: unknown[], i: number, pointer: string): number {
  const n = arg[i];
  if (typeof n !== 'number' || !Number.isFinite(n)) fail('numeric bound must be a number', `${pointer}/${i}`);
  if (!comparable(n as number)) fail(`numeric bound ${String(n)} is outside the comparable range -5.0E9..5.0E9`, `${pointer}/${i}`);
  return n as number;
}

/**
 * `numeric`: `[op, n]`, or a range `[">"|">=", low, "<"|"<=", high]` with low < high (event-ruler's
 * grammar: the lower bound comes first, and an empty or inverted range is rejected).
 */
function numeric(arg: unknown, pointer: string): ScalarTest {
  if (!Array.isArray(arg) || (arg.length !== 2 && arg.length !== 4)) fail('`numeric` takes [op, number] or [op, number, op, number]', pointer);
  const a = arg as unknown[];
  for (let i = 0; i < a.length; i += 2) {
    const op = a[i];
    if (typeof op !== 'string' || !(op in NUMERIC_OPS)) fail(`unknown numeric operator \`${String(op)}\` (use < <= = > >=)`, `${pointer}/${i}`);
  }
  const first = a[0] as string;
  const low = bound(a, 1, pointer);
  if (a.length === 2) {
    const f = NUMERIC_OPS[first]!;
    return (v) => typeof v === 'number' && comparable(v) && f(v, low);
  }
  if (first === '=') fail('`=` cannot be combined with another bound', `${pointer}/0`);
  if (first !== '>' && first !== '>=') fail('a numeric range has at most one lower and one upper bound, lower first (> or >=)', pointer);
  const second = a[2] as string;
  if (second !== '<' && second !== '<=') fail('a numeric range has at most one lower and one upper bound: the second operator must be < or <=', pointer);
  const high = bound(a, 3, pointer);
  if (!(low < high)) fail(`numeric range is empty or inverted: the lower bound ${low} must be less than the upper bound ${high}`, pointer);
  const lo = NUMERIC_OPS[first]!;
  const hi = NUMERIC_OPS[second]!;
  return (v) => typeof v === 'number' && comparable(v) && lo(v, low) && hi(v, high);
}

function cidr(arg: unknown, pointer: string): ScalarTest {
  const block = parseCidr(stringArg(arg, 'cidr', pointer));
  if (!block) fail(`malformed CIDR block \`${String(arg)}\``, pointer);
  return (v) => typeof v === 'string' && cidrContains(block!, v);
}

/** Literal values: strings and booleans exactly, numbers numerically, `null` only null. */
export function literalTest(value: unknown, pointer: string): ScalarTest {
  if (value === null) return (v) => v === null;
  if (typeof value === 'string' || typeof value === 'boolean') return (v) => v === value;
  if (typeof value === 'number') return (v) => typeof v === 'number' && v === value;
  return fail('a value must be a string, number, boolean, null or an operator object', pointer);
}

/** `anything-but`: a value, a list, or {prefix|suffix|equals-ignore-case|wildcard: value or list}. */
function anythingBut(arg: unknown, pointer: string): ScalarTest {
  const anyOf = (tests: ScalarTest[]): ScalarTest => (v) => tests.some((t) => t(v));
  const listOf = (a: unknown, p: string, each: (x: unknown, q: string) => ScalarTest): ScalarTest => {
    if (!Array.isArray(a)) return each(a, p);
    if (a.length === 0) fail('`anything-but` list must not be empty', p);
    return anyOf(a.map((x, i) => each(x, `${p}/${i}`)));
  };
  let inner: ScalarTest;
  const nonEmpty = (each: (x: unknown, p: string) => ScalarTest, kind: string) => (x: unknown, p: string): ScalarTest => {
    if (x === '') fail(`\`anything-but\` ${kind} must not be empty`, p);
    return each(x, p);
  };
  if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) {
    const keys = Object.keys(arg);
    const sub: Record<string, (x: unknown, p: string) => ScalarTest> = { prefix: nonEmpty(affix('prefix'), 'prefix'), suffix: nonEmpty(affix('suffix'), 'suffix'), 'equals-ignore-case': equalsIgnoreCase, wildcard: compileWildcard };
    if (keys.length !== 1 || !(keys[0]! in sub)) fail('`anything-but` takes a value, a list, or one of prefix, suffix, equals-ignore-case, wildcard', pointer);
    const key = keys[0]!;
    inner = listOf((arg as Record<string, unknown>)[key], `${pointer}/${key}`, sub[key]!);
  } else {
    // All strings or all numbers: EventBridge refuses mixed lists ("either all values are number or string").
    if (Array.isArray(arg) && arg.some((x) => typeof x === 'string') && arg.some((x) => typeof x === 'number')) fail('`anything-but` list mixes strings and numbers: all values must be of one type', pointer);
    inner = listOf(arg, pointer, (x, p) => {
      if (typeof x === 'number' && !comparable(x)) fail(`\`anything-but\` number ${x} is outside the comparable range -5.0E9..5.0E9`, p);
      return typeof x === 'string' || typeof x === 'number' ? literalTest(x, p) : fail('`anything-but` values must be strings or numbers', p);
    });
  }
  return (v) => !inner(v);
}

/** Every operator, by name. `exists` is handled in compile.ts because it looks at presence. */
export const CONTENT_OPERATORS: readonly ContentOperator[] = [
  { name: 'prefix', compile: affix('prefix') },
  { name: 'suffix', compile: affix('suffix') },
  { name: 'equals-ignore-case', compile: equalsIgnoreCase },
  { name: 'wildcard', compile: compileWildcard },
  { name: 'anything-but', compile: anythingBut },
  { name: 'numeric', compile: numeric },
  { name: 'cidr', compile: cidr },
];

export const OPERATORS_BY_NAME: ReadonlyMap<string, ContentOperator> = new Map(CONTENT_OPERATORS.map((o) => [o.name, o]));
