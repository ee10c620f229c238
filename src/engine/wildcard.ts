/**
 * Wildcard matching for the engine. The matcher itself lives in `model/policy/glob.ts` so the
 * catalog (a layer above the engine) can expand action patterns with the same code; see that file
 * for the algorithm and its linear-time proof.
 */
export { Glob, STAR, QMARK, tokenizeGlob, compileGlob, globMatch, matchAction, type GlobToken } from '../model/policy/glob.js';
