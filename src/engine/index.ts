/**
 * The authorization engine: exact AWS IAM evaluation over the typed policy AST.
 * See docs/engine.md for the flow and the three-valued (unknown-key) mode.
 */
export type * from './types.js';
export { evaluateRequest } from './evaluate.js';
export { compileSnapshot } from './model.js';
