/**
 * `cordon release`: restore a contained principal from its containment report (a file or
 * `s3://bucket/key`). Dry-run unless `--apply`; keys stay inactive unless `--reactivate-keys`.
 */
import type { Command } from 'commander';
import { releasePrincipal } from '../../actions/contain/release.js';
import { parseS3Uri } from '../../actions/report/key.js';
import type { ContainmentReport } from '../../actions/report/report.js';
import type { ReportSink } from '../../actions/report/sink.js';
import { createContainmentGateway } from '../../aws/containment-gateway.js';
import { bucketReportSink } from '../../aws/report-bucket.js';
import { InputError } from '../../model/errors.js';
import { fileReportSink } from '../../store/report-dir.js';
import { openStore } from '../../store/index.js';
import { mirrorToJournal } from '../../actions/contain/store-mirror.js';
import { action, type CommandModule } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { info, printJson, printTable, warn } from '../output.js';
import { awsTarget, STEP_COLUMNS, temporaryPassword } from './contain-shared.js';

const EXAMPLES = `
Examples:
  $ cordon release --report reports/2026/11/23/01/05/ir-42.json                  # dry-run
  $ cordon release --report s3://acme-ir-reports/2026/11/23/01/05/ir-42.json --apply
  $ cordon release --report reports/2026/11/23/01/05/ir-42.json --apply --reactivate-keys

What cannot be restored is listed at the end: a deleted console password (use
--recreate-login-profile for a new temporary one) and MFA devices (re-enable with two codes).
Exit codes: 0 released (what is left to restore by hand is listed on stderr), 2 error or a step failed.
`;

interface ReleaseFlags {
  report: string;
  apply?: boolean;
  reactivateKeys?: boolean;
  recreateLoginProfile?: boolean;
}

function register(program: Command): void {
  program
    .command('release')
    .description('undo a containment from its report (dry-run unless --apply)')
    .requiredOption('--report <file|s3://bucket/key>', 'the containment report')
    .option('--apply', 'make the changes (default: print the plan only)')
    .option('--reactivate-keys', 'turn the deactivated access keys back on (compromised keys should be replaced instead)')
    .option('--recreate-login-profile', 'give the user a new temporary console password (reset required at first sign-in)')
    .addHelpText('after', EXAMPLES)
    .action(
      action(async (flags: ReleaseFlags, cmd: Command) => {
        const g = globalOptions(cmd);
        const format = outputFormat(g, ['table', 'json'] as const, 'table');
        const target = awsTarget(g);
        const s3 = parseS3Uri(flags.report);
        let sink: ReportSink;
        let report: ContainmentReport | undefined;
        if (s3) {
          sink = bucketReportSink(s3.bucket, target);
          report = await sink.read(s3.key);
          if (!report) throw new InputError('report not found', { file: flags.report });
        } else {
          const file = fileReportSink(flags.report);
          sink = file;
          report = await file.readFile();
        }
        if (flags.reactivateKeys) warn('reactivating access keys that were compromised: replace them (create a new key, then delete the old one) as soon as possible');
        const passwords: { userName: string; password: string }[] = [];
        // With an explicit --db the release journal is mirrored into the store too.
        const store = flags.apply && g.db ? await openStore(g.db) : undefined;
        if (store) sink = mirrorToJournal(sink, store.journal, () => new Date().toISOString(), warn);
        const { report: after, dryRun } = await releasePrincipal(
          report,
          { apply: !!flags.apply, reactivateKeys: !!flags.reactivateKeys, recreateLoginProfile: !!flags.recreateLoginProfile },
          {
            gateway: createContainmentGateway(target),
            sink,
            clock: () => new Date().toISOString(),
            newPassword: temporaryPassword,
            onPassword: (userName, password) => passwords.push({ userName, password }),
            progress: (l) => info(l, g.quiet || format === 'json'),
          },
        ).finally(() => store?.close());
        const journal = after.release!;
        const unrestorable = dryRun ? [] : journal.unrestorable;
        if (format === 'json') {
          printJson({ dryRun, executionId: after.executionId, status: after.status, steps: journal.steps, unrestorable, ...(passwords.length ? { temporaryPasswords: passwords } : {}) });
        } else {
          printTable(journal.steps, STEP_COLUMNS);
          for (const p of passwords) process.stdout.write(`temporary console password for ${p.userName} (shown once, must be changed at sign-in): ${p.password}\n`);
          if (dryRun) info(`dry-run: ${journal.steps.length} step(s) to restore ${after.target.type} ${after.target.name}; nothing changed. Rerun with --apply.`, g.quiet);
          for (const note of unrestorable) warn(`not restored: ${note}`);
        }
        if (dryRun) return 0;
        return after.status === 'released' ? 0 : 2;
      }),
    );
}

/** `cordon release`. */
export const releaseCommand: CommandModule = { register };
