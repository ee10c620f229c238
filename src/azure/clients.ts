/**
 * Azure SDK plumbing shared by Cordon's Azure adapters: the credential chain Azure users expect
 * (`DefaultAzureCredential`: environment, workload identity, managed identity, Azure CLI, ...),
 * and endpoint/TLS overrides so tests can point the real SDK at a local HTTPS stub (the SDK's
 * bearer-token policy refuses plain HTTP). This folder is the only place importing `@azure/*`.
 */
import { DefaultAzureCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';

export interface AzureConnection {
  /** Default: `DefaultAzureCredential`. */
  credential?: TokenCredential;
  /** ARM endpoint (default `https://management.azure.com`). */
  armEndpoint?: string;
  /** Microsoft Graph endpoint (default `https://graph.microsoft.com`). */
  graphEndpoint?: string;
  /** Extra trusted CA (PEM) for a local stub. */
  ca?: string;
}

export const ARM_ENDPOINT = 'https://management.azure.com';
export const GRAPH_ENDPOINT = 'https://graph.microsoft.com';

export function credentialOf(c: AzureConnection): TokenCredential {
  return c.credential ?? new DefaultAzureCredential();
}

export function tlsOf(c: AzureConnection): { tlsOptions?: { ca: string } } {
  return c.ca ? { tlsOptions: { ca: c.ca } } : {};
}
