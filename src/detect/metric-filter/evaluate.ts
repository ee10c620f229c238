/**
 * Compiles a filter tree once into a predicate over a JSON log event (a CloudTrail record).
 * Semantics chosen to follow CloudWatch Logs: a selector that resolves to nothing makes every
 * comparison false (`!=` included; only `NOT EXISTS` matches absence); string comparisons use `*`
 * wildcards (in a quoted value only at its start or end; a middle `*` is literal) and also compare
 * numbers/booleans by their text; `<`/`>` compare JSON numbers only;
 * `IS NULL` needs an explicit null, `IS TRUE/FALSE` a JSON boolean; `[*]` tries every element.
 */
import { compileSegments } from '../wildcard.js';
import type { FilterNode, Selector } from './ast.js';

/** A compiled filter: true when the event matches. */
export type FilterMatcher = (event: unknown) => boolean;

const NONE: readonly unknown[] = [];

/** Values a selector reaches (several with `[*]`); empty when it reaches nothing. */
export function resolveSelector(root: unknown, selector: Selector): readonly unknown[] {
  let current: unknown[] = [root];
  for (const step of selector.steps) {
    const nextValues: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object') continue;
      if (step.kind === 'key') {
        if (!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, step.name)) nextValues.push((v as Record<string, unknown>)[step.name]);
      } else if (step.kind === 'index') {
        if (Array.isArray(v) && step.index < v.length) nextValues.push(v[step.index]);
      } else if (Array.isArray(v)) nextValues.push(...v);
      else nextValues.push(...Object.values(v));
    }
    if (nextValues.length === 0) return NONE;
    current = nextValues;
  }
  return current;
}

/** Fast path for the common `$.a.b` selector (keys only, no arrays). */
function compileResolver(selector: Selector): (root: unknown) => readonly unknown[] {
  if (!selector.steps.every((s) => s.kind === 'key')) return (root) => resolveSelector(root, selector);
  const keys = selector.steps.map((s) => (s as { name: string }).name);
  return (root) => {
    let v: unknown = root;
    for (const k of keys) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return NONE;
      const o = v as Record<string, unknown>;
      v = o[k];
      if (v === undefined && !Object.prototype.hasOwnProperty.call(o, k)) return NONE;
    }
    return [v];
  };
}

const NUMERIC: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

const scalarText = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/**
 * A quoted value's `*` is a wildcard only at its start or end; one in the middle is a literal
 * character ("Filter pattern syntax", JSON log events: `"*Trail"`, `"Update*"` match by affix).
 */
function quotedSegments(text: string): string[] {
  const lead = text.startsWith('*');
  const trail = text.length > (lead ? 1 : 0) && text.endsWith('*');
  const middle = text.slice(lead ? 1 : 0, trail ? text.length - 1 : text.length);
  return [...(lead ? [''] : []), middle, ...(trail ? [''] : [])];
}

/** Compiles a tree into a predicate. */
export function compileFilter(node: FilterNode): FilterMatcher {
  switch (node.type) {
    case 'or': {
      const items = node.items.map(compileFilter);
      return (e) => items.some((m) => m(e));
    }
    case 'and': {
      const items = node.items.map(compileFilter);
      return (e) => items.every((m) => m(e));
    }
    case 'isNull': {
      const resolve = compileResolver(node.selector);
      return (e) => resolve(e).some((v) => v === null);
    }
    case 'isBool': {
      const resolve = compileResolver(node.selector);
      const want = node.value;
      return (e) => resolve(e).some((v) => v === want);
    }
    case 'notExists': {
      const resolve = compileResolver(node.selector);
      return (e) => resolve(e).length === 0;
    }
    case 'compare': {
      const resolve = compileResolver(node.selector);
      const { op, value } = node;
      const negate = op === '!=';
      if (value.kind === 'number') {
        const f = NUMERIC[op]!;
        const text = value.text;
        return (e) =>
          resolve(e).some((v) => {
            if (typeof v === 'number') return f(v, value.value);
            if (op !== '=' && op !== '!=') return false;
            const s = scalarText(v);
            return s !== undefined && (s === text) !== negate;
          });
      }
      const match = compileSegments(value.quoted ? quotedSegments(value.text) : value.text.split('*'));
      return (e) =>
        resolve(e).some((v) => {
          const s = scalarText(v);
          return s !== undefined && match(s) !== negate;
        });
    }
  }
}
