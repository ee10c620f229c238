/**
 * `cordon timeline`: replay the IAM and resource-policy changes of CloudTrail over a snapshot and
 * list each escalation or exposure finding that appeared or was resolved, with the event that caused
 * it (id, time, name, actor ARN, source IP) and the touched entities' state before and after.
 * Output: table, json, or html (one self-contained report, `timeline-html.ts`), to stdout or `--out FILE`.
 * Exit 1 when a finding appeared in the window, 0 when none, 2 on error.
 */
import type { Command } from 'commander';
import { readCloudTrail } from '../../activity/readers/read-events.js';
import { isStateChanging } from '../../activity/replay/index.js';
import { buildTimeline, type Timeline, type TimelineChange, type TimelineEntry } from '../../activity/timeline.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import { UsageError } from '../../model/errors.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { info, printJson, printTable, warn } from '../output.js';
import { renderTimelineHtml, writeReportFile } from './timeline-html.js';

interface TimelineFlags {
  snapshot: string[];
  cloudtrail: string[];
  start?: string;
  end?: string;
  zone: string;
  out?: string;
}

const COLUMNS = [
  { header: 'TIME', cell: (e: TimelineEntry) => e.event.time },
  { header: 'CHANGE', cell: (e: TimelineEntry) => e.change },
  { header: 'SEVERITY', cell: (e: TimelineEntry) => e.finding.severity },
  { header: 'TYPE', cell: (e: TimelineEntry) => e.finding.type },
  { header: 'EVENT', cell: (e: TimelineEntry) => `${e.event.name} ${e.event.id}` },
  { header: 'ACTOR', cell: (e: TimelineEntry) => e.event.actor ?? '-', maxWidth: 60 },
  { header: 'SOURCE IP', cell: (e: TimelineEntry) => e.event.sourceIp ?? '-' },
  { header: 'FINDING', cell: (e: TimelineEntry) => `${e.finding.id} ${e.finding.title}`, maxWidth: 100 },
];

const CHANGE_COLUMNS = [
  { header: 'TIME', cell: (c: TimelineChange) => c.event.time },
  { header: 'EVENT', cell: (c: TimelineChange) => `${c.event.name} ${c.event.id}` },
  { header: 'ACTOR', cell: (c: TimelineChange) => c.event.actor ?? '-', maxWidth: 60 },
  { header: 'SOURCE IP', cell: (c: TimelineChange) => c.event.sourceIp ?? '-' },
  { header: 'STATUS', cell: (c: TimelineChange) => (c.uncertain.length ? `${c.status} (uncertain)` : c.status) },
  { header: 'STATE CHANGE', cell: (c: TimelineChange) => c.note, maxWidth: 110 },
];

/** The JSON document `--output json` prints. */
export function timelineJson(timeline: Timeline, events: number) {
  return {
    events,
    stateChanges: timeline.changes.length,
    initialFindings: timeline.initial.map((f) => f.id),
    finalFindings: timeline.final.map((f) => f.id),
    entries: timeline.entries.map((e) => ({ change: e.change, eventId: e.event.id, eventTime: e.event.time, eventName: e.event.name, actor: e.event.actor ?? null, sourceIp: e.event.sourceIp ?? null, event: e.event, finding: e.finding, before: e.before, after: e.after })),
    changes: timeline.changes,
  };
}

