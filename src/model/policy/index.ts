/** Policy model: the typed AST, its parser and its printer. */
export type * from './ast.js';
export { parsePolicy, decodePolicyText, splitOperator, pointerToken, type PolicyMeta } from './parse.js';
export { printPolicy } from './print.js';
