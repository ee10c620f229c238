/**
 * Dry-run, apply and rollback of a plan, journaled in the store. One execution per finding and
 * attempt (`remediation-<findingId>`, then `-2`, `-3` after rollbacks): a second `--apply`
 * resumes the open one (steps are idempotent, nothing is duplicated) and `--rollback` finds
 * exactly what was done. Each step's
 * prior state is journaled (`planned`) BEFORE the change, and marked `applied` after, so a crash
 * between the two still leaves a journal that rollback can use (its undo is idempotent).
 */
import type { CliTarget } from '../aws-cli.js';
import { RefusedError } from '../../model/errors.js';
import type { CordonStore } from '../../store/index.js';
import type { RemediationGateway } from './gateway.js';
import type { RemediationPlan, RemediationStep } from './plan.js';
import { handlerOf } from './steps.js';

/** The newest remediation execution of a finding, if any. */
async function latestExecution(store: CordonStore, findingId: string) {
  const page = await store.journal.list({ kind: 'remediation', subject: findingId, limit: 100 });
  return page.items[0];
}

/** The execution to (re)use for applying: the open one, else a new attempt id. */
async function executionForApply(store: CordonStore, findingId: string): Promise<string> {
  const latest = await latestExecution(store, findingId);
  if (!latest) return `remediation-${findingId}`;
  if (latest.status !== 'rolled-back') return latest.id;
  const attempts = (await store.journal.list({ kind: 'remediation', subject: findingId, limit: 100 })).items.length;
  return `remediation-${findingId}-${attempts + 1}`;
}

/** The plan with each step's target state read from AWS, and its CLI rendering. */
export async function resolvePlan(plan: RemediationPlan, gw: RemediationGateway, target: CliTarget = {}): Promise<{ plan: RemediationPlan; cli: string[]; rollbackCli: string[] }> {
  const steps: RemediationStep[] = [];
  const rollbackCli: string[] = [];
  for (const step of plan.steps) {
    const h = handlerOf(step);
    const before = await h.before(gw, step);
    const resolved = h.resolve(step, before);
    steps.push(resolved);
    rollbackCli.unshift(h.undoCli(resolved, before, target));
  }
  return { plan: { ...plan, steps }, cli: steps.map((s) => handlerOf(s).cli(s, target)), rollbackCli };
}

export interface ApplyOutcome {
  executionId: string;
  applied: number;
  /** Steps found already done by an earlier (interrupted) run. */
  resumed: number;
}

export async function applyPlan(plan: RemediationPlan, gw: RemediationGateway, store: CordonStore, options: { actor: string; now?: () => string; log?: (line: string) => void }): Promise<ApplyOutcome> {
  const now = options.now ?? (() => new Date().toISOString());
  const executionId = await executionForApply(store, plan.findingId);
  const existing = await store.journal.get(executionId);
  await store.journal.start({ id: executionId, kind: 'remediation', subject: plan.findingId, actor: options.actor, metadata: { strategy: plan.strategy, summary: plan.summary }, now: now() });
  const journaled = existing?.steps ?? [];
  let applied = 0;
  let resumed = 0;
  for (const [index, step] of plan.steps.entries()) {
    const h = handlerOf(step);
    const prior = journaled.find((s) => s.index === index);
    if (prior?.status === 'applied') {
      resumed++;
      continue;
    }
    // The state before is journaled before the change; on a resumed step it is kept from the first run.
    const before = prior ? (prior.payload as { before: unknown }).before : await h.before(gw, step);
    if (!prior) await store.journal.appendStep(executionId, { index, kind: step.kind, status: 'planned', payload: { step, before }, now: now() });
    try {
      await h.apply(gw, step);
    } catch (err) {
      await store.journal.updateStep(executionId, index, { status: 'failed', error: (err as Error).message, now: now() });
      await store.journal.finish(executionId, { status: 'failed', now: now() });
      throw err;
    }
    await store.journal.updateStep(executionId, index, { status: 'applied', now: now() });
    options.log?.(`applied step ${index + 1}/${plan.steps.length}: ${step.kind}`);
    applied++;
  }
  await store.journal.finish(executionId, { status: 'completed', now: now() });
  return { executionId, applied, resumed };
}

/** Undoes every journaled step (applied, or planned: it may have been applied before a crash), last first. */
export async function rollbackRemediation(findingId: string, gw: RemediationGateway, store: CordonStore, options: { actor: string; now?: () => string; log?: (line: string) => void }): Promise<{ executionId: string; undone: number }> {
  const now = options.now ?? (() => new Date().toISOString());
  const latest = await latestExecution(store, findingId);
  if (!latest || latest.status === 'rolled-back') throw new RefusedError(`no applied remediation of finding ${findingId} in the journal; nothing to roll back`);
  const executionId = latest.id;
  const entry = (await store.journal.get(executionId))!;
  let undone = 0;
  for (const s of [...entry.steps].sort((a, b) => b.index - a.index)) {
    if (s.status === 'rolled-back') continue;
    const { step, before } = s.payload as { step: RemediationStep; before: unknown };
    await handlerOf(step).undo(gw, step, before);
    await store.journal.updateStep(executionId, s.index, { status: 'rolled-back', now: now() });
    options.log?.(`undid step ${s.index + 1}: ${step.kind}`);
    undone++;
  }
  await store.journal.finish(executionId, { status: 'rolled-back', metadata: { rolledBackBy: options.actor }, now: now() });
  return { executionId, undone };
}
