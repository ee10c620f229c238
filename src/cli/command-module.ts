/**
 * The shape of one CLI command file. Each file under `src/cli/commands/` exports one
 * `CommandModule`; `commands/index.ts` lists them explicitly (no registration by side effect).
 */
import type { Command } from 'commander';

export interface CommandModule {
  /** Adds the command (and its subcommands) to the program. */
  register(program: Command): void;
}

/**
 * Process exit code a command's action reports: 0 clean, 1 findings/alerts present, 2 error.
 * Actions return it; `main` turns it into the process exit code.
 */
export type ExitCode = 0 | 1 | 2;

let lastExitCode: ExitCode = 0;

/** Wraps an action so its returned exit code reaches `main`. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<ExitCode | void> | ExitCode | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const code = await fn(...args);
    lastExitCode = code ?? 0;
  };
}

/** The exit code set by the last action run. */
export function takeExitCode(): ExitCode {
  const code = lastExitCode;
  lastExitCode = 0;
  return code;
}
