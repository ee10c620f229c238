/**
 * Builds the `cordon` command-line program: global flags (AWS CLI conventions) and every command.
 */
import { Command, Option } from 'commander';
import { createRequire } from 'node:module';
import { COMMANDS } from './commands/index.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

const EXAMPLES = `
Examples:
  $ cordon demo                                   run everything on a local sandbox
  $ cordon scan --snapshot gaad.json --output json
  $ cordon simulate --snapshot gaad.json --principal arn:aws:iam::111122223333:user/alice \\
      --action s3:GetObject --resource arn:aws:s3:::bucket/key
  $ cordon detect --cloudtrail ./AWSLogs --output table

Exit codes: 0 clean, 1 findings or alerts present, 2 usage or runtime error.
`;

/** Global options that take a value (their value is not a command name). */
const VALUE_OPTIONS = new Set(['--profile', '--region', '--endpoint-url', '--output', '--db']);

/** The command word of argv (node, script, ...args), if it names a known command. */
export function invokedCommand(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (VALUE_OPTIONS.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    // `cordon help scan` needs scan's module for its options.
    if (arg === 'help' && argv[i + 1] && !argv[i + 1]!.startsWith('-')) continue;
    return COMMANDS.some((c) => c.name === arg) ? arg : undefined;
  }
  return undefined;
}

/**
 * Creates a fresh program (a new one per run, so tests can call `main` repeatedly) with the
 * invoked command only, or every command's summary when none is named (help, unknown command).
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('cordon')
    .description('Cordon: see, find, watch, right-size, fix and contain cloud IAM identities')
    .version(version, '-V, --version', 'print the version')
    .option('--profile <name>', 'AWS named profile (default credential chain otherwise)')
    .option('--region <region>', 'AWS region')
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (e.g. the sandbox)')
    .addOption(new Option('--output <format>', 'output format: json|table|sarif|html|cli (files are written with --out)'))
    .option('--db <path|url>', 'store: SQLite file (default ./.cordon/cordon.db) or postgres://...')
    .option('--quiet', 'no progress or informational messages on stderr')
    // Each command's --help also lists the global flags it honours (inherited by every subcommand).
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', EXAMPLES);
  const name = invokedCommand(argv);
  if (name) for (const entry of COMMANDS.filter((c) => c.name === name)) (await entry.load()).register(program);
  // No command named (help, unknown word): list the summaries without loading any module, so
  // `cordon --help` starts in a fraction of a second.
  else for (const entry of COMMANDS) program.command(entry.name).description(entry.summary).allowUnknownOption().helpOption(false);
  return program;
}
