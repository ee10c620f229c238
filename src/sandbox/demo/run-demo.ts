/**
 * `cordon demo`: the product end to end on the local sandbox, composing the same functions the
 * CLI and the server call. Every number it prints comes from running them on the seeded scenario
 * (change `scenario.ts` and the output changes). Steps whose module has not landed yet are shown
 * as skipped, never faked.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { containPrincipal, releasePrincipal, loadEngineEvaluator } from '../../actions/contain/index.js';
import type { ContainmentReport } from '../../actions/report/report.js';
import { runAnalyzers } from '../../analyzers/index.js';
import { createContainmentGateway } from '../../aws/containment-gateway.js';
import { seedScenario } from '../../aws/sandbox-seeder.js';
import { collectAccount } from '../../collect/live/collect-account.js';
import { ruleContext } from '../../detect/context.js';
import { RuleSet } from '../../detect/rule-set.js';
import { BUILTIN_RULES } from '../../detect/rules/index.js';
import { renderHtmlReport } from '../../findings/render/html-report.js';
import { escapeHtml as e } from '../../findings/render/html-escape.js';
import type { Alert } from '../../model/alert.js';
import type { Finding } from '../../model/finding.js';
import { directoryReportSink } from '../../store/report-dir.js';
import { openStore } from '../../store/index.js';
import { startMoto } from '../moto.js';
import { demoHistory } from './history.js';
import { defaultScenario, type DemoScenario } from './scenario.js';

export interface DemoOptions {
  /** Loopback port for the sandbox (free one when absent). */
  port?: number;
  /** Folder for the store, CloudTrail history, containment reports and the HTML report. */
  outDir: string;
  /** Leave the sandbox running (prints its endpoint). */
  keep?: boolean;
  scenario?: DemoScenario;
  /** One line per step (the CLI prints them). */
  say: (line: string) => void;
  now?: Date;
}

export interface DemoSummary {
  endpoint: string;
  findings: Finding[];
  archived: number;
  alerts: Alert[];
  containment?: { verified: boolean; released: boolean; report: string };
  reportPath: string;
  skipped: string[];
  /** The store file the demo wrote. */
  storePath: string;
  /** Containment reports folder. */
  reportDir: string;
  /** Region of the sandbox. */
  region: string;
  /** Stops the sandbox; present when it was kept running (`keep`). */
  stopSandbox?: () => Promise<void>;
}

