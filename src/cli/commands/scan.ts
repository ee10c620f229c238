/**
 * `cordon scan`: load a snapshot, run the analyzers, record the scan in the store (lifecycle:
 * new ACTIVE, absent RESOLVED, archived stays ARCHIVED) and print the findings.
 * Exit 1 when ACTIVE findings exist, 0 when none, 2 on error.
 */
import type { Command } from 'commander';
import { ActivityAggregator } from '../../activity/aggregate.js';
import { readCloudTrail } from '../../activity/readers/read-events.js';
import { parseActivitySource, queryRemoteActivity } from '../../activity/readers/remote-source.js';
import { loadCatalog } from '../../catalog/index.js';
import { collectAccount } from '../../collect/live/collect-account.js';
import { terminalProgress } from '../progress.js';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { heapBudget } from '../heap-budget.js';
import { ANALYZERS, runAnalyzers } from '../../analyzers/index.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import { renderHtmlReport } from '../../findings/render/html-report.js';
import { findingsToSarif } from '../../findings/render/sarif.js';
import { UsageError } from '../../model/errors.js';
import type { Finding, FindingDraft } from '../../model/finding.js';
import { withStore } from '../../store/index.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { writeJsonArray, writeJsonArrayFile } from '../json-array.js';
import { info, printTable, warn } from '../output.js';
import { cliActor } from './findings.js';
import { gcpScopeIds } from '../../model/gcp/scope.js';
import { azureScopeIds } from '../../model/azure/scope.js';

const require = createRequire(import.meta.url);
const { version } = require('../../../package.json') as { version: string };

interface ScanFlags {
  snapshot?: string[];
  analyzers?: string;
  zone: string;
  unusedDays: string;
  now?: string;
  cloudtrail?: string[];
  store: boolean;
  out?: string;
}

const COLUMNS = [
  { header: 'ID', cell: (f: Finding) => f.id },
  { header: 'STATUS', cell: (f: Finding) => f.status },
  { header: 'SEVERITY', cell: (f: Finding) => f.severity },
  { header: 'TYPE', cell: (f: Finding) => f.type },
  { header: 'TITLE', cell: (f: Finding) => f.title, maxWidth: 90 },
];

export const scanCommand: CommandModule = {
  register(program: Command) {
    program
      .command('scan')
      .description('analyze a snapshot: escalation paths, risky permissions, external/public access, unused access')
      .option('--snapshot <file...>', 'GAAD pages, resources.json, org.json or a Cordon snapshot (files or directories); default: collect the account live')
      .option('--analyzers <list>', `comma-separated subset of ${ANALYZERS.map((a) => a.id).join(',')}`)
      .option('--zone <zone>', 'zone of trust for exposure findings: account|organization', 'account')
      .option('--unused-days <days>', 'age after which access counts as unused (1-365)', '90')
      .option('--cloudtrail <source...>', 'CloudTrail files/folders/s3://, athena://WORKGROUP/DB.TABLE or cloudtrail-lake://STORE, over the last --unused-days: adds UnusedPermission findings (granted minus used)')
      .option('--now <iso-time>', 'the scan clock (default: now); fixes ages and session times for reproducible scans')
      .option('--no-store', 'do not record the scan in the store (lifecycle fields are then this scan only)')
      .option('--out <path>', 'write the output to a file instead of stdout')
      .addHelpText('after', '\nExamples:\n  $ cordon scan --snapshot gaad.json\n  $ cordon scan --snapshot ./account-a ./org.json --zone organization --output json\n  $ cordon scan --snapshot gaad.json --output html --out report.html\n  $ cordon scan --snapshot gaad.json --output sarif --no-store > cordon.sarif\n')
      .action(
        action(async (flags: ScanFlags, cmd: Command) => {
          const opts = globalOptions(cmd);
          const format = outputFormat(opts, ['table', 'json', 'sarif', 'html'] as const, 'table');
          if (flags.zone !== 'account' && flags.zone !== 'organization') throw new UsageError(`--zone must be account|organization, got \`${flags.zone}\``);
          const only = flags.analyzers?.split(',').map((s) => s.trim()).filter(Boolean);
          const unknown = only?.filter((id) => !ANALYZERS.some((a) => a.id === id)) ?? [];
          if (unknown.length) throw new UsageError(`unknown analyzer(s) ${unknown.join(', ')}; known: ${ANALYZERS.map((a) => a.id).join(', ')}`);
          const now = flags.now ? new Date(flags.now) : new Date();
          if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO time, got \`${flags.now}\``);

          // No --snapshot: the account behind the global AWS flags, collected live now.
          const { snapshot, issues } = flags.snapshot?.length
            ? await loadSnapshotFiles(flags.snapshot, { now })
            : { snapshot: await collectAccount({ profile: opts.profile, region: opts.region, endpointUrl: opts.endpointUrl }, { now, progress: terminalProgress(opts.quiet) }), issues: [] };
          if (issues.length) warn(`${issues.length} input issue(s); first: ${issues.slice(0, 3).map((i) => `${i.file ?? ''}${i.pointer ? `#${i.pointer}` : ''} ${i.message}`).join(' | ')}`);
          const unusedDays = Number(flags.unusedDays);
          const activity = flags.cloudtrail?.length ? await usedActions(flags.cloudtrail, now, unusedDays, opts) : undefined;
          const drafts = runAnalyzers({ snapshot, now, zone: flags.zone, unusedDays, ...activity, budget: heapBudget() }, only);
          info(`analyzed ${snapshot.accounts.length} account(s): ${drafts.length} finding(s)`, opts.quiet);

          const findings = flags.store ? await recordScan(opts.db, [...snapshot.accounts.map((a) => a.accountId), ...gcpScopeIds(snapshot.gcp), ...azureScopeIds(snapshot.azure)], only, flags, drafts, now) : drafts.map((d) => asUnstored(d, now));
          // JSON is written element by element (one 80,000-finding string would be hundreds of MB).
          if (format === 'json') {
            if (flags.out) writeJsonArrayFile(findings, flags.out);
            else await writeJsonArray(findings, process.stdout);
          } else if (format === 'table' && !flags.out) printTable(findings, COLUMNS);
          else {
            const text = render(format, findings, flags.snapshot ?? snapshot.sources, now);
            if (flags.out) writeFileSync(flags.out, text);
            else process.stdout.write(text);
          }
          return findings.some((f) => f.status === 'ACTIVE') ? 1 : 0;
        }),
      );
  },
};

