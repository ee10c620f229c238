/**
 * Configuration shared by every AWS SDK v3 client Cordon creates: credentials from the default
 * provider chain (or `--profile`), `--region`, `--endpoint-url`, and adaptive retry on throttling.
 */
import { fromIni } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { recorderFromEnvironment, type SdkCallLogger } from './call-recorder.js';

/** What the CLI's global flags say about reaching AWS. */
export interface AwsTarget {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  /** Explicit credentials (organization mode: the role assumed in a member account). */
  credentials?: AwsCredentialIdentity;
}

/** Settings accepted by every `@aws-sdk/client-*` constructor that Cordon uses. */
export interface SdkClientConfig {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  retryMode: 'adaptive';
  maxAttempts: number;
  /** S3 only: path-style addressing, needed for endpoints like the sandbox. */
  forcePathStyle?: boolean;
  /** Only with `CORDON_RECORD_AWS_CALLS` (the permissions meta-test): records each call's name. */
  logger?: SdkCallLogger;
}

/** Builds client settings from the global flags; the SDK's own chain fills what is not given. */
export function sdkClientConfig(target: AwsTarget = {}): SdkClientConfig {
  const region = target.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const config: SdkClientConfig = { region, retryMode: 'adaptive', maxAttempts: 8 };
  if (target.credentials) config.credentials = target.credentials;
  else if (target.profile) config.credentials = fromIni({ profile: target.profile });
  const recorder = recorderFromEnvironment();
  if (recorder) config.logger = recorder;
  if (target.endpointUrl) {
    config.endpoint = target.endpointUrl;
    config.forcePathStyle = true;
  }
  return config;
}
