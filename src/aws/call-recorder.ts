/**
 * Records every AWS SDK call Cordon makes, for the permissions meta-test (cloud-custodian's
 * `test_permissions` is the model): with `CORDON_RECORD_AWS_CALLS=FILE`, each call appends one JSON
 * line `{"client":"IAMClient","command":"ListRolesCommand","ok":true}` to FILE. Only names are written,
 * never inputs or outputs (they may hold secrets). It rides on the SDK's own logger hook, which the
 * logger middleware calls once per operation with the client and command names.
 */
import { appendFileSync } from 'node:fs';

/** The subset of the SDK's `Logger` interface the logger middleware calls. */
export interface SdkCallLogger {
  debug(...content: unknown[]): void;
  info(...content: unknown[]): void;
  warn(...content: unknown[]): void;
  error(...content: unknown[]): void;
}

interface LoggedCall {
  clientName?: unknown;
  commandName?: unknown;
}

/** A logger that appends each call's client and command names to `file`. */
export function callRecordingLogger(file: string): SdkCallLogger {
  const record = (ok: boolean) => (...content: unknown[]) => {
    const entry = content[0] as LoggedCall | undefined;
    if (typeof entry?.clientName !== 'string' || typeof entry.commandName !== 'string') return;
    appendFileSync(file, `${JSON.stringify({ client: entry.clientName, command: entry.commandName, ok })}\n`);
  };
  return { debug: () => {}, info: record(true), warn: () => {}, error: record(false) };
}

/** The recording logger when the environment asks for one. */
export function recorderFromEnvironment(env: NodeJS.ProcessEnv = process.env): SdkCallLogger | undefined {
  const file = env.CORDON_RECORD_AWS_CALLS;
  return file ? callRecordingLogger(file) : undefined;
}
