/**
 * `cordon remediate FINDING_ID` for a GCP finding: the plan as exact gcloud commands (dry-run), or
 * `--apply` (proof on `--snapshot` exports first, then the same plan through Google's clients,
 * journaled) and `--rollback`. `--strategy deny` is the default and means "the finding type's own
 * remediation": a deny policy for escalation, binding removal for exposure and risky grants,
 * disabling for keys and unused service accounts; `remove-binding` and `disable` choose explicitly.
 * `--endpoint-url` points the clients at a local stub of the Google APIs.
 */
import { RefusedError, UsageError } from '../../model/errors.js';
import type { Finding } from '../../model/finding.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import { defaultGcpStrategy, planGcpRemediation, type GcpStrategy } from '../../actions/gcp/plan.js';
import { proveGcpRemediation } from '../../actions/gcp/prove.js';
import { applyGcpPlan, renderGcpPlan, rollbackGcpPlan } from '../../actions/gcp/execute.js';
import { gcpRemediationKind } from '../../actions/gcp/steps.js';
import { permissionsOf } from '../../actions/steps/step.js';
import { createGcpGateway } from '../../gcp/remediation-gateway.js';
import { openStore } from '../../store/index.js';
import { info, printJson, warn } from '../output.js';
import { cliActor } from './findings.js';

export interface GcpRemediateFlags {
  apply?: boolean;
  rollback?: boolean;
  strategy: string;
  snapshot?: string[];
}

/** True when the stored finding `id` is a GCP one. */
export async function isGcpFinding(db: string | undefined, id: string): Promise<boolean> {
  const store = await openStore(db);
  try {
    return (await store.findings.get(id))?.details?.cloud === 'gcp';
  } finally {
    await store.close();
  }
}

/** Runs the GCP remediation command; returns the exit code. */
export async function remediateGcp(findingId: string, flags: GcpRemediateFlags, g: { db?: string; endpointUrl?: string; quiet?: boolean }, format: string): Promise<0> {
  if (!['deny', 'remove-binding', 'disable'].includes(flags.strategy)) throw new UsageError(`--strategy for a GCP finding must be deny|remove-binding|disable, got \`${flags.strategy}\``);
  if (flags.apply && flags.rollback) throw new UsageError('--apply and --rollback exclude each other');
  const store = await openStore(g.db);
  const gateway = () => createGcpGateway(g.endpointUrl ? { endpoint: g.endpointUrl } : {});
  try {
    const f = (await store.findings.get(findingId)) as Finding;
    const actor = cliActor();
    if (flags.rollback) {
      const gw = gateway();
      try {
        const r = await rollbackGcpPlan(findingId, gw, store, { actor, log: (l) => info(l, g.quiet) });
        if (format === 'json') printJson(r);
        else info(`rolled back ${r.undone} step(s) of ${r.executionId}`, false);
      } finally {
        gw.close();
      }
      return 0;
    }
    if (!flags.snapshot?.length) throw new UsageError('--snapshot FILES (the GCP exports) is required for a GCP finding: the plan and its proof are built from them');
    const { snapshot } = await loadSnapshotFiles(flags.snapshot);
    if (!snapshot.gcp) throw new UsageError('the --snapshot inputs hold no GCP exports');
    const strategy: GcpStrategy = flags.strategy === 'deny' ? defaultGcpStrategy(f) : (flags.strategy as GcpStrategy);
    const plan = planGcpRemediation(f, snapshot.gcp, strategy);
    const view = { plan, ...renderGcpPlan(plan), permissions: permissionsOf(plan.steps, gcpRemediationKind) };
    if (!flags.apply) {
      if (format === 'json') printJson(view);
      else process.stdout.write(`# ${plan.summary} (dry-run: nothing changed; --apply to apply)\n# needs: ${view.permissions.join(', ')}\n${plan.notes.map((n) => `# note: ${n}\n`).join('')}${view.cli.join('\n')}\n# rollback:\n${view.rollbackCli.map((c) => c.split('\n').map((l) => `#   ${l}`).join('\n')).join('\n')}\n`);
      return 0;
    }
    const proof = proveGcpRemediation(snapshot, f, plan, new Date());
    if (!proof.findingResolved) throw new RefusedError(`the plan would not resolve finding ${findingId}: the GCP analyzers still report it on the changed exports; not applied`);
    if (proof.brokenUsage.length) warn(`the deny blocks permission(s) ${f.principal as string} was seen using: ${proof.brokenUsage.join(', ')}`);
    const gw = gateway();
    try {
      const r = await applyGcpPlan(plan, gw, store, { actor, log: (l) => info(l, g.quiet) });
      if (format === 'json') printJson({ ...r, plan, proof });
      else info(`applied: ${plan.summary} (${r.applied} step(s) applied, ${r.resumed} already done; journal ${r.executionId}; proof: finding resolved on the changed exports)`, false);
    } finally {
      gw.close();
    }
    return 0;
  } finally {
    await store.close();
  }
}
