/**
 * `cordon archive-rules create|list|show|update|delete|apply`: Access Analyzer-style archive rules
 * (docs/archive-rules.md). `--filter` takes JSON text or `file://PATH`, as the AWS CLI does.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { printJson, printTable } from '../output.js';
import { InputError, NotFoundError } from '../../model/errors.js';
import { withStore } from '../../store/index.js';
import type { ArchiveRule } from '../../store/index.js';
import { cliActor } from './findings.js';

/** `--filter` value: JSON text, or `file://PATH` holding it. */
function filterText(value: string): string {
  if (!value.startsWith('file://')) return value;
  const file = value.slice('file://'.length);
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read filter: ${(err as Error).message}`, { file });
  }
}

const COLUMNS = [
  { header: 'NAME', cell: (r: ArchiveRule) => r.name },
  { header: 'FILTER', cell: (r: ArchiveRule) => JSON.stringify(r.filter), maxWidth: 100 },
  { header: 'UPDATED', cell: (r: ArchiveRule) => r.updatedAt },
];

const EXAMPLES = `
Examples:
  $ cordon archive-rules create trusted-auditor --filter '{"principal.AWS":{"eq":["111122223333"]},"isPublic":{"eq":["false"]}}'
  $ cordon archive-rules create low-noise --filter file://rule.json
  $ cordon archive-rules list --output json
  $ cordon archive-rules apply trusted-auditor
  $ cordon archive-rules delete trusted-auditor
`;

function register(program: Command): void {
  const rules = program.command('archive-rules').description('archive rules: Access Analyzer filters that archive matching findings').addHelpText('after', EXAMPLES);
  const format = (cmd: Command) => outputFormat(globalOptions(cmd), ['table', 'json'] as const, 'table');
  const show = (rule: ArchiveRule, cmd: Command) => (format(cmd) === 'json' ? printJson({ archiveRule: rule }) : printTable([rule], COLUMNS));

  rules
    .command('create <name>')
    .description('create a rule; new findings matching it are archived on arrival')
    .requiredOption('--filter <json>', 'Access Analyzer filter JSON, or file://PATH')
    .option('--description <text>', 'what the rule is for')
    .addHelpText('after', EXAMPLES)
    .action(
      action(async (name: string, opts: { filter: string; description?: string }, cmd: Command) => {
        const rule = await withStore(globalOptions(cmd).db, (s) => s.archiveRules.create({ name, filter: filterText(opts.filter), description: opts.description }, { actor: cliActor() }));
        show(rule, cmd);
      }),
    );

  rules
    .command('update <name>')
    .description("replace a rule's filter")
    .requiredOption('--filter <json>', 'Access Analyzer filter JSON, or file://PATH')
    .option('--description <text>', 'what the rule is for')
    .addHelpText('after', `\nExamples:\n  $ cordon archive-rules update trusted-auditor --filter '{"principal.AWS":{"eq":["111122223333","444455556666"]}}'\n`)
    .action(
      action(async (name: string, opts: { filter: string; description?: string }, cmd: Command) => {
        const rule = await withStore(globalOptions(cmd).db, (s) => s.archiveRules.update(name, { filter: filterText(opts.filter), description: opts.description }, { actor: cliActor() }));
        show(rule, cmd);
      }),
    );

  rules
    .command('list')
    .description('list archive rules')
    .addHelpText('after', '\nExamples:\n  $ cordon archive-rules list --output json\n')
    .action(
      action(async (_opts: unknown, cmd: Command) => {
        const list = await withStore(globalOptions(cmd).db, (s) => s.archiveRules.list());
        if (format(cmd) === 'json') printJson({ archiveRules: list });
        else printTable(list, COLUMNS);
      }),
    );

  rules
    .command('show <name>')
    .description('show one archive rule')
    .addHelpText('after', '\nExamples:\n  $ cordon archive-rules show trusted-auditor\n')
    .action(
      action(async (name: string, _opts: unknown, cmd: Command) => {
        const rule = await withStore(globalOptions(cmd).db, (s) => s.archiveRules.get(name));
        if (!rule) throw new NotFoundError('archive rule', name);
        show(rule, cmd);
      }),
    );

  rules
    .command('delete <name>')
    .description('delete an archive rule (findings it archived stay archived)')
    .addHelpText('after', '\nExamples:\n  $ cordon archive-rules delete trusted-auditor\n')
    .action(
      action(async (name: string, _opts: unknown, cmd: Command) => {
        await withStore(globalOptions(cmd).db, (s) => s.archiveRules.delete(name, { actor: cliActor() }));
        if (format(cmd) === 'json') printJson({ deleted: name });
        else process.stdout.write(`deleted ${name}\n`);
      }),
    );

  rules
    .command('apply <name>')
    .description('archive every ACTIVE finding the rule matches (retroactive, like ApplyArchiveRule)')
    .addHelpText('after', '\nExamples:\n  $ cordon archive-rules apply trusted-auditor --output json\n')
    .action(
      action(async (name: string, _opts: unknown, cmd: Command) => {
        const result = await withStore(globalOptions(cmd).db, (s) => s.archiveRules.apply(name, { actor: cliActor() }));
        if (format(cmd) === 'json') printJson({ rule: name, archived: result.archived });
        else process.stdout.write(`${name}: archived ${result.archived.length} finding(s)${result.archived.length ? `\n${result.archived.join('\n')}` : ''}\n`);
      }),
    );
}

/** The `archive-rules` command group. */
export const archiveRulesCommand: CommandModule = { register };
