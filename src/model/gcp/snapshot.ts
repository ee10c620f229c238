/**
 * GCP's part of a `Snapshot`: what the GCP provider's loaders and collector produce and its engine
 * and analyzers read. Filled in by the GCP provider (issue 21); the core only carries it.
 */
export interface GcpSnapshot {
  /** Files or `live:` sources this part was read from. */
  sources: string[];
  /** Provider-owned data; the GCP model defines its shape. */
  [key: string]: unknown;
}