export const timelineCommand: CommandModule = {
  register(program: Command) {
    program
      .command('timeline')
      .description('replay IAM and resource-policy changes from CloudTrail over a snapshot: when each escalation path or exposure appeared or was resolved, and by which event')
      .requiredOption('--snapshot <file...>', 'GAAD pages, resources.json, org.json or a Cordon snapshot: the state before the first event replayed')
      .requiredOption('--cloudtrail <path...>', 'CloudTrail files, folders or s3:// prefixes')
      .option('--start <time>', 'replay only events at or after this ISO time (the snapshot stands for the state at --start)')
      .option('--end <time>', 'replay only events before this ISO time')
      .option('--zone <zone>', 'zone of trust for exposure findings: account|organization', 'account')
      .option('--out <file>', 'write the json or html output to FILE (atomically, mode 0600; never through a symlink) instead of stdout')
      .addHelpText('after', '\nExamples:\n  $ cordon timeline --snapshot gaad.json --cloudtrail ./AWSLogs\n  $ cordon timeline --snapshot ./account --cloudtrail trail.json.gz --start 2024-05-01 --end 2024-05-02 --output json\n  $ cordon timeline --snapshot gaad.json --cloudtrail ./AWSLogs --output html --out timeline.html   # self-contained report\n')
      .action(
        action(async (flags: TimelineFlags, cmd: Command) => {
          const g = globalOptions(cmd);
          const format = outputFormat(g, ['table', 'json', 'html'] as const, 'table');
          if (flags.out !== undefined && format === 'table') throw new UsageError('--out writes --output json or html; the table goes to stdout');
          if (flags.zone !== 'account' && flags.zone !== 'organization') throw new UsageError(`--zone must be account|organization, got \`${flags.zone}\``);
          const window = { start: parseTime(flags.start, '--start'), end: parseTime(flags.end, '--end') };
          const { snapshot, issues } = await loadSnapshotFiles(flags.snapshot, { now: new Date() });
          if (issues.length) warn(`${issues.length} input issue(s); first: ${issues.slice(0, 3).map((i) => `${i.file ?? ''}${i.pointer ? `#${i.pointer}` : ''} ${i.message}`).join(' | ')}`);
          // Only state-changing events are kept in memory: a day of an org trail is mostly reads.
          const events: CloudTrailEvent[] = [];
          let total = 0;
          for await (const event of readCloudTrail(flags.cloudtrail, { window, aws: { profile: g.profile, region: g.region, endpointUrl: g.endpointUrl }, onIssue: (i) => warn(`${i.file}: ${i.reason}`) })) {
            total++;
            if (isStateChanging(event)) events.push(event);
          }
          const timeline = buildTimeline(snapshot, events, { zone: flags.zone, now: window.start ? new Date(window.start) : undefined });
          info(`replayed ${timeline.changes.length} state change(s) of ${total} event(s): ${timeline.entries.filter((e) => e.change === 'APPEARED').length} finding(s) appeared, ${timeline.entries.filter((e) => e.change === 'RESOLVED').length} resolved`, g.quiet);
          for (const c of timeline.changes) if (c.uncertain.length) warn(`${c.event.id} ${c.event.name}: state uncertain for ${c.uncertain.join(', ')}`);
          if (format === 'html' || (format === 'json' && flags.out !== undefined)) {
            const text = format === 'json' ? `${JSON.stringify(timelineJson(timeline, total), null, 2)}\n` : renderTimelineHtml({ timeline, events: total, snapshot: flags.snapshot, cloudtrail: flags.cloudtrail, window, generatedAt: new Date().toISOString() });
            if (flags.out !== undefined) {
              await writeReportFile(flags.out, text);
              info(`wrote ${flags.out}`, g.quiet);
            } else process.stdout.write(text);
          } else if (format === 'json') printJson(timelineJson(timeline, total));
          else {
            // Findings first (what a responder asks), then every state change replayed, findings or not.
            printTable(timeline.entries, COLUMNS);
            process.stdout.write('\n');
            printTable(timeline.changes, CHANGE_COLUMNS);
          }
          return timeline.entries.some((e) => e.change === 'APPEARED') ? 1 : 0;
        }),
      );
  },
};

/** `--start/--end` as ISO strings (a date alone means its midnight UTC), as `detect` reads them. */
function parseTime(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t)) throw new UsageError(`${flag} must be an ISO date or time, got \`${value}\``);
  return new Date(t).toISOString();
}
