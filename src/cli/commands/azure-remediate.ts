/**
 * `cordon remediate FINDING_ID` for an Azure finding: the plan as exact `az` commands (dry-run),
 * `--apply` (engine proof on the `--snapshot` exports, then the same plan through the Azure SDK,
 * journaled) or `--rollback`. Strategies: `remove` (default; `deny` means the default), `eligible`,
 * `condition`, `disable`. `--from-servicebus <namespace>/<queue>` runs the peek-lock worker.
 * `--endpoint-url` points ARM and Graph at a local stub.
 */
import { RefusedError, UsageError } from '../../model/errors.js';
import type { Finding } from '../../model/finding.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import { AZURE_STRATEGIES, planAzureRemediation, type AzureStrategy } from '../../actions/azure/plan.js';
import { proveAzurePlan } from '../../actions/azure/prove.js';
import { applyAzurePlan, renderAzurePlan, rollbackAzurePlan } from '../../actions/azure/execute.js';
import { azureStepKind } from '../../actions/azure/steps.js';
import { snapshotReader } from '../../actions/azure/snapshot-reader.js';
import { runWorkerBatch } from '../../actions/azure/queue-worker.js';
import { permissionsOf } from '../../actions/steps/step.js';
import { azureRemediationGateway } from '../../azure/remediation-gateway.js';
import { openStore, type CordonStore } from '../../store/index.js';
import { info, printJson, warn } from '../output.js';
import { cliActor } from './findings.js';

export interface AzureRemediateFlags {
  apply?: boolean;
  rollback?: boolean;
  strategy: string;
  snapshot?: string[];
  fromServicebus?: string;
  untilEmpty?: boolean;
  maxDeliveries?: string;
}

type Globals = { db?: string; endpointUrl?: string; quiet?: boolean };

/** True when the stored finding `id` is an Azure one. */
export async function isAzureFinding(db: string | undefined, id: string): Promise<boolean> {
  const store = await openStore(db);
  try {
    return (await store.findings.get(id))?.details?.cloud === 'azure';
  } finally {
    await store.close();
  }
}

function strategyOf(flag: string): AzureStrategy {
  const s = flag === 'deny' ? 'remove' : flag;
  if (!(AZURE_STRATEGIES as readonly string[]).includes(s)) throw new UsageError(`--strategy for an Azure finding must be ${AZURE_STRATEGIES.join('|')}, got \`${flag}\``);
  return s as AzureStrategy;
}

const gateway = (g: Globals) => azureRemediationGateway(g.endpointUrl ? { armEndpoint: g.endpointUrl, graphEndpoint: g.endpointUrl } : {});

async function applyOne(store: CordonStore, finding: Finding, flags: AzureRemediateFlags, g: Globals) {
  if (!flags.snapshot?.length) throw new UsageError('--snapshot FILES (the Azure exports) is required for an Azure finding: the plan and its proof are built from them');
  const { snapshot } = await loadSnapshotFiles(flags.snapshot);
  if (!snapshot.azure) throw new UsageError('the --snapshot inputs hold no Azure exports');
  const plan = planAzureRemediation(finding, snapshot.azure, strategyOf(flags.strategy));
  return { plan, snapshot, store, g };
}

