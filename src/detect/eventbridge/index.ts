/** EventBridge event patterns: compile once, match many; index hints for rule sets. */
export { compileEventPattern, type EventMatcher } from './compile.js';
export { eventPatternHints, sourceToEventSource, type IndexHints } from './hints.js';
export { CONTENT_OPERATORS, type ContentOperator } from './operators.js';
export { cloudTrailEnvelope } from './envelope.js';
