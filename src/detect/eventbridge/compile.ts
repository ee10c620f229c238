/**
 * Compiles an EventBridge event pattern once into a matcher with the semantics of aws/event-ruler,
 * the matcher EventBridge runs ("Amazon EventBridge event patterns"; event-ruler's README, "JSON
 * Array Matching" and "$or"):
 * - the pattern becomes sub-rules (one per combination of `$or` alternatives), each a list of
 *   conditions on dotted field names, sorted by name as event-ruler's machine orders them;
 * - the event becomes leaf fields with their array membership (`event-fields.ts`): nested arrays
 *   are flattened, objects are not leaves (so `exists` applies to leaves only);
 * - a sub-rule matches when every condition is met by one field, and no two chosen fields sit in
 *   different elements of the same array; `exists: false` holds when no field of that name is
 *   consistent with the fields matched before it (event-ruler checks absence at that point);
 * - `$or` is an OR only when its value is an array of at least two objects that use no operator
 *   name as a key; otherwise (an object, say) it is a plain field name.
 * Invalid patterns throw `PatternError` with the JSON pointer of the bad part.
 */
import { PatternError } from '../errors.js';
import { eventFields, fieldTrie, mergeMembership, type EventField, type Membership } from './event-fields.js';
import { literalTest, OPERATORS_BY_NAME, type ScalarTest } from './operators.js';

/** A compiled pattern: true when the event (an EventBridge envelope or any JSON object) matches. */
export type EventMatcher = (event: unknown) => boolean;

/** One field condition: the values it accepts, and whether presence or absence is enough. */
interface Condition {
  /** Dotted name, the order event-ruler's machine visits fields in. */
  name: string;
  /** The keys leading to the field. */
  path: string[];
  /** Index into the event's fields (set once the pattern is compiled). */
  slot: number;
  tests: ScalarTest[];
  /** `exists: true`: any leaf of that name. */
  exists: boolean;
  /** `exists: false`: no (consistent) leaf of that name. */
  absent: boolean;
}

type SubRule = readonly Condition[];

const EMPTY: Record<string, unknown> = {};
/** Most sub-rules one pattern may expand into (`$or` combinations multiply). */
const MAX_SUB_RULES = 1024;
/** Candidate fields tried per event and sub-rule before the matcher stops looking and reports a match (fail towards alerting). */
export const MATCH_STEP_BUDGET = 1_000_000;

/** Options of `compileEventPattern`. */
export interface CompileOptions {
  /** Overrides `MATCH_STEP_BUDGET` (tests). */
  stepBudget?: number;
}
/** Keys that make an object an operator, not a field (event-ruler's RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP). */
const RESERVED = new Set(['exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr', '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range', 'ip-address-not-in-range']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapeKey = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const fail = (message: string, pointer: string): never => {
  throw new PatternError(message, { pointer: pointer || '/' });
};

/** Compiles a pattern (object or JSON text). */
export function compileEventPattern(pattern: unknown, options: CompileOptions = {}): EventMatcher {
  const budget = options.stepBudget ?? MATCH_STEP_BUDGET;
  let p = pattern;
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p);
    } catch (err) {
      fail(`pattern is not JSON: ${(err as Error).message}`, '');
    }
  }
  if (!isObject(p)) fail('an event pattern must be a JSON object', '');
  const rules = compileObject(p as Record<string, unknown>, [], '').map((r) => [...r].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
  const conditions = rules.flat();
  const { trie, slots } = fieldTrie(conditions.map((c) => c.path));
  // Slots follow first appearance in the trie; look each condition's up once.
  for (const c of conditions) {
    let node = trie;
    for (const key of c.path) node = node.children.get(key)!;
    c.slot = node.slot!;
  }
  return (event) => {
    const fields = eventFields(isObject(event) ? event : EMPTY, trie, slots);
    for (const rule of rules) if (matchRule(rule, fields, budget)) return true;
    return false;
  };
}

/** Is this `$or` value an OR of sub-patterns (event-ruler's three conditions)? */
function isOrRelationship(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((alt) => isObject(alt) && Object.keys(alt).every((k) => !RESERVED.has(k)));
}

