/**
 * The seam through which a cloud provider's offline inputs join one `Snapshot`: each provider
 * recognises its own files by content and folds them into its part of the snapshot. AWS's readers
 * are the historical ones in `collect/files/`; Azure and GCP plug in here.
 */
import type { ValidationIssue } from '../../model/validation.js';
import type { Snapshot } from '../../model/snapshot/types.js';

/** The provider-owned parts of a snapshot (everything but AWS's accounts and organization). */
export type ProviderPart = 'azure' | 'gcp';

export interface ProviderFileReader<K extends ProviderPart = ProviderPart> {
  /** The snapshot field this provider fills. */
  part: K;
  /** True when `value` (a parsed JSON file) is one of this provider's input formats. */
  recognise(value: unknown): boolean;
  /** Folds `value` into `current` (undefined for the first file) and returns the updated part. */
  read(value: unknown, file: string, current: NonNullable<Snapshot[K]> | undefined, issues: ValidationIssue[]): NonNullable<Snapshot[K]>;
  /** Merges the part carried by a Cordon snapshot file into `current`. */
  merge(part: NonNullable<Snapshot[K]>, file: string, current: NonNullable<Snapshot[K]> | undefined, issues: ValidationIssue[]): NonNullable<Snapshot[K]>;
}
