/**
 * `useMoto()` without AWS-managed policies: containment tests only use customer policies, and
 * moto loads (and on every reset reloads) ~1,500 managed policies otherwise, which costs seconds.
 */
import { after, before } from 'node:test';
import { startMoto } from '../../../src/sandbox/moto.js';
import { sdkClientConfig } from '../../../src/aws/client-config.js';
import { useFakeAwsCredentials, type MotoHandle } from '../../helpers/moto.js';

/** Starts a managed-policy-free moto for this test file. */
export function useLightMoto(): MotoHandle {
  const handle = {} as MotoHandle;
  useFakeAwsCredentials();
  before(async () => {
    handle.sandbox = await startMoto({ loadManagedPolicies: false });
    handle.endpoint = handle.sandbox.endpoint;
    handle.config = sdkClientConfig({ endpointUrl: handle.endpoint, region: 'us-east-1' });
  });
  after(async () => {
    await handle.sandbox?.stop();
  });
  return handle;
}
