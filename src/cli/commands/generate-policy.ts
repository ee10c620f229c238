/**
 * `cordon generate-policy --principal ARN --cloudtrail PATH|s3://...`: a least-privilege policy
 * from what the principal really did, for any window. Trail files are ingested into the store
 * once (per file key, size and etag) so later runs can query other windows without re-reading;
 * `--no-store` aggregates in memory only. The policy is proven with the engine: every successful
 * observed call must be Allowed by it. `--output json` prints the policy document itself (so it can
 * be piped to `cordon validate` or `aws iam create-policy`); `--output cli` prints the AWS CLI
 * commands that create and attach it; details go to stderr and, with `--report FILE`, to a file.
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { ActivityAggregator, type UnmappedEvent } from '../../activity/aggregate.js';
import { readTrailFiles } from '../../activity/readers/read-events.js';
import { parseActivitySource, queryRemoteActivity } from '../../activity/readers/remote-source.js';
import { awsCommand } from '../../actions/aws-cli.js';
import { RESOURCE_GRANULARITIES, type ResourceGranularity } from '../../analyzers/least-privilege/generalise.js';
import { generatePolicy } from '../../analyzers/least-privilege/generate.js';
import { proveUsageAllowed } from '../../analyzers/least-privilege/prove.js';
import { loadCatalog } from '../../catalog/index.js';
import type { ActivityRow, ActivitySummary } from '../../model/activity.js';
import { UsageError } from '../../model/errors.js';
import { openStore } from '../../store/index.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { info, printJson, warn } from '../output.js';
import { parseTime } from './detect.js';

const EXAMPLES = `
Examples:
  $ cordon generate-policy --principal arn:aws:iam::111122223333:role/app --cloudtrail ./AWSLogs --output json > app.json
  $ cordon generate-policy --principal arn:aws:iam::111122223333:user/ci --cloudtrail s3://org-trail/AWSLogs/ --start 2026-08-01 --end 2026-11-01 --output cli
  $ cordon generate-policy --principal arn:aws:iam::111122223333:role/app --start 2026-10-01   # from activity already ingested
`;

interface Flags {
  principal: string;
  cloudtrail?: string[];
  start?: string;
  end?: string;
  resourcePlaceholders?: boolean;
  resourceGranularity: string;
  store: boolean;
  report?: string;
  policyName?: string;
}

const day = (iso: string | undefined) => iso?.slice(0, 10);

/** Sums day rows into per-(action, resource) summaries within [start, end) days. */
function summarize(rows: readonly ActivityRow[], principal: string, start?: string, end?: string): ActivitySummary[] {
  const out = new Map<string, ActivitySummary>();
  for (const r of rows) {
    if (r.principalArn !== principal || (start && r.day < start) || (end && r.day >= end)) continue;
    const key = `${r.action}\u0000${r.resourceArn}`;
    const s = out.get(key);
    if (!s) out.set(key, { ...r, days: 1 });
    else {
      s.successCount += r.successCount;
      s.deniedCount += r.deniedCount;
      s.days++;
      if (r.firstSeen < s.firstSeen) s.firstSeen = r.firstSeen;
      if (r.lastSeen > s.lastSeen) s.lastSeen = r.lastSeen;
    }
  }
  return [...out.values()];
}

/** Store summaries plus in-memory ones (pushed-down sources), summed per (action, resource). */
function mergeSummaries(a: readonly ActivitySummary[], b: readonly ActivitySummary[]): ActivitySummary[] {
  if (b.length === 0) return [...a];
  const out = new Map<string, ActivitySummary>();
  for (const r of [...a, ...b]) {
    const key = `${r.action}\u0000${r.resourceArn}`;
    const s = out.get(key);
    if (!s) out.set(key, { ...r });
    else {
      s.successCount += r.successCount;
      s.deniedCount += r.deniedCount;
      s.days = Math.max(s.days, r.days);
      if (r.firstSeen < s.firstSeen) s.firstSeen = r.firstSeen;
      if (r.lastSeen > s.lastSeen) s.lastSeen = r.lastSeen;
    }
  }
  return [...out.values()];
}

