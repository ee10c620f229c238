/**
 * `cordon collect`: reads the account behind the current credentials (`--profile`, env, SSO,
 * instance role; `--endpoint-url` for the sandbox) into a Cordon snapshot file that `cordon scan
 * --snapshot` reads back, written to `--out FILE` (stdout when absent; `--output` is the format, json). Organization
 * mode (`--accounts all|ID,...`) reads the organization and assumes `--role-name` in each member.
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { collectAccount } from '../../collect/live/collect-account.js';
import { collectOrganization } from '../../collect/live/collect-org.js';
import { UsageError } from '../../model/errors.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { info, warn } from '../output.js';
import { terminalProgress } from '../progress.js';

export const collectCommand: CommandModule = {
  register(program: Command) {
    program
      .command('collect')
      .description('collect a live account or organization (IAM, SCPs/RCPs, resource policies) into a snapshot file through the AWS SDK')
      .option('--concurrency <n>', 'parallel API calls', '8')
      .option('--role-name <name>', 'organization mode: role to assume in each member account', 'OrganizationAccountAccessRole')
      .option('--accounts <all|ids>', 'organization mode: `all` ACTIVE accounts, or comma-separated account ids')
      .option('--out <file>', 'write the snapshot to FILE (default: stdout)')
      .option('--cloud <cloud>', 'aws (default), azure or gcp')
      .option('--subscription <id>', 'Azure: subscription to collect (with --cloud azure)')
      .option('--management-group <id>', 'Azure: management group to collect (with --cloud azure)')
      .option('--organization <number>', 'GCP: organization to collect (with --cloud gcp)')
      .option('--folder <number>', 'GCP: folder to collect (with --cloud gcp)')
      .option('--project <id>', 'GCP: project to collect (with --cloud gcp)')
      .addHelpText('after', '\nExamples:\n  $ cordon collect --profile audit --out snapshot.json\n  $ cordon collect --profile org-mgmt --accounts all --role-name OrganizationAccountAccessRole --out org.json\n  $ cordon collect --endpoint-url http://127.0.0.1:5000 --out s.json && cordon scan --snapshot s.json\n  $ cordon collect --cloud gcp --organization 123456789012 --out gcp.json\n')
      .action(
        action(async (flags: { concurrency: string; roleName?: string; accounts?: string; out?: string; cloud?: string; organization?: string; folder?: string; project?: string; subscription?: string; managementGroup?: string }, cmd: Command) => {
          const opts = globalOptions(cmd);
          if (flags.cloud === 'azure') return (await import('./azure-collect.js')).collectAzureCommand(flags, opts);
          if (flags.cloud === 'gcp') return (await import('./gcp-collect.js')).collectGcpCommand(flags, opts);
          if (flags.cloud !== undefined && flags.cloud !== 'aws') throw new UsageError(`--cloud must be aws, azure or gcp, got \`${flags.cloud}\``);
          if (opts.output && opts.output !== 'json') throw new UsageError(`--output is a format (json); write the snapshot to a file with \`--out ${opts.output}\``);
          outputFormat(opts, ['json'], 'json');
          const concurrency = Number(flags.concurrency);
          if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`--concurrency must be 1-64, got \`${flags.concurrency}\``);
          const target = { profile: opts.profile, region: opts.region, endpointUrl: opts.endpointUrl };
          const accounts = flags.accounts === undefined ? undefined : parseAccounts(flags.accounts);
          const progress = terminalProgress(opts.quiet);
          const snapshot = accounts
            ? await collectOrganization(target, { concurrency, progress, roleName: flags.roleName!, accounts })
            : await collectAccount(target, { concurrency, progress });
          const text = `${JSON.stringify(snapshot, null, 2)}\n`;
          const out = flags.out && flags.out !== '-' ? flags.out : undefined;
          if (out) writeFileSync(out, text);
          else process.stdout.write(text);
          for (const a of snapshot.accounts) info(`collected account ${a.accountId}: ${a.users.length} users, ${a.groups.length} groups, ${a.roles.length} roles, ${a.policies.length} policies, ${a.resources.length} resources`, opts.quiet);
          if (snapshot.organization) info(`organization ${snapshot.organization.id}: ${snapshot.organization.accounts.length} accounts, ${snapshot.organization.policies.length} SCPs/RCPs`, opts.quiet);
          if (out) info(`snapshot → ${out}`, opts.quiet);
          if (snapshot.warnings.length) warn(`${snapshot.warnings.length} item(s) could not be read completely; see "warnings" in the snapshot`);
          return 0 as const;
        }),
      );
  },
};

/** `all`, or a comma-separated list of 12-digit account ids. */
function parseAccounts(value: string): 'all' | string[] {
  if (value === 'all') return 'all';
  const ids = value.split(',').map((v) => v.trim()).filter(Boolean);
  const bad = ids.filter((id) => !/^\d{12}$/.test(id));
  if (ids.length === 0 || bad.length > 0) throw new UsageError(`--accounts must be \`all\` or 12-digit account ids, got \`${value}\``);
  return ids;
}
