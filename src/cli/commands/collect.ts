/**
 * `cordon collect`: reads the account behind the current credentials (`--profile`, env, SSO,
 * instance role; `--endpoint-url` for the sandbox) into a Cordon snapshot file that `cordon scan
 * --snapshot` reads back. `--output` is the snapshot FILE here (stdout when absent).
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { collectAccount } from '../../collect/live/collect-account.js';
import { UsageError } from '../../model/errors.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions } from '../context.js';
import { info, warn } from '../output.js';
import { terminalProgress } from '../progress.js';

export const collectCommand: CommandModule = {
  register(program: Command) {
    program
      .command('collect')
      .description('collect a live account (IAM, S3, KMS) into a snapshot file through the AWS SDK')
      .option('--concurrency <n>', 'parallel API calls', '8')
      .option('--role-name <name>', 'organization mode: role to assume in each member account (not available yet)')
      .option('--accounts <all|ids>', 'organization mode: accounts to collect (not available yet)')
      .addHelpText('after', '\nExamples:\n  $ cordon collect --profile audit --output snapshot.json\n  $ cordon collect --endpoint-url http://127.0.0.1:5000 --output s.json && cordon scan --snapshot s.json\n')
      .action(
        action(async (flags: { concurrency: string; roleName?: string; accounts?: string }, cmd: Command) => {
          const opts = globalOptions(cmd);
          if (flags.roleName || flags.accounts) throw new UsageError('organization mode (--role-name/--accounts) is not available yet: collect each account with its own --profile and pass all files to `cordon scan`');
          const concurrency = Number(flags.concurrency);
          if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`--concurrency must be 1-64, got \`${flags.concurrency}\``);
          const snapshot = await collectAccount({ profile: opts.profile, region: opts.region, endpointUrl: opts.endpointUrl }, { concurrency, progress: terminalProgress(opts.quiet) });
          const text = `${JSON.stringify(snapshot, null, 2)}\n`;
          if (opts.output && opts.output !== '-') writeFileSync(opts.output, text);
          else process.stdout.write(text);
          const a = snapshot.accounts[0]!;
          info(`collected account ${a.accountId}: ${a.users.length} users, ${a.groups.length} groups, ${a.roles.length} roles, ${a.policies.length} policies, ${a.resources.length} resources${opts.output ? ` → ${opts.output}` : ''}`, opts.quiet);
          if (snapshot.warnings.length) warn(`${snapshot.warnings.length} item(s) could not be read completely; see "warnings" in the snapshot`);
          return 0 as const;
        }),
      );
  },
};
