/**
 * Every provider's file reader, listed explicitly (no registration by import side effects).
 * `loadSnapshotFiles` asks them in this order after AWS's own formats.
 */
import { azureFileReader } from '../azure/files.js';
import { gcpFileReader } from '../gcp/files.js';
import type { ProviderFileReader } from './types.js';

export const PROVIDER_FILE_READERS: readonly ProviderFileReader[] = [azureFileReader, gcpFileReader];
export type { ProviderFileReader, ProviderPart } from './types.js';
