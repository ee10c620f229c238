/**
 * Global flags shared by every command (AWS CLI conventions) and the small helpers commands use
 * to read them. Commands get these through `globalOptions(command)`.
 */
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';

/** Flags accepted by every command, before or after the command name. */
export interface GlobalOptions {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  /** Output format (json, table, sarif, html, cli) or, for `collect`, a file path. */
  output?: string;
  db?: string;
  quiet?: boolean;
}

/** Reads the global flags as seen by `command` (its own options merged with the program's). */
export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** Output formats a command may accept. */
export type OutputFormat = 'json' | 'table' | 'sarif' | 'html' | 'cli';

/**
 * Validates `--output` against the formats a command supports and returns the one to use.
 * An unsupported value is a usage error (exit 2) naming the accepted values.
 */
export function outputFormat<T extends OutputFormat>(opts: GlobalOptions, allowed: readonly T[], fallback: T): T {
  const value = opts.output ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--output must be one of ${allowed.join('|')}, got \`${value}\``);
  }
  return value as T;
}
