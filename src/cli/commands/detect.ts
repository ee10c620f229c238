/**
 * `cordon detect --cloudtrail PATH|s3://...`: batch detection over CloudTrail files, directories
 * (org-trail layout, `--start/--end` pruning) or S3 prefixes with the built-in rule packs plus
 * `--rules DIR`. Streams alerts (json|jsonl|table) as they are produced; exit 1 when there are alerts. With sink flags the
 * alerts are also stored (`--db`) and delivered. Shared option helpers are exported for `watch`.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseCloudTrailBytes } from '../../activity/readers/parse-bytes.js';
import { readTrailBytes, resolveSource, type TrailFile, type TrailTree } from '../../activity/readers/read-events.js';
import { InputError, UsageError } from '../../model/errors.js';
import { AlertBatcher } from '../../notify/alert-batcher.js';
import type { SinkSpec } from '../../notify/sinks-config.js';
import type { AlertSink } from '../../notify/sink.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, type GlobalOptions } from '../context.js';
import { info, warn } from '../output.js';
import { alertsOfFile, skippedFile, type FileAlertOptions, type FileAlerts } from './detect-file.js';
import { alertWriter, DETECT_FORMATS, type DetectFormat } from './detect-output.js';
import { DetectPool, workerCount } from './detect-pool.js';
import { buildRuleSet, minSeverityOf, noteRulesBelowFloor, type RuleFlags } from './detect-rules.js';

/** Flags shared by detect and watch. */
export interface RuleAndSinkFlags extends RuleFlags {
  sinks?: string;
  webhook?: string[];
  webhookSecret?: string;
  slackWebhook?: string[];
  snsTopic?: string[];
  smtp?: string;
  mailTo?: string[];
  mailFrom?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Adds the rule and sink flags to a command. */
export function addRuleAndSinkOptions(cmd: Command): Command {
  return cmd
    .option('--rules <dir>', 'extra rule packs: a directory of .json rule files (repeatable)', collect)
    .option('--no-builtin-rules', 'use only the --rules packs')
    .option('--min-severity <severity>', 'drop rules below this severity (CRITICAL|HIGH|MEDIUM|LOW|INFO; default LOW, INFO with --include-info)')
    .option('--include-info', 'also run the INFO catch-all rule iam-any-call (every IAM call, reads and failures included)')
    .option('--trusted-accounts <ids>', 'comma-separated account ids inside the zone of trust (besides the event account)')
    .option('--org-id <id>', 'organization id inside the zone of trust (aws:PrincipalOrgID)')
    .option('--sinks <file>', 'JSON file of alert sinks ({"sinks":[{"type":"webhook","url":...}]})')
    .option('--webhook <url>', 'POST each alert as JSON to this URL (repeatable)', collect)
    .option('--webhook-secret <secret>', 'HMAC-SHA256 key for the X-Cordon-Signature header (or CORDON_WEBHOOK_SECRET)')
    .option('--slack-webhook <url>', 'Slack incoming-webhook URL (repeatable)', collect)
    .option('--sns-topic <arn>', 'publish each alert to this SNS topic (repeatable)', collect)
    .option('--smtp <url>', 'SMTP server, e.g. smtps://user:pass@mail.example.com')
    .option('--mail-to <addr>', 'e-mail recipient (repeatable; with --smtp)', collect)
    .option('--mail-from <addr>', 'e-mail sender (with --smtp)');
}

/** Sinks from `--sinks FILE` and the sink flags. */
export async function buildSinksFromFlags(flags: RuleAndSinkFlags, g: GlobalOptions): Promise<AlertSink[]> {
  const specs: SinkSpec[] = [];
  const any = flags.sinks || flags.webhook?.length || flags.slackWebhook?.length || flags.snsTopic?.length || flags.smtp || flags.mailTo?.length;
  if (!any) return [];
  // Sink clients (SNS SDK, SMTP) are loaded only when a sink is asked for: detection starts without them.
  const { buildSinks, parseSinksConfig } = await import('../../notify/sinks-config.js');
  if (flags.sinks) {
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(flags.sinks, 'utf8'));
    } catch (err) {
      throw new InputError(`cannot read sinks file: ${(err as Error).message}`, { file: flags.sinks });
    }
    specs.push(...parseSinksConfig(doc, flags.sinks, process.env));
  }
  const secret = flags.webhookSecret ?? process.env.CORDON_WEBHOOK_SECRET;
  for (const url of flags.webhook ?? []) specs.push({ type: 'webhook', url, secret });
  for (const url of flags.slackWebhook ?? []) specs.push({ type: 'slack', url });
  for (const topicArn of flags.snsTopic ?? []) specs.push({ type: 'sns', topicArn });
  if (flags.smtp) {
    if (!flags.mailTo?.length) throw new UsageError('--smtp needs --mail-to ADDR');
    specs.push({ type: 'smtp', url: flags.smtp, to: flags.mailTo, from: flags.mailFrom });
  } else if (flags.mailTo?.length) throw new UsageError('--mail-to needs --smtp URL');
  return buildSinks(specs, { profile: g.profile, region: g.region, endpointUrl: g.endpointUrl });
}

