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
import { alertsOfEvent } from '../../detect/group-matches.js';
import { OPT_IN_RULE_IDS } from '../../detect/rules/iam.js';
import { BUILTIN_RULES } from '../../detect/rules/index.js';
import { renderHtmlReport } from '../../findings/render/html-report.js';
import { escapeHtml as e } from '../../findings/render/html-escape.js';
import type { Alert } from '../../model/alert.js';
import type { Finding } from '../../model/finding.js';
import { directoryReportSink } from '../../store/report-dir.js';
import { openStore } from '../../store/index.js';
import { startMoto } from '../moto.js';
import { ActivityAggregator } from '../../activity/aggregate.js';
import { remediationService } from '../../actions/remediate/index.js';
import { generatePolicy } from '../../analyzers/least-privilege/generate.js';
import { proveUsageAllowed } from '../../analyzers/least-privilege/prove.js';
import { createRemediationGateway } from '../../aws/remediation-gateway.js';
import { loadCatalog } from '../../catalog/index.js';
import type { Snapshot } from '../../model/snapshot/types.js';
import { demoHistory } from './history.js';
import { defaultScenario, type DemoScenario } from './scenario.js';
import { runAzureDemo } from './azure.js';
import { runGcpDemo } from './gcp.js';

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
  rightSizing?: RightSizing;
  remediation?: { findingId: string; summary: string; status: string };
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
      const rules = new RuleSet(BUILTIN_RULES.filter((r) => !OPT_IN_RULE_IDS.has(r.id)), ruleContext({}));
      // One alert per event with the rules it matched, LOW and above (as `cordon detect` by default).
      alerts = events.flatMap((event) => alertsOfEvent(rules.evaluate(event)));
      await store.alerts.insert(alerts, { sinks: [], now: now.toISOString() });
    } finally {
      await store.close();
    }

    say('6/8 least-privilege policy for build-runner from its CloudTrail activity, and remediation of the external-access finding');
    const rightSizing = await rightSize(scenario, join(outDir, 'cordon.db'), join(outDir, 'cloudtrail.json'), outDir);
    const remediation = await remediateExternal(target, join(outDir, 'cordon.db'), snapshot, now, scenario);
    if (remediation) findings = remediation.findings;
    else skipped.push('remediation: no external-access finding on Audit_CrossAccountRole in this scenario');

    say('7/8 containing and releasing user carol (she minted a key for the admin)');
    const containment = await containAndRelease(target, join(outDir, 'reports'), now);

    say('GCP: scanning the example.com organization from its gcloud exports and remediating an escalation with a deny policy');
    const gcp = await runGcpDemo(join(outDir, 'cordon.db'), now, say);
    findings = gcp.findings;

    say('Azure: scanning the Contoso tenant from its az/Graph exports and remediating an escalation through the Azure SDK');
    const azure = await runAzureDemo(join(outDir, 'cordon.db'), now, say);
    findings = azure.findings;

    say('8/8 writing the HTML report');
    const reportPath = join(outDir, 'report.html');
    writeFileSync(reportPath, renderHtmlReport({
      title: 'Cordon demo — Acme sandbox account and GCP organization example.com', generatedAt: now.toISOString(), sources: snapshot.sources, findings,
      sections: [alertsSection(alerts), rightSizingSection(rightSizing), ...(remediation ? [remediationSection(remediation)] : []), containmentSection(containment.report, containment.location), gcp.section, azure.section],
    }));
    if (options.keep) say(`sandbox kept running at ${sandbox.endpoint} (pid ${sandbox.pid}); stop it with: kill ${sandbox.pid}`);
    return {
      endpoint: sandbox.endpoint, findings, archived, alerts, rightSizing, ...(remediation ? { remediation: { findingId: remediation.findingId, summary: remediation.summary, status: remediation.status } } : {}),
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
  const rows = alerts.map((a) => `<tr><td><span class="badge ${a.severity}">${a.severity}</span></td><td>${a.rules.map((r) => `<code>${e(r.id)}</code>`).join(' ')}</td><td>${e(a.eventTime)}</td><td>${e(a.eventName)}</td><td>${e(a.summary)}</td></tr>`).join('\n');
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

/** What the right-sizing step found for build-runner. */
export interface RightSizing {
  principal: string;
  usedActions: string[];
  proof: { checked: number; allowed: number };
  policyFile: string;
  /** Prefix patterns granted beyond the observed ARNs, and what the engine says about unseen objects. */
  generalised: { pattern: string; observed: number }[];
  /** The next build's input (never observed) is allowed; a sibling folder of the bucket is not. */
  nextBuildAllowed: boolean;
  otherFolderAllowed: boolean;
}

/** Ingests the demo's CloudTrail history into the store and generates build-runner's policy from it. */
async function rightSize(scenario: DemoScenario, storePath: string, trailFile: string, outDir: string): Promise<RightSizing> {
  const catalog = await loadCatalog({ details: true });
  const { readFileSync } = await import('node:fs');
  const events = (JSON.parse(readFileSync(trailFile, 'utf8')) as { Records: Parameters<ActivityAggregator['add']>[0][] }).Records;
  const aggregator = new ActivityAggregator(catalog);
  for (const event of events) aggregator.add(event);
  const principal = `arn:aws:iam::${scenario.accountId}:role/build-runner`;
  const store = await openStore(storePath);
  try {
    await store.activity.ingest(aggregator.rows(), [{ key: trailFile, events: events.length }], new Date().toISOString());
    const activity = await store.activity.byPrincipal(principal);
    const result = generatePolicy(activity, { catalog });
    const proof = proveUsageAllowed(principal, result.policies, activity);
    const policyFile = join(outDir, 'least-privilege-build-runner.json');
    writeFileSync(policyFile, `${JSON.stringify(result.policies.length === 1 ? result.policies[0] : result.policies, null, 2)}\n`);
    const probe = (key: string) => proveUsageAllowed(principal, result.policies, [{ ...activity[0]!, action: 's3:GetObject', resourceArn: `arn:aws:s3:::acme-artifacts/${key}`, successCount: 1 }]).allowed === 1;
    return {
      principal, usedActions: result.usedActions, proof: { checked: proof.checked, allowed: proof.allowed }, policyFile,
      generalised: result.generalisation.widened.map((w) => ({ pattern: w.pattern, observed: w.observed })),
      nextBuildAllowed: probe('builds/8/input.tgz'), otherFolderAllowed: probe('secrets/prod.env'),
    };
  } finally {
    await store.close();
  }
}

/** Applies the remediation of the Audit_CrossAccountRole external-access finding, then re-collects and re-scans. */
async function remediateExternal(target: { endpointUrl: string; region: string }, storePath: string, snapshot: Snapshot, now: Date, scenario: DemoScenario) {
  const store = await openStore(storePath);
  try {
    const finding = (await store.findings.list({ limit: 1000 })).items.find((f) => f.type === 'ExternalAccess' && f.resource.endsWith(':role/Audit_CrossAccountRole') && f.status === 'ACTIVE');
    if (!finding) return undefined;
    const service = remediationService({ store, gateway: () => createRemediationGateway(target), snapshot: async () => snapshot, target });
    const view = await service.plan(finding.id);
    const applied = await service.apply(finding.id, { actor: 'demo' });
    const later = new Date(now.getTime() + 1000);
    const rescanned = await collectAccount(target, { now: later });
    await store.scans.record({ scope: `accounts:${scenario.accountId}|analyzers:demo`, findings: runAnalyzers({ snapshot: rescanned, now: later, zone: 'account' }), now: later.toISOString(), actor: 'demo', inputs: { sandbox: target.endpointUrl } });
    const findings = (await store.findings.list({ limit: 1000 })).items;
    return { findingId: finding.id, summary: applied.plan.summary, cli: view.cli, status: findings.find((f) => f.id === finding.id)?.status ?? 'unknown', findings };
  } finally {
    await store.close();
  }
}

/** How much broader than the history the generated policy is, in one sentence. */
export function generalisedText(r: RightSizing): string {
  if (r.generalised.length === 0) return 'no resource was generalised';
  const patterns = r.generalised.map((g) => `${g.pattern} (${g.observed} observed object calls)`).join(', ');
  return `generalised to ${patterns}: every other object under the prefix is allowed too — the next build's builds/8/input.tgz ${r.nextBuildAllowed ? 'is allowed' : 'is NOT allowed'} — while other folders of the bucket ${r.otherFolderAllowed ? 'are allowed' : 'stay denied'} (engine-checked)`;
}

function rightSizingSection(r: RightSizing) {
  return {
    id: 'least-privilege',
    title: `Least-privilege policy for ${r.principal.split('/').pop()}`,
    html: `<p>${r.usedActions.length} actions used in the CloudTrail history; the generated policy allows ${r.proof.allowed}/${r.proof.checked} observed calls (engine-checked). File <code>${e(r.policyFile)}</code>.</p><p>${e(generalisedText(r))}</p><p>${r.usedActions.map((a) => `<code>${e(a)}</code>`).join(' ')}</p>`,
  };
}

function remediationSection(r: { findingId: string; summary: string; cli: string[]; status: string }) {
  return {
    id: 'remediation',
    title: 'Remediation of the external-access finding',
    html: `<p>Finding <code>${e(r.findingId)}</code>: ${e(r.summary)}; after the re-scan it is <strong>${e(r.status)}</strong>.</p><pre>${r.cli.map(e).join('\n')}</pre>`,
  };
}
