/** Paths of the CloudTrail corpora (see test/helpers/corpora.ts for how the folder is found). */
import { CORPORA } from '../helpers/corpora.js';

export { CORPORA };
export const STRATUS_DIR = `${CORPORA}stratus/detonation-logs`;
export const INVICTUS_DIR = `${CORPORA}invictus/CloudTrail`;
