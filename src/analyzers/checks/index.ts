/** Custom policy checks for CI pipelines, with Access Analyzer's semantics (PASS/FAIL and reasons). */
export * from './types.js';
export { checkNoNewAccess, statementActions } from './no-new-access.js';
export { checkAccessNotGranted } from './access-not-granted.js';
export { checkNoPublicAccess } from './no-public-access.js';
export { globIncludes } from './glob-inclusion.js';
