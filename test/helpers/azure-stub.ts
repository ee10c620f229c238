/**
 * The Azure HTTPS stub of `src/sandbox/azure-stub.ts` with a certificate made by `openssl` for
 * this test run (so tests never depend on the demo's shipped certificate).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzureStub as start, type AzureStub } from '../../src/sandbox/azure-stub.js';

export type { AzureStub, StubRequest } from '../../src/sandbox/azure-stub.js';

export async function startAzureStub(): Promise<AzureStub> {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-azstub-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
    return await start({ key: readFileSync(join(dir, 'k.pem'), 'utf8'), cert: readFileSync(join(dir, 'c.pem'), 'utf8') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