/** Records the scan; scope = the accounts and analyzers scanned, so a partial scan never resolves the rest. */
async function recordScan(db: string | undefined, accounts: string[], only: string[] | undefined, flags: ScanFlags, drafts: FindingDraft[], now: Date): Promise<Finding[]> {
  const scope = `accounts:${[...accounts].sort().join(',')}|analyzers:${(only ?? ANALYZERS.map((a) => a.id)).slice().sort().join(',')}`;
  return withStore(db, async (store) => {
    await store.scans.record({ scope, inputs: { snapshot: flags.snapshot, zone: flags.zone, unusedDays: flags.unusedDays }, versions: { cordon: version }, findings: drafts, now: now.toISOString(), actor: cliActor() });
    // One batched read-back, linear in the number of findings (paging with every id was quadratic).
    const byId = new Map<string, Finding>();
    for (const f of await store.findings.getMany(drafts.map((d) => d.id))) byId.set(f.id, f);
    return drafts.map((d) => byId.get(d.id) ?? asUnstored(d, now));
  });
}

function asUnstored(draft: FindingDraft, now: Date): Finding {
  return { ...draft, status: 'ACTIVE', createdAt: now.toISOString(), updatedAt: now.toISOString() };
}

function render(format: 'table' | 'sarif' | 'html', findings: Finding[], sources: string[], now: Date): string {
  if (format === 'sarif') return `${JSON.stringify(findingsToSarif(findings, version), null, 2)}\n`;
  if (format === 'html') return renderHtmlReport({ title: 'Cordon scan', generatedAt: now.toISOString(), sources, findings });
  return findings.map((f) => `${f.id}\t${f.status}\t${f.severity}\t${f.type}\t${f.title}`).join('\n') + '\n';
}

/** Actions each principal used successfully in the `days` before `now`, from CloudTrail. */
async function usedActions(sources: string[], now: Date, days: number, g: { profile?: string; region?: string; endpointUrl?: string; quiet?: boolean }) {
  const catalog = await loadCatalog();
  const aggregator = new ActivityAggregator(catalog);
  const window = { start: new Date(now.getTime() - days * 86_400_000).toISOString(), end: now.toISOString() };
  const aws = { profile: g.profile, region: g.region, endpointUrl: g.endpointUrl };
  // athena:// and cloudtrail-lake:// sources aggregate where the history lives (all principals, one query).
  const remoteRows = [];
  for (const source of sources) {
    const remote = parseActivitySource(source);
    if (remote.kind === 'files') continue;
    const r = await queryRemoteActivity(remote, { catalog, aws, ...window, onProgress: (p) => (p.state === 'SUCCEEDED' || p.state === 'FINISHED') && p.rows === 0 && info(`${source}: query ${p.queryId} ${p.state}, ${p.bytesScanned} bytes scanned`, g.quiet) });
    aggregator.counts.events += r.events;
    remoteRows.push(...r.aggregator.rows());
  }
  const files = sources.filter((s) => parseActivitySource(s).kind === 'files');
  if (files.length) for await (const event of readCloudTrail(files, { window, aws, onIssue: (i) => warn(`${i.file}: ${i.reason}`) })) aggregator.add(event);
  const activity = new Map<string, { usedActions: Set<string> }>();
  for (const row of [...aggregator.rows(), ...remoteRows]) {
    if (row.successCount === 0) continue;
    let a = activity.get(row.principalArn);
    if (!a) activity.set(row.principalArn, (a = { usedActions: new Set() }));
    a.usedActions.add(row.action);
  }
  info(`activity: ${aggregator.counts.events} events, ${activity.size} principal(s) with successful calls in the last ${days} days`, g.quiet);
  return { activity, catalog };
}
