/**
 * GCP's offline inputs (`gcloud asset search-all-iam-policies`, role definitions, deny policies, ...)
 * recognised by content. Placeholder until the GCP provider lands: recognises nothing.
 */
import type { GcpSnapshot } from '../../model/gcp/snapshot.js';
import type { ProviderFileReader } from '../providers/types.js';

export const gcpFileReader: ProviderFileReader<'gcp'> = {
  part: 'gcp',
  recognise: () => false,
  read: (_value, file, current): GcpSnapshot => ({ ...(current ?? {}), sources: [...(current?.sources ?? []), file] }),
  merge: (part, file, current): GcpSnapshot => ({ ...(current ?? {}), ...part, sources: [...(current?.sources ?? []), file] }),
};