/** `--start/--end` as ISO strings (a date alone means its midnight UTC). */
export function parseTime(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t)) throw new UsageError(`${flag} must be an ISO date or time, got \`${value}\``);
  return new Date(t).toISOString();
}

interface DetectFlags extends RuleAndSinkFlags {
  cloudtrail: string[];
  start?: string;
  end?: string;
  workers?: string;
}

/** Files read in-process before the default worker pool starts: a handful of files is over before workers would be up. */
const FILES_BEFORE_POOL = 4;
/**
 * Files read ahead of the one being written: results are written in file order, and threads that
 * finish early go on with later files. Bounded in count per thread and in input bytes, so a run
 * of large files keeps only a few of them (and their alerts) in memory.
 */
const MAX_FILES_IN_FLIGHT_PER_THREAD = 16;
const MAX_BYTES_IN_FLIGHT = 16 * 1024 * 1024;
/**
 * Files queued per worker before this thread parses one itself: enough that none runs dry while
 * this thread parses, writes or collects garbage (at 3 a worker idled 13-18%, at 8 about 6%).
 */
const WORKER_BACKLOG = 8;

/** A file's alerts, with the bytes it holds in flight until they are written. */
type FileResult = FileAlerts & { inputBytes?: number };
/** A file in flight: settles when its alerts are in (`result`). */
interface InFlight {
  result?: FileResult;
  pending: Promise<void>;
}

/** `--workers N` (0 = in-process), or undefined for the default. */
function parseWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`--workers must be a whole number from 0 to 64, got \`${value}\``);
  return n;
}