/** Runs the whole demo and returns what it found. */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const say = options.say;
  const scenario = options.scenario ?? defaultScenario();
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const skipped: string[] = [];
  const now = options.now ?? new Date();

  say('1/8 starting the AWS sandbox (moto_server) on 127.0.0.1');
  const sandbox = await startMoto({ port: options.port });
  const target = { endpointUrl: sandbox.endpoint, region: scenario.region };
  const credentials = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
  for (const k of credentials) process.env[k] ??= 'demo';
  try {
    say(`2/8 building the Acme organization in it: ${scenario.users.length} users, ${scenario.roles.length} roles, ${scenario.buckets.length} buckets, ${scenario.keys.length} KMS key(s)`);
    const seeded = await seedScenario(scenario, target);

    say('3/8 collecting the account through the AWS SDK and scanning it');
    const snapshot = await collectAccount(target, { now });
    const drafts = runAnalyzers({ snapshot, now, zone: 'account' });
    const store = await openStore(join(outDir, 'cordon.db'));
    let findings: Finding[] = [];
    let archived = 0;
    let alerts: Alert[] = [];
    try {
      const scope = `accounts:${scenario.accountId}|analyzers:demo`;
      await store.scans.record({ scope, findings: drafts, now: now.toISOString(), actor: 'demo', inputs: { sandbox: sandbox.endpoint } });
      say('4/8 archiving the KMS partner account with an archive rule (applied retroactively)');
      await store.archiveRules.create({ name: 'known-partner', filter: { 'principal.AWS': { eq: ['arn:aws:iam::444455556666:root', '444455556666'] } } }, { actor: 'demo' });
      archived = (await store.archiveRules.apply('known-partner', { actor: 'demo' })).archived.length;
      findings = (await store.findings.list({ limit: 1000 })).items;

      say('5/8 detecting over the CloudTrail history (CIS, IAM change and high-value rules)');
      const events = demoHistory(scenario, seeded, { end: now });
      writeFileSync(join(outDir, 'cloudtrail.json'), JSON.stringify({ Records: events }));
      const rules = new RuleSet(BUILTIN_RULES, ruleContext({}));
      alerts = events.flatMap((event) => rules.evaluate(event));
      await store.alerts.insert(alerts, { sinks: [], now: now.toISOString() });
    } finally {
      await store.close();
    }

    say('6/8 least-privilege policy for build-runner and remediation of the external-access finding');
    skipped.push('least-privilege generation (lands with the right-sizing issue)', 'remediation apply + re-scan (lands with the remediation issue)');

    say('7/8 containing and releasing user carol (she minted a key for the admin)');
    const containment = await containAndRelease(target, join(outDir, 'reports'), now);

    say('8/8 writing the HTML report');
    const reportPath = join(outDir, 'report.html');
    writeFileSync(reportPath, renderHtmlReport({
      title: 'Cordon demo — Acme sandbox account', generatedAt: now.toISOString(), sources: snapshot.sources, findings,
      sections: [alertsSection(alerts), containmentSection(containment.report, containment.location)],
    }));
    if (options.keep) say(`sandbox kept running at ${sandbox.endpoint} (pid ${sandbox.pid})`);
    return {
      endpoint: sandbox.endpoint, findings, archived, alerts,
      containment: { verified: containment.report.verification?.verified ?? false, released: containment.released, report: containment.location ?? '' },
      reportPath, skipped, storePath: join(outDir, 'cordon.db'), reportDir: join(outDir, 'reports'), region: scenario.region,
      ...(options.keep ? { stopSandbox: () => sandbox.stop() } : {}),
    };
  } finally {
    if (!options.keep) await sandbox.stop();
  }
}

async function containAndRelease(target: { endpointUrl: string; region: string }, reportDir: string, now: Date) {
  const gateway = createContainmentGateway(target);
  const sink = directoryReportSink(reportDir);
  const clock = () => new Date().toISOString();
  const contained = await containPrincipal(
    { target: { type: 'iam-user', name: 'carol' }, apply: true, tags: { 'cordon:incident': `demo-${now.toISOString().slice(0, 10)}` }, bucketAccess: [] },
    { gateway, sink, clock, randomHex: () => Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0'), evaluate: await loadEngineEvaluator() },
  );
  const released = await releasePrincipal(contained.report, { apply: true, reactivateKeys: true, recreateLoginProfile: false }, { gateway, sink, clock });
  return { report: released.report, location: contained.location, released: !released.dryRun };
}

function alertsSection(alerts: Alert[]) {
  const rows = alerts.map((a) => `<tr><td><span class="badge ${a.severity}">${a.severity}</span></td><td><code>${e(a.ruleId)}</code></td><td>${e(a.eventTime)}</td><td>${e(a.eventName)}</td><td>${e(a.summary)}</td></tr>`).join('\n');
  return { id: 'alerts', title: `Detection alerts (${alerts.length})`, html: alerts.length ? `<table><thead><tr><th>Severity</th><th>Rule</th><th>Time</th><th>Event</th><th>Summary</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="empty">No alerts.</p>' };
}

function containmentSection(report: ContainmentReport, location?: string) {
  const steps = report.steps.map((s) => `<tr><td>${e(s.status)}</td><td>${e(s.description)}</td></tr>`).join('\n');
  const release = (report.release?.steps ?? []).map((s) => `<tr><td>${e(s.status)}</td><td>${e(s.description)}</td></tr>`).join('\n');
  return {
    id: 'containment',
    title: `Containment of ${report.target.type} ${report.target.name}`,
    html: `<p>Execution <code>${e(report.executionId)}</code>, report <code>${e(location ?? report.key)}</code>; verified: <strong>${e(report.verification?.verified ?? 'n/a')}</strong>.</p>
<h3>Contain</h3><table><tbody>${steps}</tbody></table><h3>Release</h3><table><tbody>${release}</tbody></table>`,
  };
}
