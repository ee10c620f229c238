/**
 * `cordon remediate FINDING_ID`: the finding's remediation plan as exact AWS CLI commands
 * (dry-run, changes nothing); `--apply` proves the change with the engine on the account's
 * snapshot (live collection, or `--snapshot FILES`) and applies the same plan through the SDK,
 * journaled; `--rollback` undoes exactly what was journaled. `--from-sqs QUEUE_URL` is the
 * auto-remediation worker (at-least-once: a message is deleted after its plan is applied).
 */
import type { Command } from 'commander';
import { remediationService, type RemediationService } from '../../actions/remediate/index.js';
import type { Strategy } from '../../actions/remediate/plan.js';
import { createRemediationGateway } from '../../aws/remediation-gateway.js';
import { sqsQueue } from '../../aws/sqs-queue.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import { collectAccount } from '../../collect/live/collect-account.js';
import { UsageError } from '../../model/errors.js';
import { openStore } from '../../store/index.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { info, printJson, warn } from '../output.js';
import { cliActor } from './findings.js';

const EXAMPLES = `
Examples:
  $ cordon remediate 3f2a...e9                         # dry-run: the plan and its AWS CLI commands
  $ cordon remediate 3f2a...e9 --apply                 # prove with the engine, then apply through the SDK
  $ cordon remediate 3f2a...e9 --rollback              # undo exactly what was applied
  $ cordon remediate 3f2a...e9 --output json
  $ cordon remediate --from-sqs https://sqs.us-east-1.amazonaws.com/111122223333/cordon-findings --apply

Exit codes: 0 done (or planned), 2 refused (not remediable, or the proof failed) or error.
`;

interface Flags {
  apply?: boolean;
  rollback?: boolean;
  strategy: string;
  snapshot?: string[];
  fromSqs?: string;
  fromServicebus?: string;
  maxDeliveries?: string;
  untilEmpty?: boolean;
  zone: string;
}

