/**
 * Dry-run, apply and rollback of a GCP plan on the one step machine, journaled in the store's
 * action journal exactly as AWS remediation is (`remediation-<findingId>` executions, one row per
 * step, the state before journaled first), so `findings`, the server and the UI read it alike.
 */
import { RefusedError } from '../../model/errors.js';
import type { CordonStore } from '../../store/index.js';
import { entriesToApply, entriesToUndo, storeJournal } from '../steps/store-journal.js';
import { runSteps } from '../steps/run.js';
import type { GcpGateway } from './gateway.js';
import type { GcpRemediationPlan, GcpRemediationStep } from './plan.js';
import { gcpRemediationKind } from './steps.js';

const describe = (s: GcpRemediationStep): string => gcpRemediationKind(s).describe(s);
const kindName = (s: GcpRemediationStep): string => `gcp:${s.kind}`;

/** The plan's gcloud commands and, newest first, their undo. No cloud call. */
export function renderGcpPlan(plan: GcpRemediationPlan): { cli: string[]; rollbackCli: string[] } {
  return { cli: plan.steps.map((s) => gcpRemediationKind(s).cli(s, {}, {})), rollbackCli: [...plan.steps].reverse().map((s) => gcpRemediationKind(s).undoCli(s, {}, {})) };
}

async function latest(store: CordonStore, findingId: string) {
  return (await store.journal.list({ kind: 'remediation', subject: findingId, limit: 100 })).items[0];
}

/** Applies through the gateway, journaled; resumes an open execution of the same finding. */
export async function applyGcpPlan(plan: GcpRemediationPlan, gw: GcpGateway, store: CordonStore, options: { actor: string; now?: () => string; log?: (line: string) => void }): Promise<{ executionId: string; applied: number; resumed: number }> {
  const now = options.now ?? (() => new Date().toISOString());
  const last = await latest(store, plan.findingId);
  const attempts = (await store.journal.list({ kind: 'remediation', subject: plan.findingId, limit: 100 })).items.length;
  const executionId = !last ? `remediation-${plan.findingId}` : last.status !== 'rolled-back' ? last.id : `remediation-${plan.findingId}-${attempts + 1}`;
  const existing = await store.journal.get(executionId);
  await store.journal.start({ id: executionId, kind: 'remediation', subject: plan.findingId, actor: options.actor, metadata: { cloud: 'gcp', strategy: plan.strategy, summary: plan.summary }, now: now() });
  const run = await runSteps(entriesToApply(plan.steps, existing?.steps ?? [], describe), {
    mode: 'apply',
    kindOf: gcpRemediationKind,
    ctx: gw,
    journal: storeJournal(store.journal, executionId, 'apply', kindName, now),
    clock: now,
    onFailure: 'stop',
    progress: (e, i) => options.log?.(`applied step ${i + 1}/${plan.steps.length}: ${describe(e.spec)}`),
  });
  await store.journal.finish(executionId, { status: 'completed', now: now() });
  return { executionId, applied: run.ran, resumed: run.resumed };
}

/** Undoes every journaled step of the finding's newest execution, last first. */
export async function rollbackGcpPlan(findingId: string, gw: GcpGateway, store: CordonStore, options: { actor: string; now?: () => string; log?: (line: string) => void }): Promise<{ executionId: string; undone: number }> {
  const now = options.now ?? (() => new Date().toISOString());
  const last = await latest(store, findingId);
  if (!last || last.status === 'rolled-back') throw new RefusedError(`no applied remediation of finding ${findingId} in the journal; nothing to roll back`);
  const entry = (await store.journal.get(last.id))!;
  const run = await runSteps(entriesToUndo<GcpRemediationStep>(entry.steps, describe), {
    mode: 'undo',
    kindOf: gcpRemediationKind,
    ctx: gw,
    journal: storeJournal(store.journal, last.id, 'undo', kindName, now),
    clock: now,
    onFailure: 'stop',
    progress: (e) => options.log?.(`undid: ${describe(e.spec)}`),
  });
  await store.journal.finish(last.id, { status: 'rolled-back', metadata: { rolledBackBy: options.actor }, now: now() });
  return { executionId: last.id, undone: run.ran };
}
