/**
 * Azure's offline inputs (`az role assignment list`, `az role definition list`, Graph exports, ...)
 * recognised by content. Placeholder until the Azure provider lands: recognises nothing.
 */
import type { AzureSnapshot } from '../../model/azure/snapshot.js';
import type { ProviderFileReader } from '../providers/types.js';

export const azureFileReader: ProviderFileReader<'azure'> = {
  part: 'azure',
  recognise: () => false,
  read: (_value, file, current): AzureSnapshot => ({ ...(current ?? {}), sources: [...(current?.sources ?? []), file] }),
  merge: (part, file, current): AzureSnapshot => ({ ...(current ?? {}), ...part, sources: [...(current?.sources ?? []), file] }),
};
