/**
 * Index hints of a filter tree: the eventNames/eventSources an event must have for the pattern to
 * possibly match, read from `$.eventName = Literal` comparisons (no wildcard) under `||`/`&&`.
 */
import type { IndexHints } from '../eventbridge/hints.js';
import type { FilterNode } from './ast.js';

function literalSet(node: FilterNode, field: string): Set<string> | undefined {
  switch (node.type) {
    case 'compare':
      return node.op === '=' && node.selector.text === `$.${field}` && node.value.kind === 'string' && !node.value.text.includes('*') ? new Set([node.value.text]) : undefined;
    case 'or': {
      // Every alternative must constrain the field, or some event could match without it.
      const out = new Set<string>();
      for (const item of node.items) {
        const s = literalSet(item, field);
        if (!s) return undefined;
        for (const v of s) out.add(v);
      }
      return out;
    }
    case 'and': {
      // One constrained conjunct is enough (a necessary condition).
      for (const item of node.items) {
        const s = literalSet(item, field);
        if (s) return s;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Hints of a parsed filter. */
export function filterHints(node: FilterNode): IndexHints {
  const hints: { eventNames?: Set<string>; eventSources?: Set<string> } = {};
  const names = literalSet(node, 'eventName');
  if (names) hints.eventNames = names;
  const sources = literalSet(node, 'eventSource');
  if (sources) hints.eventSources = sources;
  return hints;
}
