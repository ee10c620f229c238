/**
 * Azure's part of a `Snapshot`: what the Azure provider's loaders and collector produce and its
 * engine and analyzers read. Filled in by the Azure provider (issue 20); the core only carries it.
 */
export interface AzureSnapshot {
  /** Files or `live:` sources this part was read from. */
  sources: string[];
  /** Provider-owned data; the Azure model defines its shape. */
  [key: string]: unknown;
}
