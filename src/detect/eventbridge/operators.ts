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

function numeric(arg: unknown, pointer: string): ScalarTest {
  if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0 || arg.length > 4) fail('`numeric` takes [op, number] or [op, number, op, number]', pointer);
  const tests: ((v: number) => boolean)[] = [];
  let lower = 0;
  let upper = 0;
  for (let i = 0; i < (arg as unknown[]).length; i += 2) {
    const op = (arg as unknown[])[i];
    const n = (arg as unknown[])[i + 1];
    if (typeof op !== 'string' || !(op in NUMERIC_OPS)) fail(`unknown numeric operator \`${String(op)}\` (use < <= = > >=)`, `${pointer}/${i}`);
    if (typeof n !== 'number' || !Number.isFinite(n)) fail('numeric bound must be a number', `${pointer}/${i + 1}`);
    if (op === '>' || op === '>=') lower++;
    else if (op === '<' || op === '<=') upper++;
    else if ((arg as unknown[]).length > 2) fail('`=` cannot be combined with another bound', `${pointer}/${i}`);
    const f = NUMERIC_OPS[op as string]!;
    tests.push((v) => f(v, n as number));
  }
  if (lower > 1 || upper > 1) fail('a numeric range has at most one lower and one upper bound', pointer);
  return (v) => typeof v === 'number' && tests.every((t) => t(v));
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
  if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) {
    const keys = Object.keys(arg);
    const sub: Record<string, (x: unknown, p: string) => ScalarTest> = { prefix: affix('prefix'), suffix: affix('suffix'), 'equals-ignore-case': equalsIgnoreCase, wildcard: compileWildcard };
    if (keys.length !== 1 || !(keys[0]! in sub)) fail('`anything-but` takes a value, a list, or one of prefix, suffix, equals-ignore-case, wildcard', pointer);
    const key = keys[0]!;
    inner = listOf((arg as Record<string, unknown>)[key], `${pointer}/${key}`, sub[key]!);
  } else {
    inner = listOf(arg, pointer, (x, p) => (typeof x === 'string' || typeof x === 'number' ? literalTest(x, p) : fail('`anything-but` values must be strings or numbers', p)));
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
