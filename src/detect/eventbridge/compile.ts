/**
 * Compiles an EventBridge event pattern once into a matcher ("Amazon EventBridge event patterns"):
 * every key of the pattern must match (AND), the values of one key's array are alternatives (OR),
 * an event array matches when any of its values matches (intersection), nested objects recurse,
 * `$or` holds alternative sub-patterns. Invalid patterns throw `PatternError` with the JSON
 * pointer of the bad part.
 */
import { PatternError } from '../errors.js';
import { literalTest, OPERATORS_BY_NAME, type ScalarTest } from './operators.js';

/** A compiled pattern: true when the event (an EventBridge envelope or any JSON object) matches. */
export type EventMatcher = (event: unknown) => boolean;

type ObjectTest = (obj: Record<string, unknown>) => boolean;
type FieldTest = (value: unknown) => boolean;

const EMPTY: Record<string, unknown> = {};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapeKey = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const fail = (message: string, pointer: string): never => {
  throw new PatternError(message, { pointer: pointer || '/' });
};

/** Compiles a pattern (object or JSON text). */
export function compileEventPattern(pattern: unknown): EventMatcher {
  let p = pattern;
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p);
    } catch (err) {
      fail(`pattern is not JSON: ${(err as Error).message}`, '');
    }
  }
  if (!isObject(p)) fail('an event pattern must be a JSON object', '');
  const test = compileObject(p as Record<string, unknown>, '');
  return (event) => test(isObject(event) ? event : EMPTY);
}

function compileObject(pattern: Record<string, unknown>, pointer: string): ObjectTest {
  const fields: [string, FieldTest][] = [];
  const ors: ObjectTest[][] = [];
  for (const [key, value] of Object.entries(pattern)) {
    const ptr = `${pointer}/${escapeKey(key)}`;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) fail('`$or` takes an array of at least two patterns', ptr);
      ors.push((value as unknown[]).map((alt, i) => (isObject(alt) ? compileObject(alt, `${ptr}/${i}`) : fail('each `$or` alternative must be an object', `${ptr}/${i}`))));
    } else if (Array.isArray(value)) fields.push([key, compileLeaf(value, ptr)]);
    else if (isObject(value)) fields.push([key, compileNested(compileObject(value, ptr))]);
    else fail('a pattern value must be an array of values or an object', ptr);
  }
  if (fields.length === 0 && ors.length === 0) fail('an event pattern object must not be empty', pointer);
  return (obj) => {
    for (const [key, test] of fields) if (!test(obj[key])) return false;
    for (const alts of ors) if (!alts.some((alt) => alt(obj))) return false;
    return true;
  };
}

/** A nested pattern: the event value must be an object (or an array holding a matching one). */
function compileNested(sub: ObjectTest): FieldTest {
  return (value) => {
    if (Array.isArray(value)) return value.some((v) => sub(isObject(v) ? v : EMPTY));
    // A missing or scalar value is an empty object here, so `exists: false` inside still matches.
    return sub(isObject(value) ? value : EMPTY);
  };
}

/** A leaf: an array of alternatives, each a literal or a one-key operator object. */
function compileLeaf(values: unknown[], pointer: string): FieldTest {
  if (values.length === 0) fail('a value array must not be empty', pointer);
  const scalarTests: ScalarTest[] = [];
  const presenceTests: FieldTest[] = [];
  values.forEach((v, i) => {
    const ptr = `${pointer}/${i}`;
    if (!isObject(v)) {
      scalarTests.push(literalTest(v, ptr));
      return;
    }
    const keys = Object.keys(v);
    if (keys.length !== 1) fail('an operator object has exactly one key', ptr);
    const name = keys[0]!;
    const arg = v[name];
    if (name === 'exists') {
      if (typeof arg !== 'boolean') fail('`exists` takes true or false', `${ptr}/exists`);
      // Exists applies to leaves: an object or array of objects is not a leaf value.
      presenceTests.push(arg ? (x) => x !== undefined && !isObject(x) && !(Array.isArray(x) && x.length === 0) : (x) => x === undefined || isObject(x) || (Array.isArray(x) && x.length === 0));
      return;
    }
    const op = OPERATORS_BY_NAME.get(name) ?? fail(`unknown operator \`${name}\``, `${ptr}/${escapeKey(name)}`);
    scalarTests.push(op.compile(arg, `${ptr}/${escapeKey(name)}`));
  });
  const scalar: ScalarTest = scalarTests.length === 1 ? scalarTests[0]! : (x) => scalarTests.some((t) => t(x));
  const hasScalar = scalarTests.length > 0;
  return (value) => {
    if (presenceTests.some((t) => t(value))) return true;
    if (!hasScalar || value === undefined) return false;
    return Array.isArray(value) ? value.some(scalar) : scalar(value);
  };
}
