/** Snapshot → AuthorizationModel (stub until implemented). */
import type { Snapshot } from '../model/snapshot/types.js';
import type { AuthorizationModel } from './types.js';

/** Compiles every policy of a snapshot once, for fast repeated evaluation. */
export function compileSnapshot(_snapshot: Snapshot): AuthorizationModel {
  throw new Error('not implemented yet');
}
