/**
 * Runs the CLI: parses arguments, runs the command, and maps every outcome to an exit code
 * (0 clean, 1 findings/alerts, 2 usage or runtime error). Errors are printed as one line, or as
 * the JSON envelope `{code, message, errors}` on stdout with `--output json`.
 */
import { type Command, CommanderError } from 'commander';
import { asCordonError, UsageError } from '../model/errors.js';
import { takeExitCode } from './command-module.js';
import { buildProgram } from './program.js';

/** Runs `cordon` with a full argv (node, script, ...args) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = await buildProgram(argv);
  const wantsJson = jsonRequested(argv);
  quietCommander(program);
  try {
    await program.parseAsync([...argv]);
    return takeExitCode();
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with code 0.
      if (err.exitCode === 0) return 0;
      const usage = new UsageError(err.message.replace(/^error: /, ''));
      if (wantsJson) printEnvelope(usage);
      else process.stderr.write(`cordon: usage: ${usage.message} (see \`cordon --help\`)\n`);
      return 2;
    }
    const error = asCordonError(err);
    if (wantsJson) printEnvelope(error);
    else process.stderr.write(`cordon: ${error.code}: ${error.message}\n`);
    if (error.code === 'internal' && process.env.CORDON_DEBUG) console.error(err);
    return 2;
  }
}

/** Commander's own usage errors are printed by `main` as one line, like every other error. */
function quietCommander(command: Command): void {
  command.exitOverride();
  command.configureOutput({ outputError: () => {} });
  for (const sub of command.commands) quietCommander(sub);
}

function printEnvelope(error: { toEnvelope(): unknown }): void {
  process.stdout.write(`${JSON.stringify(error.toEnvelope())}\n`);
}

function jsonRequested(argv: readonly string[]): boolean {
  const i = argv.indexOf('--output');
  return (i >= 0 && argv[i + 1] === 'json') || argv.includes('--output=json');
}
