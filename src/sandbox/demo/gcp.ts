/**
 * The demo's GCP organization (example.com): the shipped gcloud exports in ./gcp-exports are
 * scanned into the same store as the AWS account (escalation incl. a transitive path, public
 * bucket, external member, risky grants), the escalation of alice (token minting on an Owner
 * service account) is remediated with a deny policy created through Google's client against a
 * loopback stub of the IAM API, and a re-scan with the deny policy read back marks it RESOLVED.
 */
import { fileURLToPath } from 'node:url';
import { runAnalyzers } from '../../analyzers/index.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import { gcpFileReader } from '../../collect/gcp/files.js';
import type { Finding } from '../../model/finding.js';
import { gcpScopeIds } from '../../model/gcp/scope.js';
import { planGcpRemediation } from '../../actions/gcp/plan.js';
import { proveGcpRemediation } from '../../actions/gcp/prove.js';
import { applyGcpPlan, renderGcpPlan } from '../../actions/gcp/execute.js';
import { createGcpGateway } from '../../gcp/remediation-gateway.js';
import { escapeHtml as e } from '../../findings/render/html-escape.js';
import { openStore } from '../../store/index.js';
import { GoogleStub } from './gcp-stub.js';

/** The shipped exports (copied to dist/ by the build). */
export const GCP_DEMO_EXPORTS = fileURLToPath(new URL('./gcp-exports/', import.meta.url));

export interface GcpDemoResult {
  findings: Finding[];
  remediation: { findingId: string; summary: string; cli: string[]; rollbackCli: string[]; status: string };
  section: { id: string; title: string; html: string };
}

/** Scans, remediates and re-scans the GCP organization into the store at `storePath`. */
export async function runGcpDemo(storePath: string, now: Date, say: (line: string) => void): Promise<GcpDemoResult> {
  const { snapshot } = await loadSnapshotFiles([GCP_DEMO_EXPORTS], { now });
  const scope = `accounts:${gcpScopeIds(snapshot.gcp).join(',')}|analyzers:gcp-demo`;
  const drafts = runAnalyzers({ snapshot, now, zone: 'account' }, ['gcp']);
  const store = await openStore(storePath);
  const stub = new GoogleStub();
  await stub.start();
  try {
    await store.scans.record({ scope, findings: drafts, now: now.toISOString(), actor: 'demo', inputs: { snapshot: ['gcp-exports'] } });
    const byType = new Map<string, number>();
    for (const d of drafts) byType.set(d.type, (byType.get(d.type) ?? 0) + 1);
    say(`    GCP example.com: ${drafts.length} finding(s) — ${[...byType].map(([t, n]) => `${n} ${t}`).join(', ')}`);
    const target = drafts.find((d) => d.principal === 'user:alice@example.com' && d.ruleId === 'GetServiceAccountAccessToken')!;
    const plan = planGcpRemediation(target, snapshot.gcp!);
    const proof = proveGcpRemediation(snapshot, target, plan, now);
    const rendered = renderGcpPlan(plan);
    say(`    remediating ${target.title}: ${plan.summary} (engine proof: path broken = ${proof.findingResolved})`);
    const gw = createGcpGateway({ endpoint: stub.url });
    try {
      await applyGcpPlan(plan, gw, store, { actor: 'demo', now: () => now.toISOString() });
    } finally {
      gw.close();
    }
    // Re-scan: the exports plus the deny policies now on the (stub) organization, as `gcloud iam policies list` returns them.
    const later = new Date(now.getTime() + 1000);
    const after = { ...snapshot, gcp: gcpFileReader.read({ policies: [...stub.denies.values()] }, 'live:iam.policies.list', snapshot.gcp, []) };
    await store.scans.record({ scope, findings: runAnalyzers({ snapshot: after, now: later, zone: 'account' }, ['gcp']), now: later.toISOString(), actor: 'demo', inputs: { snapshot: ['gcp-exports', 'live:iam.policies.list'] } });
    const findings = (await store.findings.list({ limit: 1000 })).items;
    const status = findings.find((f) => f.id === target.id)?.status ?? 'unknown';
    say(`    deny policy created through @google-cloud/iam on the loopback IAM stub; re-scan: ${status}; rollback: ${rendered.rollbackCli[0]}`);
    const remediation = { findingId: target.id, summary: plan.summary, cli: rendered.cli, rollbackCli: rendered.rollbackCli, status };
    return {
      findings,
      remediation,
      section: {
        id: 'gcp',
        title: `GCP organization example.com (${drafts.length} findings)`,
        html: `<p>Scanned from gcloud exports (Cloud Asset IAM policy search, roles, deny policies, service accounts and keys). Escalation paths: ${drafts.filter((d) => d.type === 'PrivilegeEscalation').length}, public: ${drafts.filter((d) => d.type === 'PublicAccess').length}, external: ${drafts.filter((d) => d.type === 'ExternalAccess').length}, risky: ${drafts.filter((d) => d.type === 'RiskyPermission').length}.</p>
<p>Remediation of finding <code>${e(target.id)}</code>: ${e(plan.summary)}; engine proof: ${proof.findingResolved ? 'the path is broken' : 'NOT proven'}; after the re-scan it is <strong>${e(status)}</strong>.</p>
<pre>${rendered.cli.map(e).join('\n')}</pre><p>Rollback:</p><pre>${rendered.rollbackCli.map(e).join('\n')}</pre>`,
      },
    };
  } finally {
    await stub.stop();
    await store.close();
  }
}
