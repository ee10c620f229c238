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
import { entriesToApply, entriesToUndo, storeJournal } from '../steps/store-journal.js';
import { runSteps } from '../steps/run.js';
import { remediationKind } from './steps.js';

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
    const kind = remediationKind(step);
    const before = await kind.before!(step, gw);
    const resolved = kind.resolve ? kind.resolve(step, before) : step;
    steps.push(resolved);
    rollbackCli.unshift(kind.undoCli(resolved, { before }, target));
  }
  return { plan: { ...plan, steps }, cli: steps.map((s) => remediationKind(s).cli(s, {}, target)), rollbackCli };
}

export interface ApplyOutcome {
  executionId: string;
  applied: number;
  /** Steps found already done by an earlier (interrupted) run. */
  resumed: number;
}

const describe = (step: RemediationStep) => remediationKind(step).describe(step);
const kindName = (step: RemediationStep) => step.kind;

/** Applies a plan through the step machine, journaled in the store (resumes an open execution). */
export async function applyPlan(plan: RemediationPlan, gw: RemediationGateway, store: CordonStore, options: { actor: string; now?: () => string; log?: (line: string) => void }): Promise<ApplyOutcome> {
  const now = options.now ?? (() => new Date().toISOString());
  const executionId = await executionForApply(store, plan.findingId);
  const existing = await store.journal.get(executionId);
  await store.journal.start({ id: executionId, kind: 'remediation', subject: plan.findingId, actor: options.actor, metadata: { strategy: plan.strategy, summary: plan.summary }, now: now() });
  const entries = entriesToApply(plan.steps, existing?.steps ?? [], describe);
  const run = await runSteps(entries, {
    mode: 'apply',
    kindOf: remediationKind,
    ctx: gw,
    journal: storeJournal(store.journal, executionId, 'apply', kindName, now),
    clock: now,
    onFailure: 'stop',
    progress: (e, i) => options.log?.(`applied step ${i + 1}/${plan.steps.length}: ${e.spec.kind}`),
  });
  await store.journal.finish(executionId, { status: 'completed', now: now() });
  return { executionId, applied: run.ran, resumed: run.resumed };
}

/** Undoes every journaled step (applied, or planned: it may have been applied before a crash), last first. */
export async function rollbackRemediation(findingId: string, gw: RemediationGateway, store: CordonStore, options: { actor: string; now?: () => string; log?: (line: string) => void }): Promise<{ executionId: string; undone: number }> {
  const now = options.now ?? (() => new Date().toISOString());
  const latest = await latestExecution(store, findingId);
  if (!latest || latest.status === 'rolled-back') throw new RefusedError(`no applied remediation of finding ${findingId} in the journal; nothing to roll back`);
  const executionId = latest.id;
  const entry = (await store.journal.get(executionId))!;
  const run = await runSteps(entriesToUndo<RemediationStep>(entry.steps, describe), {
    mode: 'undo',
    kindOf: remediationKind,
    ctx: gw,
    journal: storeJournal(store.journal, executionId, 'undo', kindName, now),
    clock: now,
    onFailure: 'stop',
    progress: (e) => options.log?.(`undid step ${Number(e.id) + 1}: ${e.spec.kind}`),
  });
  await store.journal.finish(executionId, { status: 'rolled-back', metadata: { rolledBackBy: options.actor }, now: now() });
  return { executionId, undone: run.ran };
}
