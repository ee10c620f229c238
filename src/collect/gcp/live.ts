/**
 * Live GCP collection: the adapter (`src/gcp/collector.ts`) reads through Google's clients, this
 * folds every answer with the same reader the export files use, so a live snapshot and one built
 * from gcloud files are the same model.
 */
import type { GcpSnapshot } from '../../model/gcp/snapshot.js';
import { emptyGcpSnapshot } from '../../model/gcp/snapshot.js';
import type { ValidationIssue } from '../../model/validation.js';
import { readGcpExports, type GcpCollectOptions } from '../../gcp/collector.js';
import type { GcpClientConfig } from '../../gcp/client-config.js';
import { gcpFileReader } from './files.js';

/** Collects the GCP part of a snapshot and the problems met. */
export async function collectGcp(config: GcpClientConfig, options: GcpCollectOptions): Promise<{ gcp: GcpSnapshot; issues: ValidationIssue[] }> {
  const issues: ValidationIssue[] = [];
  let part = emptyGcpSnapshot();
  const readIssues = await readGcpExports(config, options, ({ value, source }) => {
    part = gcpFileReader.read(value, source, part, issues);
    return {
      hierarchy: part.nodes.map((n) => n.name).filter((n) => /^\/\/cloudresourcemanager\.googleapis\.com\/(organizations|folders|projects)\/[^/]+$/.test(n)),
      roles: [...new Set(part.allowPolicies.flatMap((p) => p.bindings.map((b) => b.role)))],
    };
  });
  part.sources = [`live:gcp:${options.scope}`];
  return { gcp: part, issues: [...issues, ...readIssues] };
}
