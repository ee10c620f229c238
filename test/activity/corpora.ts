/** Paths of the shared corpora, relative to this repository (CI clones `shared/` beside it). */
import { fileURLToPath } from 'node:url';

export const CORPORA = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));
export const STRATUS_DIR = `${CORPORA}stratus/detonation-logs`;
export const INVICTUS_DIR = `${CORPORA}invictus/CloudTrail`;
