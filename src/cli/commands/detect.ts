/**
 * `cordon detect --cloudtrail PATH|s3://...`: batch detection over CloudTrail files, directories
 * (org-trail layout, `--start/--end` pruning) or S3 prefixes with the built-in rule packs plus
 * `--rules DIR`. Streams alerts (json|jsonl|table) as they are produced; exit 1 when there are alerts. With sink flags the
 * alerts are also stored (`--db`) and delivered. Shared option helpers are exported for `watch`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readTrailFiles } from '../../activity/readers/read-events.js';
import { inWindow } from '../../activity/time-window.js';
import { ruleContext } from '../../detect/context.js';
import { parseRulePack } from '../../detect/rule-pack.js';
import { RuleSet } from '../../detect/rule-set.js';
import type { DetectionRule } from '../../detect/rule-types.js';
import { DEFAULT_MIN_SEVERITY, groupMatches } from '../../detect/group-matches.js';
import { OPT_IN_RULE_IDS } from '../../detect/rules/iam.js';
import { BUILTIN_RULES } from '../../detect/rules/index.js';
import { InputError, UsageError } from '../../model/errors.js';
import { SEVERITIES, type Severity } from '../../model/finding.js';
import { AlertBatcher } from '../../notify/alert-batcher.js';
import { buildSinks, parseSinksConfig, type SinkSpec } from '../../notify/sinks-config.js';
import type { AlertSink } from '../../notify/sink.js';
import { openStore } from '../../store/index.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, type GlobalOptions } from '../context.js';
import { info, warn } from '../output.js';
import { alertWriter, DETECT_FORMATS, type DetectFormat } from './detect-output.js';

/** Flags shared by detect and watch. */
export interface RuleAndSinkFlags {
  rules?: string[];
  builtinRules?: boolean;
  trustedAccounts?: string;
  orgId?: string;
  sinks?: string;
  webhook?: string[];
  webhookSecret?: string;
  slackWebhook?: string[];
  snsTopic?: string[];
  smtp?: string;
  mailTo?: string[];
  mailFrom?: string;
  minSeverity?: string;
  includeInfo?: boolean;
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

/** Loads the built-in rules (opt-in catch-alls only with `--include-info`) and every `.json` rule file of the `--rules` directories (sorted). */
export async function loadRules(flags: RuleAndSinkFlags): Promise<DetectionRule[]> {
  const rules: DetectionRule[] = flags.builtinRules === false ? [] : BUILTIN_RULES.filter((r) => flags.includeInfo || !OPT_IN_RULE_IDS.has(r.id));
  for (const dir of flags.rules ?? []) {
    const names = (await readdir(dir).catch((err: Error) => {
      throw new InputError(`cannot read rules directory \`${dir}\`: ${err.message}`, { file: dir });
    })).filter((n) => n.endsWith('.json')).sort();
    for (const name of names) {
      const file = join(dir, name);
      let doc: unknown;
      try {
        doc = JSON.parse(await readFile(file, 'utf8'));
      } catch (err) {
        throw new InputError(`rule file is not JSON: ${(err as Error).message}`, { file });
      }
      rules.push(...parseRulePack(doc, file));
    }
  }
  if (rules.length === 0) throw new UsageError('no rules: drop --no-builtin-rules or give --rules DIR');
  return rules;
}

/** Compiles the rule set with the zone-of-trust flags. */
export async function buildRuleSet(flags: RuleAndSinkFlags): Promise<RuleSet> {
  const trusted = (flags.trustedAccounts ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return new RuleSet(await loadRules(flags), ruleContext({ trustedAccounts: trusted, orgId: flags.orgId }));
}

/** `--min-severity`: LOW unless given; INFO when `--include-info` asks for the catch-all. */
export function minSeverityOf(flags: RuleAndSinkFlags): Severity {
  const value = (flags.minSeverity ?? (flags.includeInfo ? 'INFO' : DEFAULT_MIN_SEVERITY)).toUpperCase() as Severity;
  if (!SEVERITIES.includes(value)) throw new UsageError(`--min-severity must be one of ${SEVERITIES.join('|')}, got \`${flags.minSeverity}\``);
  return value;
}

/** Says when loaded rules can never alert because they sit below the floor (e.g. a user pack's INFO rules). */
export function noteRulesBelowFloor(rules: RuleSet, floor: Severity, quiet?: boolean): void {
  const below = rules.rules.filter((r) => SEVERITIES.indexOf(r.severity) > SEVERITIES.indexOf(floor));
  if (below.length) info(`${below.length} rule(s) below --min-severity ${floor} never alert: ${below.slice(0, 5).map((r) => r.id).join(', ')}${below.length > 5 ? ', …' : ''}`, quiet);
}

/** Sinks from `--sinks FILE` and the sink flags. */
export async function buildSinksFromFlags(flags: RuleAndSinkFlags, g: GlobalOptions): Promise<AlertSink[]> {
  const specs: SinkSpec[] = [];
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
}

async function runDetect(flags: DetectFlags, command: Command): Promise<0 | 1> {
  const g = globalOptions(command);
  const format = (g.output ?? 'table') as DetectFormat;
  if (!DETECT_FORMATS.includes(format)) throw new UsageError(`--output must be one of ${DETECT_FORMATS.join('|')}, got \`${format}\``);
  const window = { start: parseTime(flags.start, '--start'), end: parseTime(flags.end, '--end') };
  const minSeverity = minSeverityOf(flags);
  const rules = await buildRuleSet(flags);
  noteRulesBelowFloor(rules, minSeverity, g.quiet);
  const sinks = await buildSinksFromFlags(flags, g);
  // Alerts stream out as produced (file order, then event order), one per event with the rules it
  // matched (grouped right after matching it): only their ids are kept, to drop an event read
  // twice; memory stays flat in the number of alerts and events.
  const store = sinks.length > 0 ? await openStore(g.db) : undefined;
  const batcher = store ? new AlertBatcher(store.alerts, sinks, { clock: () => new Date(), onError: (s, id, e) => warn(`${s.label}: alert ${id}: ${e}`) }) : undefined;
  const writer = alertWriter(format, process.stdout);
  const seen = new Set<string>();
  let issues = 0;
  let events = 0;
  let files = 0;
  let matched = 0;
  try {
    for (const source of flags.cloudtrail) {
      for await (const { parsed } of readTrailFiles(source, { window, aws: { profile: g.profile, region: g.region, endpointUrl: g.endpointUrl } })) {
        files++;
        if (parsed.issue) {
          issues++;
          warn(`skipped ${parsed.issue.file}: ${parsed.issue.reason}`);
        }
        for (const e of parsed.events) {
          if ((window.start || window.end) && !inWindow(e.eventTime, window)) continue;
          events++;
          const matches = rules.evaluate(e);
          if (matches.length === 0) continue;
          const a = groupMatches(matches, { minSeverity });
          if (!a || seen.has(a.id)) continue;
          seen.add(a.id);
          matched += a.rules.length;
          await writer.write(a);
          await batcher?.add(a);
        }
      }
    }
    await writer.end();
    await batcher?.flush();
    // Inputs were named but none could be read: that is an error, not a clean "0 alerts".
    if (files > 0 && issues === files && events === 0) throw new InputError(`none of the ${files} CloudTrail input file(s) could be read (see the warnings above)`, { file: flags.cloudtrail.join(', ') });
  } finally {
    await store?.close();
  }
  info(`read ${events} events from ${files} files (${issues} skipped); ${seen.size} alerts (${matched} rule matches at ${minSeverity} or above) from ${rules.rules.length} rules`, g.quiet);
  if (batcher && store) {
    const s = batcher.stats;
    info(`stored ${s.inserted} new alerts in ${store.location}; delivered ${s.delivered}, retry pending ${s.retried}, failed ${s.failed}`, g.quiet);
  }
  return seen.size > 0 ? 1 : 0;
}

export const detectCommand: CommandModule = {
  register(program: Command) {
    const cmd = program
      .command('detect')
      .description('run detection rules (CIS, IAM changes, high-value) over CloudTrail files, directories or S3')
      .requiredOption('--cloudtrail <path|s3-uri>', 'CloudTrail file, directory (AWSLogs/... layout) or s3://bucket/prefix (repeatable)', collect)
      .option('--start <time>', 'only events at or after this ISO time (prunes trail date folders)')
      .option('--end <time>', 'only events before this ISO time');
    addRuleAndSinkOptions(cmd)
      .addHelpText(
        'after',
        '\nExamples:\n  $ cordon detect --cloudtrail ./AWSLogs --output table\n  $ cordon detect --cloudtrail s3://org-trail/AWSLogs/o-abc123/ --start 2024-05-01 --end 2024-05-02 --output jsonl\n  $ cordon detect --cloudtrail trail.json.gz --rules ./my-rules --min-severity HIGH --webhook https://hooks.example.com/cordon\n  $ cordon detect --cloudtrail trail.json --include-info --output jsonl   # every IAM call too (INFO catch-all iam-any-call)\n\nOne alert per event: its `rules` list every rule it matched, highest severity first; `severity` and `ruleId` are those of the top rule.\n',
      )
      .action(action((flags: DetectFlags, command: Command) => runDetect(flags, command)));
  },
};