export const generatePolicyCommand: CommandModule = {
  register(program: Command) {
    program
      .command('generate-policy')
      .description('generate a least-privilege policy from CloudTrail activity of one principal (proven with the engine)')
      .requiredOption('--principal <arn>', 'IAM user or role ARN (sessions of a role are folded to it)')
      .option('--cloudtrail <source...>', 'CloudTrail files, folders, s3:// prefixes (ingested into the store once), athena://WORKGROUP/DB.TABLE or cloudtrail-lake://EVENT_DATA_STORE (aggregated where the history lives)')
      .option('--start <time>', 'window start (ISO date or time)')
      .option('--end <time>', 'window end, exclusive')
      .option('--resource-placeholders', 'write ARN templates such as arn:aws:s3:::${BucketName} where the resource is unknown (instead of *)')
      .option('--resource-granularity <g>', 'exact (observed ARNs), prefix (object ARNs to their common folder, many ARNs of a type to a name pattern), or service (*)', 'prefix')
      .option('--no-store', 'aggregate in memory; do not ingest into the store')
      .option('--report <file>', 'write the full result (policies, unknown events, denied-only actions, proof) as JSON')
      .option('--policy-name <name>', 'policy name for --output cli (default cordon-least-privilege-<principal name>)')
      .addHelpText('after', EXAMPLES)
      .action(action(async (flags: Flags, cmd: Command) => {
        const g = globalOptions(cmd);
        const format = outputFormat(g, ['json', 'cli'], 'json');
        if (!/^arn:aws[a-z-]*:iam::\d{12}:(user|role)\/.+/.test(flags.principal)) throw new UsageError(`--principal must be an IAM user or role ARN, got \`${flags.principal}\``);
        const window = { start: parseTime(flags.start, '--start'), end: parseTime(flags.end, '--end') };
        if (!RESOURCE_GRANULARITIES.includes(flags.resourceGranularity as ResourceGranularity)) throw new UsageError(`--resource-granularity must be one of ${RESOURCE_GRANULARITIES.join(', ')}, got \`${flags.resourceGranularity}\``);
        if (!flags.cloudtrail?.length && !flags.store) throw new UsageError('--no-store needs --cloudtrail: there is nothing to read');
        const catalog = await loadCatalog({ details: true });
        const aws = { profile: g.profile, region: g.region, endpointUrl: g.endpointUrl };

        const memory: ActivityRow[] = [];
        const unknown = new Map<string, UnmappedEvent>();
        const issues: string[] = [];
        let events = 0;
        const store = flags.store ? await openStore(g.db) : undefined;
        let activity: ActivitySummary[];
        try {
          for (const source of flags.cloudtrail ?? []) {
            const remote = parseActivitySource(source);
            if (remote.kind !== 'files') {
              // Pushed down to Athena / CloudTrail Lake: only grouped rows come back.
              const end = window.end ?? new Date().toISOString();
              const start = window.start ?? new Date(Date.parse(end) - 90 * 86_400_000).toISOString();
              let last = '';
              const r = await queryRemoteActivity(remote, {
                catalog, aws, start, end, principal: flags.principal,
                onProgress: (p) => {
                  const line = `${source}: query ${p.queryId} ${p.state}, ${p.bytesScanned} bytes scanned${p.rows ? `, ${p.rows} rows` : ''}`;
                  if (line !== last) info((last = line), g.quiet);
                },
              });
              events += r.events;
              for (const u of r.aggregator.unmapped(flags.principal)) {
                const k = `${u.eventSource}:${u.eventName}`;
                const have = unknown.get(k);
                if (have) have.count += u.count;
                else unknown.set(k, { ...u });
              }
              // Not ingested: the history stays where it lives, and re-running a window must not count it twice.
              memory.push(...r.aggregator.rows());
              continue;
            }
            for await (const { file, parsed } of readTrailFiles(source, { aws, onIssue: (i) => issues.push(`${i.file}: ${i.reason}`) })) {
              if (parsed.issue) issues.push(`${parsed.issue.file}: ${parsed.issue.reason}`);
              const agg = new ActivityAggregator(catalog);
              for (const e of parsed.events) agg.add(e);
              events += parsed.events.length;
              for (const u of agg.unmapped(flags.principal)) {
                const k = `${u.eventSource}:${u.eventName}`;
                const have = unknown.get(k);
                if (have) have.count += u.count;
                else unknown.set(k, { ...u });
              }
              if (store) {
                const ref = { key: file.path, ...(file.size !== undefined ? { size: file.size } : {}), ...(file.etag ? { etag: file.etag } : {}), events: parsed.events.length };
                if ((await store.activity.newFiles([ref])).length > 0) await store.activity.ingest(agg.rows(), [ref], new Date().toISOString());
              } else memory.push(...agg.rows());
            }
          }
          const startDay = day(window.start);
          // The store's end is inclusive by day; an exclusive end at midnight is the day before.
          const endDay = window.end ? day(new Date(Date.parse(window.end) - 1).toISOString()) : undefined;
          const fromMemory = summarize(memory, flags.principal, startDay, window.end ? day(window.end) : undefined);
          activity = store
            ? mergeSummaries(await store.activity.byPrincipal(flags.principal, { ...(startDay ? { start: startDay } : {}), ...(endDay ? { end: endDay } : {}) }), fromMemory)
            : fromMemory;
        } finally {
          await store?.close();
        }
        if (activity.length === 0) throw new UsageError(`no activity of ${flags.principal} in ${flags.cloudtrail?.length ? 'these CloudTrail files' : 'the store'}${window.start || window.end ? ' within the window' : ''}`);

        const result = generatePolicy(activity, { catalog, resourcePlaceholders: flags.resourcePlaceholders === true, granularity: flags.resourceGranularity as ResourceGranularity });
        const proof = proveUsageAllowed(flags.principal, result.policies, activity);
        const unknownEvents = [...unknown.values()].sort((a, b) => b.count - a.count);
        if (proof.denied.length > 0) warn(`the generated policy does not allow ${proof.denied.length} observed call(s): ${proof.denied.slice(0, 3).map((d) => `${d.action} on ${d.resource}`).join(', ')}`);
        info(`${flags.principal}: ${result.usedActions.length} actions used successfully${events ? ` in ${events} events read` : ''}; proof: ${proof.allowed}/${proof.checked} observed (action, resource) pairs allowed${proof.placeholder.length ? `, ${proof.placeholder.length} await a placeholder` : ''}`, g.quiet);
        const gen = result.generalisation;
        if (gen.widened.length) info(`generalised (${gen.granularity}): ${gen.observedPairs} observed (action, resource) pairs granted as ${gen.grantedPairs}; broader than observed: ${gen.widened.map((w) => `${w.pattern} (${w.observed} observed)`).join(', ')}`, g.quiet);
        if (result.deniedOnly.length) info(`denied only (not granted): ${result.deniedOnly.join(', ')}`, g.quiet);
        if (unknownEvents.length) info(`events with no known IAM action (not granted): ${unknownEvents.map((u) => `${u.eventSource}:${u.eventName} ×${u.count}`).join(', ')}`, g.quiet);
        if (issues.length) warn(`${issues.length} file(s) skipped: ${issues.slice(0, 3).join('; ')}`);
        if (result.policies.length > 1) info(`the policy is split into ${result.policies.length} documents to stay within the 6,144-character managed-policy quota`, g.quiet);

        if (flags.report) writeFileSync(flags.report, `${JSON.stringify({ principal: flags.principal, window, ...result, unknownEvents, proof }, null, 2)}\n`);
        if (format === 'json') printJson(result.policies.length === 1 ? result.policies[0] : result.policies);
        else process.stdout.write(`${cliCommands(flags.principal, result.policies, flags.policyName, aws).join('\n')}\n`);
        return 0 as const;
      }));
  },
};

/** create-policy + attach-user/role-policy for each generated document. */
function cliCommands(principal: string, policies: readonly object[], name: string | undefined, target: { profile?: string; region?: string; endpointUrl?: string }): string[] {
  const [, , , , account, resource] = principal.split(':') as [string, string, string, string, string, string];
  const kind = resource.startsWith('user/') ? 'user' : 'role';
  const entity = resource.slice(resource.lastIndexOf('/') + 1);
  const base = name ?? `cordon-least-privilege-${entity}`;
  return policies.flatMap((doc, i) => {
    const policyName = policies.length > 1 ? `${base}-${i + 1}` : base;
    return [
      awsCommand('iam', 'create-policy', { 'policy-name': policyName, 'policy-document': JSON.stringify(doc) }, target),
      awsCommand('iam', kind === 'user' ? 'attach-user-policy' : 'attach-role-policy', { [`${kind}-name`]: entity, 'policy-arn': `arn:aws:iam::${account}:policy/${policyName}` }, target),
    ];
  });
}
