/**
 * How Cordon reaches Google Cloud: Application Default Credentials by default; an `endpoint`
 * (`http://127.0.0.1:PORT`) sends every call to one local stub of the REST endpoints (tests),
 * through the clients' REST transport (`fallback`) with `protocol: 'http'`.
 */
import { GoogleAuth, PassThroughClient, type AuthClient } from 'google-auth-library';

export interface GcpClientConfig {
  /** Base URL of a local stub of the Google APIs (tests); absent = the real endpoints. */
  endpoint?: string;
  /** Credentials; default: Application Default Credentials. */
  authClient?: AuthClient;
}

const SCOPES = ['https://www.googleapis.com/auth/cloud-platform'];

/** True for a loopback stub (127.0.0.1, ::1, localhost): Google's emulator convention is no credentials. */
function isLoopback(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  const host = new URL(endpoint).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/** The credentials to use: given, none for a loopback stub (google-auth-library's PassThroughClient), else ADC. */
function authFor(config: GcpClientConfig): AuthClient | undefined {
  return config.authClient ?? (isLoopback(config.endpoint) ? new PassThroughClient() : undefined);
}

/** Options for a google-gax client (e.g. `PoliciesClient`) honouring `config`. */
export function gaxOptions(config: GcpClientConfig): Record<string, unknown> {
  const authClient = authFor(config);
  const auth = authClient ? { authClient } : {};
  if (!config.endpoint) return { ...auth, fallback: true };
  const url = new URL(config.endpoint);
  return { ...auth, fallback: true, apiEndpoint: url.hostname, port: Number(url.port), protocol: url.protocol.replace(':', '') };
}

/** The base URL of a Google REST API (`https://iam.googleapis.com`), or the stub. */
export function restBase(config: GcpClientConfig, host: string): string {
  return config.endpoint ? config.endpoint.replace(/\/$/, '') : `https://${host}`;
}

/** An authorized client for plain REST calls (credentials from google-auth-library, never hand-signed). */
export async function restClient(config: GcpClientConfig): Promise<AuthClient> {
  return authFor(config) ?? (await new GoogleAuth({ scopes: SCOPES }).getClient());
}
