/**
 * The demo's Azure tenant (Contoso): the shipped az/ARM/Graph exports in ./azure-exports are
 * scanned into the same store as the AWS account (escalation incl. transitive paths, guest and
 * foreign-tenant exposure, risky and unused access); alice's User Access Administrator escalation
 * is remediated by removing that role assignment through the real Azure SDK against a loopback
 * HTTPS stub of ARM, and a re-scan of the assignments read back marks it RESOLVED. The rollback
 * (`az role assignment create` with the same name) is shown, not run.
 */
import { fileURLToPath } from 'node:url';
import { runAnalyzers } from '../../analyzers/index.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import type { Finding } from '../../model/finding.js';
import { azureScopeIds } from '../../model/azure/scope.js';
import { planAzureRemediation } from '../../actions/azure/plan.js';
import { applyAzurePlan, renderAzurePlan } from '../../actions/azure/execute.js';
import { azureRemediationGateway } from '../../azure/remediation-gateway.js';
import { escapeHtml as e } from '../../findings/render/html-escape.js';
import { openStore } from '../../store/index.js';
import { demoStubCertificate, startAzureStub } from '../azure-stub.js';

/** The shipped exports (copied to dist/ by the build). */
export const AZURE_DEMO_EXPORTS = fileURLToPath(new URL('./azure-exports/', import.meta.url));
const ALICE = '00000000-0000-4000-a000-000000000001';

export interface AzureDemoResult {
  findings: Finding[];
  remediation: { findingId: string; summary: string; cli: string[]; rollbackCli: string[]; status: string };
  section: { id: string; title: string; html: string };
}

/** Scans, remediates and re-scans the Azure tenant into the store at `storePath`. */
export async function runAzureDemo(storePath: string, now: Date, say: (line: string) => void): Promise<AzureDemoResult> {
  const { snapshot } = await loadSnapshotFiles([AZURE_DEMO_EXPORTS], { now });
  const az = snapshot.azure!;
  const scope = `accounts:${azureScopeIds(az).join(',')}|analyzers:azure-demo`;
  const drafts = runAnalyzers({ snapshot, now, zone: 'account' }, ['azure']);
  const store = await openStore(storePath);
  const stub = await startAzureStub();
  try {
    await store.scans.record({ scope, findings: drafts, now: now.toISOString(), actor: 'demo', inputs: { snapshot: ['azure-exports'] } });
    const byType = new Map<string, number>();
    for (const d of drafts) byType.set(d.type, (byType.get(d.type) ?? 0) + 1);
    say(`    Azure Contoso: ${drafts.length} finding(s) — ${[...byType].map(([t, n]) => `${n} ${t}`).join(', ')}`);
    // The tenant's standing assignments, as ARM holds them, in the stub.
    for (const a of az.roleAssignments.filter((x) => x.tier === 'active')) {
      stub.assignments.set(`${a.scope.toLowerCase()}|${a.name}`, JSON.parse(JSON.stringify({ roleDefinitionId: a.roleDefinitionId, principalId: a.principalId, principalType: a.principalType, condition: a.condition, conditionVersion: a.conditionVersion })) as Record<string, unknown>);
    }
    const target = drafts.find((d) => d.principal === ALICE && d.ruleId === 'azure-001')!;
    const plan = planAzureRemediation(target, az, 'remove');
    const gw = azureRemediationGateway({ credential: { getToken: async () => ({ token: 'demo', expiresOnTimestamp: now.getTime() + 3_600_000 }) }, armEndpoint: stub.url, graphEndpoint: stub.url, ca: demoStubCertificate().cert });
    const rendered = await renderAzurePlan(plan, gw);
    say(`    remediating ${target.title}: ${plan.summary}`);
    await applyAzurePlan(plan, gw, store, { actor: 'demo', now: () => now.toISOString() });
    // Re-scan with the assignments read back from (stub) ARM.
    const later = new Date(now.getTime() + 1000);
    const present = new Set(stub.assignments.keys());
    const after = { ...snapshot, azure: { ...az, roleAssignments: az.roleAssignments.filter((a) => a.tier !== 'active' || present.has(`${a.scope.toLowerCase()}|${a.name}`)) } };
    await store.scans.record({ scope, findings: runAnalyzers({ snapshot: after, now: later, zone: 'account' }, ['azure']), now: later.toISOString(), actor: 'demo', inputs: { snapshot: ['azure-exports', 'live:roleAssignments'] } });
    const findings = (await store.findings.list({ limit: 2000 })).items;
    const status = findings.find((f) => f.id === target.id)?.status ?? 'unknown';
    say(`    role assignment removed through @azure/arm-authorization on the loopback ARM stub; re-scan: ${status}; rollback: ${rendered.rollbackCli[0]}`);
    const count = (t: string) => drafts.filter((d) => d.type === t).length;
    return {
      findings,
      remediation: { findingId: target.id, summary: plan.summary, cli: rendered.cli, rollbackCli: rendered.rollbackCli, status },
      section: {
        id: 'azure',
        title: `Azure tenant Contoso (${drafts.length} findings)`,
        html: `<p>Scanned from az CLI, ARM and Microsoft Graph exports (role assignments and definitions, deny assignments, PIM eligibility, resources with managed identities, users, groups, service principals, applications, directory roles). Escalation paths: ${count('PrivilegeEscalation')}, external: ${count('ExternalAccess')}, risky: ${count('RiskyPermission')}, unused: ${count('UnusedRole')}.</p>
<p>Remediation of finding <code>${e(target.id)}</code> (${e(target.title)}): ${e(plan.summary)}; after the re-scan it is <strong>${e(status)}</strong>. Cannot be undone exactly: ${e(plan.irreversible.join('; '))}.</p>
<pre>${rendered.cli.map(e).join('\n')}</pre><p>Rollback:</p><pre>${rendered.rollbackCli.map(e).join('\n')}</pre>`,
      },
    };
  } finally {
    await stub.close();
    await store.close();
  }
}
