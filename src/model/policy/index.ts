/** Policy model: the typed AST, its parser and its printer. */
export type * from './ast.js';
export { parsePolicy, decodePolicyText, splitOperator, pointerToken, readStringsLenient, readConditionsLenient, type PolicyMeta } from './parse.js';
export { printPolicy } from './print.js';
export { readPolicySource, lineIndex, type PolicySource, type SourcePosition, type SourceObject, type SourceSyntaxError, type LineIndex } from './source.js';