async function runDetect(flags: DetectFlags, command: Command): Promise<0 | 1> {
  const g = globalOptions(command);
  const format = (g.output ?? 'table') as DetectFormat;
  if (!DETECT_FORMATS.includes(format)) throw new UsageError(`--output must be one of ${DETECT_FORMATS.join('|')}, got \`${format}\``);
  const window = { start: parseTime(flags.start, '--start'), end: parseTime(flags.end, '--end') };
  const requestedWorkers = parseWorkers(flags.workers);
  const minSeverity = minSeverityOf(flags);
  const rules = await buildRuleSet(flags);
  noteRulesBelowFloor(rules, minSeverity, g.quiet);
  const sinks = await buildSinksFromFlags(flags, g);
  // Alerts stream out as produced (file order, then event order), one per event with the rules it
  // matched (grouped right after matching it): only their ids are kept, to drop an event read
  // twice; memory stays flat in the number of alerts and events.
  const store = sinks.length > 0 ? await (await import('../../store/index.js')).openStore(g.db) : undefined;
  const batcher = store ? new AlertBatcher(store.alerts, sinks, { clock: () => new Date(), onError: (s, id, e) => warn(`${s.label}: alert ${id}: ${e}`) }) : undefined;
  const writer = alertWriter(format, process.stdout);
  // Files are parsed and matched in worker threads (detect-pool.ts) and in this thread when there
  // are cores to share; the default pool starts after the first few files, --workers N at once.
  const size = workerCount(requestedWorkers);
  const fileOptions: FileAlertOptions = { window, minSeverity, format, keepAlerts: batcher !== undefined };
  const poolInit = { flags: ruleFlagsOf(flags), options: fileOptions };
  let pool: DetectPool | undefined;
  const seen = new Set<string>();
  let issues = 0;
  let events = 0;
  let files = 0;
  let matched = 0;
  let pendingBytes = 0;
  const emit = async (r: FileResult) => {
    if (r.issue) {
      issues++;
      warn(`skipped ${r.issue.file}: ${r.issue.reason}`);
    }
    events += r.events;
    pendingBytes -= r.inputBytes ?? 0;
    // A file's alerts are written as one chunk; an alert id already written (the same event read
    // twice) is cut out of it.
    const keep: number[] = [];
    for (let i = 0; i < r.ids.length; i++) {
      if (seen.has(r.ids[i]!)) continue;
      seen.add(r.ids[i]!);
      matched += r.ruleCounts[i]!;
      keep.push(i);
      if (batcher) await batcher.add(r.alerts![i]!);
    }
    const chunk = keep.length === r.ids.length ? r.chunk : keep.map((i) => r.chunk.slice(r.offsets[i], r.offsets[i + 1])).join('');
    await writer.writeFramed(chunk, keep.length);
  };
  // A worker gets the file while it has fewer than WORKER_BACKLOG files to go; otherwise this
  // thread (which also reads and writes) parses it at once, so neither waits for the other.
  const alertsOf = async (tree: TrailTree, file: TrailFile): Promise<FileResult> => {
    const read = await readTrailBytes(tree, file);
    if (read.issue) return skippedFile(read.issue);
    const inputBytes = read.bytes.length;
    pendingBytes += inputBytes;
    const result = pool && pool.backlog() < WORKER_BACKLOG ? await pool.run(file.path, read.bytes) : alertsOfFile(await parseCloudTrailBytes(read.bytes, file.path), rules, fileOptions);
    return Object.assign(result, { inputBytes });
  };
  const start = (tree: TrailTree, file: TrailFile): InFlight => {
    const entry: InFlight = { pending: alertsOf(tree, file).then((r) => void (entry.result = r)) };
    // Awaited in file order; a later file's failure must not count as unhandled meanwhile.
    entry.pending.catch(() => undefined);
    return entry;
  };
  try {
    // Results are emitted in file order as soon as they are in; this thread waits for a worker
    // only when the files in flight reach their bound.
    const inFlight: InFlight[] = [];
    const emitReady = async () => {
      while (inFlight[0]?.result) await emit(inFlight.shift()!.result!);
    };
    const emitHead = async () => {
      await inFlight[0]!.pending;
      await emitReady();
    };
    for (const source of flags.cloudtrail) {
      const { tree, files: listing } = await resolveSource(source, { window, aws: { profile: g.profile, region: g.region, endpointUrl: g.endpointUrl } });
      for await (const file of listing) {
        if (!pool && size > 0 && (requestedWorkers !== undefined || files >= FILES_BEFORE_POOL)) pool = new DetectPool(size, poolInit);
        files++;
        inFlight.push(start(tree, file));
        await emitReady();
        while (inFlight.length > MAX_FILES_IN_FLIGHT_PER_THREAD * (size + 1) || (inFlight.length > 1 && pendingBytes > MAX_BYTES_IN_FLIGHT)) await emitHead();
      }
    }
    while (inFlight.length > 0) await emitHead();
    await writer.end();
    await batcher?.flush();
    // Inputs were named but none could be read: that is an error, not a clean "0 alerts".
    if (files > 0 && issues === files && events === 0) throw new InputError(`none of the ${files} CloudTrail input file(s) could be read (see the warnings above)`, { file: flags.cloudtrail.join(', ') });
  } finally {
    await pool?.close();
    await store?.close();
  }
  info(`read ${events} events from ${files} files (${issues} skipped); ${seen.size} alerts (${matched} rule matches at ${minSeverity} or above) from ${rules.rules.length} rules`, g.quiet);
  if (batcher && store) {
    const s = batcher.stats;
    info(`stored ${s.inserted} new alerts in ${store.location}; delivered ${s.delivered}, retry pending ${s.retried}, failed ${s.failed}`, g.quiet);
  }
  return seen.size > 0 ? 1 : 0;
}

/** The rule flags alone (the workers' copy: sink settings and secrets stay in the main thread). */
function ruleFlagsOf(f: RuleFlags): RuleFlags {
  return { rules: f.rules, builtinRules: f.builtinRules, trustedAccounts: f.trustedAccounts, orgId: f.orgId, minSeverity: f.minSeverity, includeInfo: f.includeInfo };
}

export const detectCommand: CommandModule = {
  register(program: Command) {
    const cmd = program
      .command('detect')
      .description('run detection rules (CIS, IAM changes, high-value) over CloudTrail files, directories or S3')
      .requiredOption('--cloudtrail <path|s3-uri>', 'CloudTrail file, directory (AWSLogs/... layout) or s3://bucket/prefix (repeatable)', collect)
      .option('--start <time>', 'only events at or after this ISO time (prunes trail date folders)')
      .option('--end <time>', 'only events before this ISO time')
      .option('--workers <n>', 'worker threads that parse and match files beside the main thread (default: cores - 1, up to 3; 0 = none)');
    addRuleAndSinkOptions(cmd)
      .addHelpText(
        'after',
        '\nExamples:\n  $ cordon detect --cloudtrail ./AWSLogs --output table\n  $ cordon detect --cloudtrail s3://org-trail/AWSLogs/o-abc123/ --start 2024-05-01 --end 2024-05-02 --output jsonl\n  $ cordon detect --cloudtrail trail.json.gz --rules ./my-rules --min-severity HIGH --webhook https://hooks.example.com/cordon\n  $ cordon detect --cloudtrail trail.json --include-info --output jsonl   # every IAM call too (INFO catch-all iam-any-call)\n\nOne alert per event: its `rules` list every rule it matched, highest severity first; `severity` and `ruleId` are those of the top rule.\n',
      )
      .action(action((flags: DetectFlags, command: Command) => runDetect(flags, command)));
  },
};
