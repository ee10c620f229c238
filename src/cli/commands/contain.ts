/**
 * `cordon contain`: cut off a compromised IAM user, IAM role or Identity Center user, record its
 * configuration in a report, verify the result. Dry-run unless `--apply`.
 */
import type { Command } from 'commander';
import { containPrincipal } from '../../actions/contain/execute.js';
import { PRINCIPAL_TYPES, type PrincipalType } from '../../actions/contain/config.js';
import { roleDenyDocument, userDenyDocument } from '../../actions/contain/deny-policy.js';
import { assertExecutionId } from '../../actions/report/key.js';
import type { ReportSink } from '../../actions/report/sink.js';
import { createContainmentGateway } from '../../aws/containment-gateway.js';
import { bucketReportSink } from '../../aws/report-bucket.js';
import { UsageError } from '../../model/errors.js';
import { directoryReportSink } from '../../store/report-dir.js';
import { openStore } from '../../store/index.js';
import { mirrorToJournal } from '../../actions/contain/store-mirror.js';
import { action, type CommandModule } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { info, printJson, printTable, warn } from '../output.js';
import { awsTarget, parseBuckets, parseTag, randomHex, STEP_COLUMNS } from './contain-shared.js';

const EXAMPLES = `
Examples:
  $ cordon contain --type iam-user --name alice                       # dry-run: print every step
  $ cordon contain --type iam-user --name alice --apply --report-dir ./reports
  $ cordon contain --type iam-role --name ci-deployer --apply --report-bucket acme-ir-reports
  $ cordon contain --type idc-user --name bob@example.com --apply --report-dir ./reports
  $ cordon contain --type iam-user --name alice --apply --report-dir ./reports --execution-id ir-42   # resume ir-42

The report lands at {year}/{month}/{day}/{hour}/{minute}/{execution_id}.json (UTC) under the bucket
or directory; undo with \`cordon release --report <file or s3://bucket/key>\`.
Exit codes: 0 contained and verified, 1 contained but not verified, 2 error or some step failed.
`;

interface ContainFlags {
  type: string;
  name: string;
  apply?: boolean;
  reportBucket?: string;
  reportDir?: string;
  tag?: Record<string, string>;
  bucketAccess?: string[];
  executionId?: string;
  identityStoreId?: string;
  instanceArn?: string;
}

function register(program: Command): void {
  program
    .command('contain')
    .description('contain a compromised IAM user, role or Identity Center user (dry-run unless --apply)')
    .requiredOption('--type <type>', `principal type: ${PRINCIPAL_TYPES.join('|')}`)
    .requiredOption('--name <name>', 'user name, role name, or Identity Center user name')
    .option('--apply', 'make the changes (default: print the plan only)')
    .option('--report-bucket <bucket>', 'write the report to this S3 bucket (created private if missing; refused if public)')
    .option('--report-dir <dir>', 'write the report under this directory')
    .option('--tag <Key=K,Value=V>', 'extra tag to put on the principal (repeatable)', parseTag)
    .option('--bucket-access <names|arns>', 'also deny the principal in these buckets\' policies (comma-separated)', parseBuckets)
    .option('--execution-id <id>', 'execution id (default: generated); reuse one to resume an interrupted containment')
    .option('--identity-store-id <id>', 'idc-user: identity store id (default: from sso-admin ListInstances)')
    .option('--instance-arn <arn>', 'idc-user: Identity Center instance ARN (default: from sso-admin ListInstances)')
    .addHelpText('after', EXAMPLES)
    .action(
      action(async (flags: ContainFlags, cmd: Command) => {
        const g = globalOptions(cmd);
        const format = outputFormat(g, ['table', 'json'] as const, 'table');
        if (!PRINCIPAL_TYPES.includes(flags.type as PrincipalType)) throw new UsageError(`--type must be one of ${PRINCIPAL_TYPES.join('|')}, got \`${flags.type}\``);
        if (flags.reportBucket && flags.reportDir) throw new UsageError('give either --report-bucket or --report-dir, not both');
        if (flags.apply && !flags.reportBucket && !flags.reportDir) throw new UsageError('--apply needs --report-bucket or --report-dir: the report is what release restores from');
        if (flags.executionId) assertExecutionId(flags.executionId);
        const target = awsTarget(g);
        let sink: ReportSink | undefined;
        if (flags.apply) sink = flags.reportBucket ? bucketReportSink(flags.reportBucket, target) : directoryReportSink(flags.reportDir!);
        // With an explicit --db the journal is mirrored into the store (the report stays primary).
        const store = flags.apply && g.db ? await openStore(g.db) : undefined;
        if (store && sink) sink = mirrorToJournal(sink, store.journal, () => new Date().toISOString(), warn);
        const outcome = await containPrincipal(
          {
            target: { type: flags.type as PrincipalType, name: flags.name, instanceArn: flags.instanceArn, identityStoreId: flags.identityStoreId },
            apply: !!flags.apply,
            executionId: flags.executionId,
            tags: flags.tag ?? {},
            bucketAccess: flags.bucketAccess ?? [],
          },
          { gateway: createContainmentGateway(target), sink, clock: () => new Date().toISOString(), randomHex, progress: (l) => info(l, g.quiet || format === 'json') },
        ).finally(() => store?.close());
        const report = outcome.report;
        if (outcome.dryRun) {
          const preview = report.target.type === 'iam-user' ? userDenyDocument(report.startedAt) : report.target.type === 'iam-role' ? roleDenyDocument(report.startedAt) : undefined;
          if (format === 'json') printJson({ dryRun: true, executionId: report.executionId, target: report.target, steps: report.steps, denyPolicyPreview: preview, initialConfiguration: report.initialConfiguration });
          else {
            printTable(report.steps, STEP_COLUMNS);
            info(`dry-run: ${report.steps.length} step(s) for ${report.target.type} ${report.target.name}; nothing changed. Rerun with --apply and --report-dir/--report-bucket.`, g.quiet);
          }
          return 0;
        }
        if (format === 'json') printJson({ dryRun: false, location: outcome.location, resumed: outcome.resumed, ...report });
        else {
          printTable(report.steps, STEP_COLUMNS);
          info(`report: ${outcome.location}`, g.quiet);
          info(`status: ${report.status}; verified: ${report.verification?.verified} (${report.verification?.reasons.join('; ')})`, g.quiet);
        }
        if (report.status !== 'contained') {
          warn(`some steps failed: rerun with --execution-id ${report.executionId} to resume, or undo with cordon release --report ${outcome.location}`);
          return 2;
        }
        return report.verification?.verified ? 0 : 1;
      }),
    );
}

/** `cordon contain`. */
export const containCommand: CommandModule = { register };
