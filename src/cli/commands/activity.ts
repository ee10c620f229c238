/**
 * `cordon activity setup --athena`: the Athena table over an organization trail bucket
 * (`AWSLogs/o-xxx/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`) with partition projection on account,
 * region and date, so `--cloudtrail athena://WORKGROUP/DATABASE.TABLE` can push activity queries
 * down. Prints the DDL (and the CREATE DATABASE before it); `--apply` runs both in Athena.
 */
import type { Command } from 'commander';
import { athenaTableDdl, DEFAULT_REGIONS } from '../../activity/sql/athena-ddl.js';
import { runAthenaQuery } from '../../aws/athena-query.js';
import { UsageError } from '../../model/errors.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions } from '../context.js';
import { info } from '../output.js';

const EXAMPLES = `
Examples:
  $ cordon activity setup --athena --bucket org-trail-logs --org-id o-a1b2c3d4e5 --accounts 111122223333,444455556666
  $ cordon activity setup --athena --bucket org-trail-logs --org-id o-a1b2c3d4e5 --accounts 111122223333 --regions us-east-1,eu-west-1 --apply --workgroup primary
  $ cordon generate-policy --principal arn:aws:iam::111122223333:role/app --cloudtrail athena://primary/cloudtrail.org_trail
`;

interface SetupFlags {
  athena?: boolean;
  bucket?: string;
  orgId?: string;
  accounts?: string;
  regions?: string;
  since: string;
  database: string;
  table: string;
  workgroup: string;
  apply?: boolean;
}

const list = (v: string | undefined) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : []);

export const activityCommand: CommandModule = {
  register(program: Command) {
    const activity = program.command('activity').description('where CloudTrail activity is read from: set up Athena over an organization trail');
    activity
      .command('setup')
      .description('print (or with --apply create) the Athena table over an org trail bucket, partition projection on account, region, date')
      .option('--athena', 'set up Amazon Athena (the only backend that needs setting up)')
      .option('--bucket <name>', 'the trail bucket')
      .option('--org-id <o-xxx>', 'organization id of an organization trail (AWSLogs/o-xxx/ACCOUNT/...); omit for an account trail')
      .option('--accounts <ids>', 'comma-separated account ids to project')
      .option('--regions <list>', 'comma-separated regions to project (default: every commercial region)')
      .option('--since <yyyy/MM/dd>', 'first day of the date projection', '2020/01/01')
      .option('--database <name>', 'Glue database', 'cloudtrail')
      .option('--table <name>', 'table name', 'org_trail')
      .option('--workgroup <name>', 'Athena workgroup for --apply', 'primary')
      .option('--apply', 'create the database and table in Athena')
      .addHelpText('after', EXAMPLES)
      .action(action(async (flags: SetupFlags, cmd: Command) => {
        const g = globalOptions(cmd);
        if (!flags.athena) throw new UsageError('say which backend to set up: --athena (CloudTrail Lake and local files need no setup)');
        if (!flags.bucket) throw new UsageError('--bucket is required');
        const ddl = athenaTableDdl({
          database: flags.database, table: flags.table, bucket: flags.bucket, ...(flags.orgId ? { orgId: flags.orgId } : {}),
          accounts: list(flags.accounts), regions: flags.regions ? list(flags.regions) : DEFAULT_REGIONS, since: flags.since,
        });
        const createDb = `CREATE DATABASE IF NOT EXISTS ${flags.database}`;
        if (!flags.apply) {
          process.stdout.write(`${createDb};\n\n${ddl};\n`);
          info(`then: cordon generate-policy --principal ARN --cloudtrail athena://${flags.workgroup}/${flags.database}.${flags.table}`, g.quiet);
          return 0 as const;
        }
        const aws = { profile: g.profile, region: g.region, endpointUrl: g.endpointUrl };
        for (const sql of [createDb, ddl]) {
          const r = await runAthenaQuery(aws, { workgroup: flags.workgroup, database: flags.database, sql, pollMs: 500 });
          info(`athena: ${sql.split('\n')[0]} → query ${r.queryId} SUCCEEDED`, g.quiet);
        }
        info(`created ${flags.database}.${flags.table}; use --cloudtrail athena://${flags.workgroup}/${flags.database}.${flags.table}`, g.quiet);
        return 0 as const;
      }));
  },
};
