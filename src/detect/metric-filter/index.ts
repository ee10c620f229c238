/** CloudWatch Logs JSON filter patterns: parse to a tree, compile to a predicate, index hints. */
export type { FilterNode, Selector, FilterValue, ComparisonOp } from './ast.js';
export { printFilter } from './ast.js';
export { parseFilterPattern } from './parser.js';
export { compileFilter, resolveSelector, type FilterMatcher } from './evaluate.js';
export { filterHints } from './hints.js';
export { tokenize } from './tokenizer.js';

import { compileFilter, type FilterMatcher } from './evaluate.js';
import { parseFilterPattern } from './parser.js';

/** Parses and compiles in one step. */
export function compileFilterPattern(text: string): FilterMatcher {
  return compileFilter(parseFilterPattern(text));
}
