/** Building snapshots: from files (GAAD, resources, org tree, Cordon snapshots). */
export { loadSnapshotFiles, type LoadOptions, type LoadResult } from './files/load.js';
export { parseJsonText, readJsonFile } from './files/read-json.js';
