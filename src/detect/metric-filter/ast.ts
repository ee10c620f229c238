/**
 * The typed tree of a CloudWatch Logs JSON filter pattern (`{ $.a = "x" && ($.b > 1 || $.c NOT EXISTS) }`).
 * Every node carries the 1-based column where it starts, for error messages and explanations.
 */

/** One step of a selector: a property name, an array index, or `[*]` (any element). */
export type SelectorStep = { kind: 'key'; name: string } | { kind: 'index'; index: number } | { kind: 'any' };

/** `$.a.b[0]` parsed. */
export interface Selector {
  text: string;
  steps: SelectorStep[];
}

/** Comparison operators. */
export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A value on the right of a comparison: a string (quoted or bare, `*` is a wildcard) or a number. */
export type FilterValue = { kind: 'string'; text: string; quoted: boolean } | { kind: 'number'; value: number; text: string };

export type FilterNode =
  | { type: 'or'; items: FilterNode[]; column: number }
  | { type: 'and'; items: FilterNode[]; column: number }
  | { type: 'compare'; selector: Selector; op: ComparisonOp; value: FilterValue; column: number }
  | { type: 'isNull'; selector: Selector; column: number }
  | { type: 'isBool'; selector: Selector; value: boolean; column: number }
  | { type: 'notExists'; selector: Selector; column: number };

/** Prints a node back in CloudWatch syntax, with explicit parentheses (shows how precedence grouped it). */
export function printFilter(node: FilterNode): string {
  switch (node.type) {
    case 'or':
      return `(${node.items.map(printFilter).join(' || ')})`;
    case 'and':
      return `(${node.items.map(printFilter).join(' && ')})`;
    case 'compare':
      return `${node.selector.text} ${node.op} ${node.value.kind === 'string' && node.value.quoted ? JSON.stringify(node.value.text) : node.value.text}`;
    case 'isNull':
      return `${node.selector.text} IS NULL`;
    case 'isBool':
      return `${node.selector.text} IS ${node.value ? 'TRUE' : 'FALSE'}`;
    case 'notExists':
      return `${node.selector.text} NOT EXISTS`;
  }
}
