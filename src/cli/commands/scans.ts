/**
 * `cordon scans list|show`: recorded scans (time, scope, inputs, versions, lifecycle counts).
 */
import type { Command } from 'commander';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { info, printJson, printTable } from '../output.js';
import { NotFoundError } from '../../model/errors.js';
import { withStore } from '../../store/index.js';
import type { ScanRecord } from '../../store/index.js';
import { parseMaxItems } from './findings.js';

const COLUMNS = [
  { header: 'ID', cell: (s: ScanRecord) => s.id },
  { header: 'STARTED', cell: (s: ScanRecord) => s.startedAt },
  { header: 'SCOPE', cell: (s: ScanRecord) => s.scope, maxWidth: 40 },
  { header: 'TOTAL', cell: (s: ScanRecord) => s.counts.total },
  { header: 'NEW', cell: (s: ScanRecord) => s.counts.created },
  { header: 'UPDATED', cell: (s: ScanRecord) => s.counts.updated },
  { header: 'RESOLVED', cell: (s: ScanRecord) => s.counts.resolved },
  { header: 'REOPENED', cell: (s: ScanRecord) => s.counts.reopened },
  { header: 'ARCHIVED', cell: (s: ScanRecord) => s.counts.archivedOnArrival },
];

function register(program: Command): void {
  const scans = program.command('scans').description('list and show recorded scans');

  scans
    .command('list')
    .description('list recorded scans, newest first')
    .option('--scope <scope>', 'only scans of this scope')
    .option('--max-items <n>', 'return at most n scans and a nextToken', '100')
    .option('--starting-token <token>', 'continue from a nextToken')
    .addHelpText('after', '\nExamples:\n  $ cordon scans list\n  $ cordon scans list --scope accounts:111122223333 --output json\n')
    .action(
      action(async (opts: { scope?: string; maxItems?: string; startingToken?: string }, cmd: Command) => {
        const g = globalOptions(cmd);
        const format = outputFormat(g, ['table', 'json'] as const, 'table');
        const page = await withStore(g.db, (store) => store.scans.list({ scope: opts.scope, limit: parseMaxItems(opts.maxItems), cursor: opts.startingToken }));
        if (format === 'json') printJson(page.nextCursor ? { scans: page.items, nextToken: page.nextCursor } : { scans: page.items });
        else {
          printTable(page.items, COLUMNS);
          if (page.nextCursor) info(`more: --starting-token ${page.nextCursor}`, g.quiet);
        }
      }),
    );

  scans
    .command('show <id>')
    .description('show one scan and the finding changes it made')
    .addHelpText('after', '\nExamples:\n  $ cordon scans show 20261123T002758Z1a2b3c4d --output json\n')
    .action(
      action(async (id: string, _opts: unknown, cmd: Command) => {
        const g = globalOptions(cmd);
        const format = outputFormat(g, ['table', 'json'] as const, 'table');
        const { scan, changes } = await withStore(g.db, async (store) => {
          const scan = await store.scans.get(id);
          if (!scan) throw new NotFoundError('scan', id);
          return { scan, changes: await store.scans.changes(id) };
        });
        if (format === 'json') printJson({ scan, changes });
        else {
          printTable([scan], COLUMNS);
          process.stdout.write('\nChanges:\n');
          printTable(changes, [
            { header: 'FINDING', cell: (e) => e.findingId },
            { header: 'CHANGE', cell: (e) => e.change },
            { header: 'STATUS', cell: (e) => `${e.from ?? '-'} -> ${e.to}` },
            { header: 'RULE', cell: (e) => e.ruleName ?? '' },
          ]);
        }
      }),
    );
}

/** The `scans` command group. */
export const scansCommand: CommandModule = { register };
