/**
 * The authorization engine: exact AWS IAM evaluation over the typed policy AST.
 * See docs/engine.md for the flow and the three-valued (unknown-key) mode.
 */
export type * from './types.js';
export { evaluateRequest } from './evaluate.js';
export { SERVICE_RULES, type ServiceRule } from './service-rules.js';
export { grantsFullAdmin, FULL_ADMIN_PROBES } from './full-admin.js';
export { compileSnapshot } from './model.js';
export { compilePolicy, type CompiledPolicy, type CompiledStatement } from './compile.js';
export { Glob, STAR, QMARK, tokenizeGlob, compileGlob, globMatch, matchAction, type GlobToken } from './wildcard.js';
export { ArnPattern, splitArn, arnAccount } from './arn-pattern.js';
export { parseTemplate, resolveTemplate, resolveText, UNKNOWN, type ContextLookup, type TemplatePart } from './variables.js';
export { OPERATORS, findOperator, operatorFamily, operatorRestricts } from './conditions/operators.js';
export type { ConditionOperator, OperatorFamily } from './conditions/operator.js';
export { compileClause, type CompiledClause } from './conditions/clause.js';