export const remediateCommand: CommandModule = {
  register(program: Command) {
    program
      .command('remediate [findingId]')
      .description('plan (default), apply or roll back the remediation of a finding: exact AWS CLI commands and the same change through the SDK')
      .option('--apply', 'prove the change with the engine, then apply it (journaled)')
      .option('--rollback', 'undo the journaled remediation of the finding')
      .option('--strategy <strategy>', 'deny (explicit, reversible Deny; GCP: the finding type\'s own remediation) | trim (UnusedPermission: deny all but the used actions) | remove-binding | disable (GCP)', 'deny')
      .option('--snapshot <file...>', 'the account for the proof (default: collect it live through the global AWS flags)')
      .option('--zone <zone>', 'zone of trust used by the proof for exposure findings: account|organization', 'account')
      .option('--from-sqs <queueUrl>', 'auto-remediation worker: read finding ids from this queue')
      .option('--from-servicebus <namespace/queue>', 'Azure auto-remediation worker: finding ids from this Service Bus queue (peek-lock; needs --snapshot)')
      .option('--max-deliveries <n>', 'with --from-servicebus: dead-letter a message that failed this many deliveries', '5')
      .option('--until-empty', 'with --from-sqs: stop when no message is waiting (default: run until interrupted)')
      .addHelpText('after', EXAMPLES)
      .action(action(async (findingId: string | undefined, flags: Flags, cmd: Command) => {
        const g = globalOptions(cmd);
        const format = outputFormat(g, ['cli', 'json', 'table'], 'cli');
        if (flags.fromServicebus) return (await import('./azure-remediate.js')).serviceBusWorker(flags, g);
        if (findingId && !flags.fromSqs) {
          const azure = await import('./azure-remediate.js');
          if (await azure.isAzureFinding(g.db, findingId)) return azure.remediateAzure(findingId, flags, g, format);
          const gcp = await import('./gcp-remediate.js');
          if (await gcp.isGcpFinding(g.db, findingId)) return gcp.remediateGcp(findingId, flags, g, format);
        }
        if (flags.strategy !== 'deny' && flags.strategy !== 'trim') throw new UsageError(`--strategy must be deny|trim, got \`${flags.strategy}\``);
        if (flags.apply && flags.rollback) throw new UsageError('--apply and --rollback exclude each other');
        if (!flags.fromSqs && !findingId) throw new UsageError('give a FINDING_ID (or --from-sqs QUEUE_URL)');
        if (flags.zone !== 'account' && flags.zone !== 'organization') throw new UsageError(`--zone must be account|organization, got \`${flags.zone}\``);
        const target = { profile: g.profile, region: g.region, endpointUrl: g.endpointUrl };
        const log = (line: string) => (line.startsWith('warning:') ? warn(line.slice(9)) : info(line, g.quiet));
        const store = await openStore(g.db);
        try {
          const service = remediationService({
            store,
            gateway: () => createRemediationGateway(target),
            snapshot: async () => (flags.snapshot?.length ? (await loadSnapshotFiles(flags.snapshot)).snapshot : collectAccount(target)),
            target: { ...(g.profile ? { profile: g.profile } : {}), ...(g.region ? { region: g.region } : {}), ...(g.endpointUrl ? { endpointUrl: g.endpointUrl } : {}) },
            zone: flags.zone,
            log,
          });
          if (flags.fromSqs) return await worker(service, flags, target, g.quiet ?? false);
          const actor = cliActor();
          if (flags.rollback) {
            const r = await service.rollback(findingId!, { actor });
            if (format === 'json') printJson(r);
            else info(`rolled back ${r.undone} step(s) of ${r.executionId}`, false);
            return 0 as const;
          }
          if (flags.apply) {
            const r = await service.apply(findingId!, { strategy: flags.strategy as Strategy, actor });
            if (format === 'json') printJson(r);
            else info(`applied: ${r.plan.summary} (${r.applied} step(s) applied, ${r.resumed} already done; journal ${r.executionId}; proof: finding resolved by the ${r.proof.analyzer} analyzer, ${r.proof.checkedUsage - r.proof.brokenUsage.length}/${r.proof.checkedUsage} used actions still allowed)`, false);
            return 0 as const;
          }
          const view = await service.plan(findingId!, flags.strategy as Strategy);
          if (format === 'json') printJson(view);
          else {
            const why = view.plan.rationale ? `# why: ${view.plan.rationale}\n` : '';
            const others = (view.plan.alternatives ?? []).map((a) => `#   ${a.summary} — ${a.reason}\n`).join('');
            process.stdout.write(`# ${view.plan.summary} (dry-run: nothing changed; --apply to apply)\n${why}${others ? `# alternatives considered:\n${others}` : ''}# needs: ${view.plan.permissions.join(', ')}\n${view.cli.join('\n')}\n# rollback:\n${view.rollbackCli.map((c) => `#   ${c}`).join('\n')}\n`);
          }
          return 0 as const;
        } finally {
          await store.close();
        }
      }));
  },
};

/** The SQS worker: at-least-once; a message is deleted only when every finding in it was handled. */
async function worker(service: RemediationService, flags: Flags, target: { profile?: string; region?: string; endpointUrl?: string }, quiet: boolean): Promise<0> {
  const queue = sqsQueue(flags.fromSqs!, target);
  let stop = false;
  const onSignal = () => (stop = true);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    while (!stop) {
      const messages = await queue.receive({ max: 10, waitSeconds: flags.untilEmpty ? 1 : 20, visibilitySeconds: 120 });
      if (messages.length === 0) {
        // Drained of visible messages; a failed one stays invisible until its retry time.
        if (flags.untilEmpty) break;
        continue;
      }
      for (const m of messages) {
        const r = await service.processMessage(m.body, { apply: flags.apply === true, actor: `sqs:${flags.fromSqs}` });
        r.lines.forEach((l) => info(l, quiet));
        if (r.delete) await queue.delete(m);
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return 0;
}
