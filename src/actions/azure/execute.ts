/**
 * Dry-run rendering, apply and rollback of an Azure plan on the shared step machine, journaled in
 * the store like AWS remediation (one execution per finding and attempt: `remediation-<id>`,
 * then `-2`... after rollbacks; a second apply resumes the open one).
 */
import { RefusedError } from '../../model/errors.js';
import type { CordonStore } from '../../store/index.js';
import { entriesToApply, entriesToUndo, storeJournal } from '../steps/store-journal.js';
import { runSteps } from '../steps/run.js';
import type { AzureRemediationGateway } from './gateway.js';
import type { AzurePlan } from './plan.js';
import { azureStepKind, type AzureStep } from './steps.js';

const describe = (s: AzureStep) => azureStepKind(s).describe(s);
const kindName = (s: AzureStep) => `azure:${s.kind}`;

/** The `az` commands of a plan and of its rollback (reading the current state through `gw` when given). */
export async function renderAzurePlan(plan: AzurePlan, gw?: AzureRemediationGateway): Promise<{ cli: string[]; rollbackCli: string[] }> {
  const cli: string[] = [];
  const rollbackCli: string[] = [];
  for (const s of plan.steps) {
    const kind = azureStepKind(s);
    const before = gw && kind.before ? await kind.before(s, gw) : undefined;
    cli.push(kind.cli(s, { before }, {}));
    rollbackCli.unshift(kind.undoCli(s, { before }, {}));
  }
  return { cli, rollbackCli };
}

async function executions(store: CordonStore, findingId: string) {
  return (await store.journal.list({ kind: 'remediation', subject: findingId, limit: 100 })).items;
}

/** Applies the plan (resuming an open execution), journaled in the store. */
export async function applyAzurePlan(plan: AzurePlan, gw: AzureRemediationGateway, store: CordonStore, options: { actor: string; now: () => string }): Promise<{ executionId: string; applied: number; resumed: number }> {
  const all = await executions(store, plan.findingId);
  const latest = all[0];
  const executionId = !latest ? `remediation-${plan.findingId}` : latest.status !== 'rolled-back' ? latest.id : `remediation-${plan.findingId}-${all.length + 1}`;
  const existing = await store.journal.get(executionId);
  await store.journal.start({ id: executionId, kind: 'remediation', subject: plan.findingId, actor: options.actor, metadata: { cloud: 'azure', strategy: plan.strategy, summary: plan.summary, irreversible: plan.irreversible }, now: options.now() });
  const run = await runSteps(entriesToApply(plan.steps, existing?.steps ?? [], describe), {
    mode: 'apply', kindOf: azureStepKind, ctx: gw, journal: storeJournal(store.journal, executionId, 'apply', kindName, options.now), clock: options.now, onFailure: 'stop',
  });
  await store.journal.finish(executionId, { status: 'completed', now: options.now() });
  return { executionId, applied: run.ran, resumed: run.resumed };
}

/** Undoes every journaled step of the newest execution, last first. */
export async function rollbackAzurePlan(findingId: string, gw: AzureRemediationGateway, store: CordonStore, options: { actor: string; now: () => string }): Promise<{ executionId: string; undone: number; notes: string[] }> {
  const latest = (await executions(store, findingId))[0];
  if (!latest || latest.status === 'rolled-back') throw new RefusedError(`no applied remediation of finding ${findingId} in the journal; nothing to roll back`);
  const entries = entriesToUndo<AzureStep>((await store.journal.get(latest.id))!.steps, describe);
  const run = await runSteps(entries, { mode: 'undo', kindOf: azureStepKind, ctx: gw, journal: storeJournal(store.journal, latest.id, 'undo', kindName, options.now), clock: options.now, onFailure: 'stop' });
  await store.journal.finish(latest.id, { status: 'rolled-back', metadata: { rolledBackBy: options.actor }, now: options.now() });
  return { executionId: latest.id, undone: run.ran, notes: entries.flatMap((e) => e.notes ?? []) };
}
