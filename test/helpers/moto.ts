/**
 * Integration-test access to the AWS sandbox: starts one `moto_server` per test file, sets fake
 * credentials for the SDK, and stops it by PID when the file is done.
 */
import { after, before } from 'node:test';
import { startMoto, type MotoSandbox } from '../../src/sandbox/moto.js';
import { sdkClientConfig, type SdkClientConfig } from '../../src/aws/client-config.js';

/** Fake credentials moto accepts (any value works while auth is off). */
export function useFakeAwsCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  process.env.AWS_SESSION_TOKEN = 'testing';
  process.env.AWS_REGION = 'us-east-1';
  delete process.env.AWS_PROFILE;
}

/** The sandbox of the current test file, filled in by `useMoto()`'s `before` hook. */
export interface MotoHandle {
  sandbox: MotoSandbox;
  endpoint: string;
  /** SDK client settings pointed at the sandbox. */
  config: SdkClientConfig;
}

/**
 * Registers before/after hooks that start and stop a sandbox for this test file. Read the
 * handle's fields inside tests (they are set once `before` has run).
 */
export function useMoto(): MotoHandle {
  const handle = {} as MotoHandle;
  useFakeAwsCredentials();
  before(async () => {
    handle.sandbox = await startMoto();
    handle.endpoint = handle.sandbox.endpoint;
    handle.config = sdkClientConfig({ endpointUrl: handle.endpoint, region: 'us-east-1' });
  });
  after(async () => {
    await handle.sandbox?.stop();
  });
  return handle;
}