/** Runs the Azure remediation command for one finding; returns the exit code. */
export async function remediateAzure(findingId: string, flags: AzureRemediateFlags, g: Globals, format: string): Promise<0> {
  if (flags.apply && flags.rollback) throw new UsageError('--apply and --rollback exclude each other');
  const store = await openStore(g.db);
  try {
    const actor = cliActor();
    const now = () => new Date().toISOString();
    if (flags.rollback) {
      const r = await rollbackAzurePlan(findingId, gateway(g), store, { actor, now });
      if (format === 'json') printJson(r);
      else info(`rolled back ${r.undone} step(s) of ${r.executionId}${r.notes.length ? `; note: ${r.notes.join('; ')}` : ''}`, false);
      return 0;
    }
    const finding = (await store.findings.get(findingId)) as Finding;
    const { plan, snapshot } = await applyOne(store, finding, flags, g);
    const view = { plan, ...(await renderAzurePlan(plan, snapshotReader(snapshot.azure!))), permissions: permissionsOf(plan.steps, azureStepKind) };
    if (!flags.apply) {
      if (format === 'json') printJson(view);
      else process.stdout.write(`# ${plan.summary} (dry-run: nothing changed; --apply to apply)\n# needs: ${view.permissions.join(', ') || 'Microsoft Graph User.EnableDisableAccount.All / Application.ReadWrite.All'}\n${plan.irreversible.map((n) => `# cannot be undone: ${n}\n`).join('')}${view.cli.join('\n')}\n# rollback:\n${view.rollbackCli.map((c) => `#   ${c}`).join('\n')}\n`);
      return 0;
    }
    const proof = proveAzurePlan(snapshot, finding, plan, new Date());
    if (proof.checked && !proof.proven) throw new RefusedError(`the plan would not resolve finding ${findingId}: the Azure analyzers still report it on the changed exports; not applied`);
    if (!proof.checked) warn('disabling a principal is outside RBAC evaluation: not proven by the engine');
    const r = await applyAzurePlan(plan, gateway(g), store, { actor, now });
    if (format === 'json') printJson({ ...r, plan, proof });
    else info(`applied: ${plan.summary} (${r.applied} step(s) applied, ${r.resumed} already done; journal ${r.executionId})`, false);
    return 0;
  } finally {
    await store.close();
  }
}

/** `--from-servicebus`: peek-lock worker; each finding named by a message is planned from `--snapshot` and applied when `--apply`. */
export async function serviceBusWorker(flags: AzureRemediateFlags, g: Globals): Promise<0> {
  const { serviceBusReceiver, parseServiceBusTarget } = await import('../../azure/service-bus.js');
  parseServiceBusTarget(flags.fromServicebus!);
  if (!flags.snapshot?.length) throw new UsageError('--snapshot FILES (the Azure exports) is required with --from-servicebus');
  const maxDeliveries = Number(flags.maxDeliveries ?? '5');
  if (!Number.isInteger(maxDeliveries) || maxDeliveries < 1) throw new UsageError(`--max-deliveries must be a positive integer, got \`${flags.maxDeliveries}\``);
  const receiver = serviceBusReceiver(flags.fromServicebus!);
  const store = await openStore(g.db);
  let stop = false;
  const onSignal = () => (stop = true);
  process.once('SIGINT', onSignal);
  try {
    const handle = async (id: string) => {
      const finding = (await store.findings.get(id)) as Finding | undefined;
      if (!finding || finding.details?.cloud !== 'azure') return { status: 'skip' as const, line: `skipped ${id}: not an Azure finding in the store` };
      const { plan, snapshot } = await applyOne(store, finding, flags, g);
      if (!flags.apply) return { status: 'done' as const, line: `planned ${id} (dry-run): ${plan.summary}` };
      const proof = proveAzurePlan(snapshot, finding, plan, new Date());
      if (proof.checked && !proof.proven) return { status: 'skip' as const, line: `skipped ${id}: the plan would not resolve it` };
      const r = await applyAzurePlan(plan, gateway(g), store, { actor: `servicebus:${flags.fromServicebus}`, now: () => new Date().toISOString() });
      return { status: 'done' as const, line: `applied ${id}: ${plan.summary} (${r.applied} step(s), ${r.resumed} already done)` };
    };
    while (!stop) {
      const r = await runWorkerBatch(receiver, { maxDeliveries, handle, log: (l) => info(l, g.quiet) }, flags.untilEmpty ? 1000 : 20_000);
      if (r.received === 0 && flags.untilEmpty) break;
    }
  } finally {
    process.off('SIGINT', onSignal);
    await receiver.close();
    await store.close();
  }
  return 0;
}
