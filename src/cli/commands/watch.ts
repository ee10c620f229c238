/**
 * `cordon watch --sqs-queue-url URL | --dir PATH`: continuous detection. Alerts are stored (`--db`)
 * before the SQS message is deleted, then delivered to the sinks with retries and backoff; the
 * delivery ledger in the store makes a restart resume without losing or re-sending alerts.
 * `--once` drains the queue (or scans the directory once), settles deliveries and exits.
 */
import type { Command } from 'commander';
import { s3TrailObjects } from '../../aws/s3-cloudtrail-objects.js';
import { sqsQueue } from '../../aws/sqs-queue.js';
import { UsageError } from '../../model/errors.js';
import { watchDirectory } from '../../notify/watch-dir.js';
import { watchQueue, type WatchStats } from '../../notify/watch-queue.js';
import { openStore } from '../../store/index.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions } from '../context.js';
import { info, warn } from '../output.js';
import { withAttackPaths, type LiveReread } from './watch-paths.js';
import type { AwsTarget } from '../../aws/client-config.js';
import { sdkIamEntityReader } from '../../aws/iam-entity-reader.js';
import { sdkIamReader } from '../../aws/iam-reader.js';
import { addRuleAndSinkOptions, buildSinksFromFlags, type RuleAndSinkFlags } from './detect.js';
import { buildRuleSet, minSeverityOf, noteRulesBelowFloor } from './detect-rules.js';

interface WatchFlags extends RuleAndSinkFlags {
  sqsQueueUrl?: string;
  dir?: string;
  once?: boolean;
  visibilityTimeout?: string;
  leaseSeconds?: string;
  pollSeconds?: string;
  drainTimeout?: string;
  snapshot?: string[];
  liveReread?: boolean;
}

const seconds = (value: string | undefined, flag: string, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} must be a number of seconds, got \`${value}\``);
  return n;
};

/** Single-entity IAM reads with the watcher's credentials; the account is asked once. */
function liveReread(aws: AwsTarget): LiveReread {
  let account: Promise<string> | undefined;
  return { reader: sdkIamEntityReader(aws), accountId: () => (account ??= sdkIamReader(aws).accountId()) };
}

