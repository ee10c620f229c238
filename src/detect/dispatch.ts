/**
 * Guards: cheap necessary conditions read from a rule's pattern, checked on the CloudTrail record
 * before its matcher runs. The rule set's index (eventName/eventSource) cannot place rules such as
 * "root user activity" or CIS 4.1 ("errorCode = *UnauthorizedOperation || AccessDenied*"): they
 * sit in the catch-all bucket and ran their full matcher (EventBridge envelope, field walk) on
 * every event. A guard names one field the pattern needs, and the strings it may hold:
 * - EventBridge: a field under `detail` whose pattern is a list of plain strings (outside `$or`);
 *   every field of a pattern must match, so each such field is necessary;
 * - metric filter: a positive `=` comparison on a `$.a.b` selector (keys only) under `&&`, or
 *   the same selector in every alternative of `||`; without `*` the strings are the literal
 *   values, with one the field only has to be there.
 * A guard only ever says "cannot match": it rejects a record when the field is missing (reached
 * through objects only) or when it is a string outside the set. Arrays on the way, and values that
 * are not strings, are left to the matcher (EventBridge flattens arrays; metric filters compare
 * numbers and booleans by their text). So alerts are exactly those of the matchers alone.
 */
import type { FilterNode } from './metric-filter/ast.js';

/** One necessary field of a rule. */
export interface FieldGuard {
  /** Keys from the record's root. */
  path: readonly string[];
  /** Strings the field may hold; null when any value will do (presence only). */
  values: ReadonlySet<string> | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** False only when the record certainly fails the guard. */
export function admits(guard: FieldGuard, record: Record<string, unknown>): boolean {
  let v: unknown = record;
  for (const k of guard.path) {
    if (typeof v !== 'object' || v === null) return false;
    // Arrays: EventBridge matches through them; left to the matcher.
    if (Array.isArray(v)) return true;
    const o = v as Record<string, unknown>;
    v = o[k];
    if (v === undefined && !hasOwn(o, k)) return false;
  }
  return guard.values === null || typeof v !== 'string' || guard.values.has(v);
}

/** True when every guard admits the record. */
export function admitsAll(guards: readonly FieldGuard[], record: Record<string, unknown>): boolean {
  for (const g of guards) if (!admits(g, record)) return false;
  return true;
}

/** Most guards kept per rule (one or two decide in practice). */
const MAX_GUARDS = 3;

function eventBridgeFields(pattern: Record<string, unknown>, prefix: string[], out: FieldGuard[]): void {
  for (const key of Object.keys(pattern)) {
    if (key === '$or') continue;
    const value = pattern[key];
    const path = [...prefix, key];
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every((x) => typeof x === 'string')) out.push({ path, values: new Set(value as string[]) });
    } else if (isObject(value)) eventBridgeFields(value, path, out);
  }
}

/** Guards of an EventBridge pattern over CloudTrail envelopes (fields under `detail` only). */
export function eventPatternGuards(pattern: unknown): FieldGuard[] {
  if (!isObject(pattern) || !isObject(pattern.detail)) return [];
  const out: FieldGuard[] = [];
  eventBridgeFields(pattern.detail, [], out);
  return out.slice(0, MAX_GUARDS);
}

const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

function filterGuardList(node: FilterNode): FieldGuard[] {
  switch (node.type) {
    case 'compare': {
      if (node.op !== '=' || !node.selector.steps.every((s) => s.kind === 'key')) return [];
      const path = node.selector.steps.map((s) => (s as { name: string }).name);
      const v = node.value;
      return [{ path, values: v.kind === 'string' && !v.text.includes('*') ? new Set([v.text]) : null }];
    }
    case 'and':
      return node.items.flatMap(filterGuardList);
    case 'or': {
      // A guard of the whole `||` needs a field that every alternative requires.
      const lists = node.items.map(filterGuardList);
      const out: FieldGuard[] = [];
      for (const g of lists[0] ?? []) {
        let values: Set<string> | null = g.values ? new Set(g.values) : null;
        let everywhere = true;
        for (const other of lists.slice(1)) {
          const same = other.find((o) => samePath(o.path, g.path));
          if (!same) {
            everywhere = false;
            break;
          }
          if (same.values === null) values = null;
          else if (values) for (const s of same.values) values.add(s);
        }
        if (everywhere) out.push({ path: g.path, values });
      }
      return out;
    }
    default:
      return [];
  }
}

/** Guards of a parsed metric filter (applied to the record itself). */
export function filterGuards(node: FilterNode): FieldGuard[] {
  return filterGuardList(node).slice(0, MAX_GUARDS);
}
