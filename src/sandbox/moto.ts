/**
 * Starts and stops `moto_server`, the AWS emulator Cordon uses as its local sandbox (demo,
 * rehearsals, integration tests). One process per sandbox, on a free loopback port, stopped by PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { MissingDependencyError, CordonError } from '../model/errors.js';

/** A running sandbox. */
export interface MotoSandbox {
  /** `http://127.0.0.1:PORT` — pass as `--endpoint-url`. */
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** Wipes all emulated state (`POST /moto-api/reset`). */
  reset(): Promise<void>;
  /** Turns request authentication on: from now on, signatures and IAM policies are checked. */
  enableAuth(): Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL after 3 s). Safe to call twice. */
  stop(): Promise<void>;
}

export interface MotoOptions {
  /** Port to use; a free one is chosen when absent. */
  port?: number;
  /** Load AWS-managed policies so `arn:aws:iam::aws:policy/*` can be attached (default true). */
  loadManagedPolicies?: boolean;
  /** How long to wait for the server to answer (default 30 s). */
  readyTimeoutMs?: number;
  /** Executable (default `moto_server` on PATH). */
  command?: string;
}

const INSTALL_HINT = "moto_server not found: install it with `pip install 'moto[server]'`";

/** Finds a free TCP port on 127.0.0.1. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `moto_server` and resolves once it answers on `/moto-api/`. */
export async function startMoto(options: MotoOptions = {}): Promise<MotoSandbox> {
  const port = options.port ?? (await freeLoopbackPort());
  const endpoint = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  // INVARIANT: MOTO_ACCOUNT_ID must stay unset; it breaks cross-account AssumeRole (shared/MOTO.md).
  delete env.MOTO_ACCOUNT_ID;
  if (options.loadManagedPolicies !== false) env.MOTO_IAM_LOAD_MANAGED_POLICIES = 'true';
  // moto otherwise owns ~1,100 default AMI snapshots in the default account, which every collection
  // would read one DescribeSnapshotAttribute at a time; a real account has only its own.
  env.MOTO_EC2_LOAD_DEFAULT_AMIS ??= 'false';
  const child = spawn(options.command ?? 'moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ENOENT' ? new MissingDependencyError(INSTALL_HINT) : err);
    });
    child.once('exit', (code) => {
      const missing = code === 127 || /No such file|not found/i.test(stderr);
      reject(missing ? new MissingDependencyError(INSTALL_HINT) : new CordonError('sandbox_failed', `moto_server exited with code ${code}: ${stderr.trim().slice(-500)}`));
    });
  });
  try {
    await Promise.race([waitUntilReady(endpoint, options.readyTimeoutMs ?? 30_000), spawnError]);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  spawnError.catch(() => {});
  return {
    endpoint,
    port,
    pid: child.pid!,
    reset: () => post(`${endpoint}/moto-api/reset`),
    enableAuth: () => post(`${endpoint}/moto-api/reset-auth`, '0'),
    stop: () => stopChild(child),
  };
}

async function waitUntilReady(endpoint: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new CordonError('sandbox_failed', `moto_server did not answer on ${endpoint} within ${timeoutMs} ms`);
}

async function post(url: string, body?: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', body, headers: body ? { 'Content-Type': 'text/plain' } : {} });
  if (!res.ok) throw new CordonError('sandbox_failed', `POST ${url} answered ${res.status}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