async function runWatch(flags: WatchFlags, command: Command): Promise<0> {
  const g = globalOptions(command);
  if (Boolean(flags.sqsQueueUrl) === Boolean(flags.dir)) throw new UsageError('give exactly one of --sqs-queue-url URL or --dir PATH');
  const aws = { profile: g.profile, region: g.region, endpointUrl: g.endpointUrl };
  const minSeverity = minSeverityOf(flags);
  const rules = await buildRuleSet(flags);
  noteRulesBelowFloor(rules, minSeverity, g.quiet);
  const sinks = await buildSinksFromFlags(flags, g);
  if (sinks.length === 0) warn('no sinks configured: alerts are only stored (see --webhook, --slack-webhook, --sns-topic, --smtp, --sinks)');
  const store = await openStore(g.db);
  // --snapshot: replay each change on the snapshot too (new-escalation-path / new-external-access, findings stored).
  // Entities an event leaves uncertain are re-read live where credentials are already in use (SQS), or on request.
  const live = flags.snapshot?.length && (flags.liveReread ?? Boolean(flags.sqsQueueUrl)) ? liveReread(aws) : undefined;
  const paths = flags.snapshot?.length ? await withAttackPaths(flags.snapshot, rules, store, g.quiet, live) : { rules, alerts: store.alerts };
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const dispatch = {
    clock: () => new Date(),
    leaseMs: seconds(flags.leaseSeconds, '--lease-seconds', 60) * 1000,
    onError: (sink: { label: string }, alertId: string, error: string) => warn(`${sink.label}: alert ${alertId}: ${error}`),
  };
  const drainTimeoutMs = seconds(flags.drainTimeout, '--drain-timeout', 60) * 1000;
  const onIssue = (i: { file: string; reason: string }) => warn(`skipped ${i.file}: ${i.reason}`);
  info(`watching ${flags.dir ?? flags.sqsQueueUrl} with ${rules.rules.length} rules; store ${store.location}; sinks: ${sinks.map((s) => s.label).join(', ') || 'none'}`, g.quiet);
  let stats: WatchStats;
  try {
    if (flags.sqsQueueUrl) {
      const s3 = s3TrailObjects(aws);
      stats = await watchQueue({
        queue: sqsQueue(flags.sqsQueueUrl, aws),
        queueName: flags.sqsQueueUrl.split('/').pop() ?? 'queue',
        fetchObject: (bucket, key) => s3.getObject(bucket, key),
        rules: paths.rules,
        minSeverity,
        alerts: paths.alerts,
        sinks,
        dispatch,
        once: flags.once,
        drainTimeoutMs,
        visibilitySeconds: flags.visibilityTimeout === undefined ? undefined : seconds(flags.visibilityTimeout, '--visibility-timeout', 30),
        onIssue,
        onLog: (m) => info(m, g.quiet),
        signal: controller.signal,
      });
    } else {
      stats = await watchDirectory({
        dir: flags.dir!,
        rules: paths.rules,
        minSeverity,
        alerts: paths.alerts,
        files: store.activity,
        sinks,
        dispatch,
        once: flags.once,
        drainTimeoutMs,
        pollMs: seconds(flags.pollSeconds, '--poll-seconds', 10) * 1000,
        onIssue,
        signal: controller.signal,
      });
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await store.close();
  }
  info(`${stats.messages} ${flags.dir ? 'files' : 'messages'}, ${stats.events} events, ${stats.alertsStored} new alerts (${stats.duplicates} duplicates), ${stats.delivered} deliveries, ${stats.pending} pending`, g.quiet);
  if (stats.pending > 0) warn(`${stats.pending} deliveries still pending in the store; they are retried by the next run`);
  return 0;
}

export const watchCommand: CommandModule = {
  register(program: Command) {
    const cmd = program
      .command('watch')
      .description('watch CloudTrail continuously (SQS with EventBridge or S3 notifications, or a directory) and send alerts')
      .option('--sqs-queue-url <url>', 'SQS queue receiving EventBridge CloudTrail events or S3 notifications of new log files')
      .option('--dir <path>', 'directory of CloudTrail files to poll for new files')
      .option('--once', 'drain the queue (or scan the directory once), settle deliveries, exit')
      .option('--visibility-timeout <seconds>', 'SQS visibility timeout for received messages (default: the queue\'s)')
      .option('--lease-seconds <seconds>', 'how long a delivery attempt holds its claim (default 60)')
      .option('--poll-seconds <seconds>', 'directory polling interval (default 10)')
      .option('--drain-timeout <seconds>', 'with --once: longest wait for in-flight messages and retries (default 60)')
      .option('--snapshot <file...>', 'snapshot to keep current from the events: alerts new-escalation-path/new-external-access and records the findings')
      .option('--live-reread', 'with --snapshot: re-read through IAM the entities an event leaves uncertain (default with --sqs-queue-url)')
      .option('--no-live-reread', 'with --snapshot: never call IAM; uncertain entities are only reported');
    addRuleAndSinkOptions(cmd)
      .addHelpText(
        'after',
        '\nExamples:\n  $ cordon watch --sqs-queue-url https://sqs.us-east-1.amazonaws.com/111122223333/cordon --slack-webhook https://hooks.slack.com/services/T/B/X\n  $ cordon watch --dir ./AWSLogs --sinks sinks.json --db ./cordon.db\n  $ cordon watch --sqs-queue-url URL --webhook http://127.0.0.1:9000/alerts --once\n  $ cordon watch --dir ./AWSLogs --min-severity HIGH --slack-webhook URL   # only HIGH and CRITICAL rules\n  $ cordon watch --sqs-queue-url URL --snapshot account.json   # new attack paths; uncertain entities re-read live\n\nOne alert per event, listing every rule it matched (new-escalation-path / new-external-access included, with\nthe findings they created); rules below --min-severity (default LOW) are dropped; --include-info adds iam-any-call.\n',
      )
      .action(action((flags: WatchFlags, command: Command) => runWatch(flags, command)));
  },
};