function cross(left: SubRule[], right: SubRule[], pointer: string): SubRule[] {
  if (left.length * right.length > MAX_SUB_RULES) fail(`\`$or\` combinations exceed ${MAX_SUB_RULES} alternatives`, pointer);
  return left.flatMap((l) => right.map((r) => [...l, ...r]));
}

function compileObject(pattern: Record<string, unknown>, prefix: readonly string[], pointer: string): SubRule[] {
  const keys = Object.keys(pattern);
  if (keys.length === 0) fail('an event pattern object must not be empty', pointer);
  let rules: SubRule[] = [[]];
  for (const key of keys) {
    const value = pattern[key];
    const ptr = `${pointer}/${escapeKey(key)}`;
    const path = [...prefix, key];
    if (key === '$or' && isOrRelationship(value)) {
      if (value.length < 2) fail('`$or` takes an array of at least two patterns', ptr);
      rules = cross(rules, value.flatMap((alt, i) => compileObject(alt, prefix, `${ptr}/${i}`)), ptr);
    } else if (Array.isArray(value)) rules = cross(rules, [[compileLeaf(path, value, ptr)]], ptr);
    else if (isObject(value)) rules = cross(rules, compileObject(value, path, ptr), ptr);
    else fail('a pattern value must be an array of values or an object', ptr);
  }
  return rules;
}

/** A leaf: an array of alternatives, each a literal or a one-key operator object. */
function compileLeaf(path: string[], values: unknown[], pointer: string): Condition {
  if (values.length === 0) fail('a value array must not be empty', pointer);
  const condition: Condition = { name: path.join('.'), path, slot: -1, tests: [], exists: false, absent: false };
  values.forEach((v, i) => {
    const ptr = `${pointer}/${i}`;
    if (!isObject(v)) {
      condition.tests.push(literalTest(v, ptr));
      return;
    }
    const keys = Object.keys(v);
    if (keys.length !== 1) fail('an operator object has exactly one key', ptr);
    const op = keys[0]!;
    const arg = v[op];
    if (op === 'exists') {
      if (typeof arg !== 'boolean') fail('`exists` takes true or false', `${ptr}/exists`);
      if (arg) condition.exists = true;
      else condition.absent = true;
      return;
    }
    const operator = OPERATORS_BY_NAME.get(op) ?? fail(`unknown operator \`${op}\``, `${ptr}/${escapeKey(op)}`);
    condition.tests.push(operator.compile(arg, `${ptr}/${escapeKey(op)}`));
  });
  return condition;
}

function accepts(c: Condition, field: EventField): boolean {
  if (c.exists) return true;
  for (const t of c.tests) if (t(field.value)) return true;
  return false;
}

/**
 * Depth-first search for one consistent choice of fields, conditions in name order. A condition no
 * field can meet ends the search at once; past the step budget the search answers true, because a
 * detection an attacker can silence by padding an event with nested arrays is worse than one extra alert.
 */
function matchRule(rule: SubRule, fields: readonly (readonly EventField[])[], budget: number): boolean {
  let arrays = false;
  for (const c of rule) {
    const list = fields[c.slot]!;
    let accepted = false;
    for (const f of list) {
      if (f.membership !== null) arrays = true;
      if (!accepted && accepts(c, f)) accepted = true;
    }
    // Without a consistent field to use, only `exists: false` can hold, and only if the name is absent.
    if (!accepted && !c.absent) return false;
  }
  if (!arrays) {
    // INVARIANT: outside arrays every field is consistent with every other: each condition decides alone.
    for (const c of rule) {
      const list = fields[c.slot]!;
      if (list.length > 0 && !list.some((f) => accepts(c, f))) return false;
    }
    return true;
  }
  let steps = 0;
  const search = (i: number, membership: Membership): boolean => {
    if (i === rule.length) return true;
    const c = rule[i]!;
    let anyConsistent = false;
    for (const f of fields[c.slot]!) {
      if (++steps > budget) return true;
      const merged = mergeMembership(membership, f.membership);
      if (merged === false) continue;
      anyConsistent = true;
      if (accepts(c, f) && search(i + 1, merged)) return true;
    }
    return c.absent && !anyConsistent && search(i + 1, membership);
  };
  return search(0, null);
}
