/**
 * Remediation as one service the CLI, the HTTP API and the SQS worker share: plan (dry-run, with
 * the exact CLI commands), apply (proof first, then journaled SDK steps), rollback, the seed's
 * `{alertIdVsCliScript}` answer, and one queue message at a time for auto-remediation.
 */
import { RefusedError, NotFoundError } from '../../model/errors.js';
import type { Finding } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot/types.js';
import type { CordonStore } from '../../store/index.js';
import type { CliTarget } from '../aws-cli.js';
import { applyPlan, resolvePlan, rollbackRemediation, type ApplyOutcome } from './execute.js';
import type { RemediationGateway } from './gateway.js';
import { planCandidates, type RemediationPlan, type Strategy } from './plan.js';
import type { ActivitySummary } from '../../model/activity.js';
import { chooseProvenPlan, type RemediationProof } from './prove.js';

export interface RemediationDeps {
  store: CordonStore;
  gateway: () => RemediationGateway;
  /** The account as it is now (a snapshot file or a live collection), for the proof. */
  snapshot: () => Promise<Snapshot>;
  target?: CliTarget;
  now?: () => Date;
  log?: (line: string) => void;
  zone?: 'account' | 'organization';
}

export interface PlanView {
  plan: RemediationPlan;
  cli: string[];
  rollbackCli: string[];
}

export interface ApplyResult extends ApplyOutcome {
  plan: RemediationPlan;
  proof: RemediationProof;
}

export function remediationService(deps: RemediationDeps) {
  const now = deps.now ?? (() => new Date());
  const finding = async (id: string): Promise<Finding> => {
    const f = await deps.store.findings.get(id);
    if (!f) throw new NotFoundError("finding (run `cordon scan` first)", id);
    return f;
  };
  const withGateway = async <T>(fn: (gw: RemediationGateway) => Promise<T>): Promise<T> => {
    const gw = deps.gateway();
    try {
      return await fn(gw);
    } finally {
      gw.close();
    }
  };

  /** The last 90 days of activity of every principal acting in the finding (its path's actors). */
  const activityOf = async (f: Finding, at: Date): Promise<ActivitySummary[]> => {
    const since = new Date(at.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
    const actors = new Set([...(typeof f.principal === 'string' ? [f.principal] : []), ...(f.path ?? []).map((s) => s.from)]);
    return (await Promise.all([...actors].map((arn) => deps.store.activity.byPrincipal(arn, { start: since })))).flat();
  };

  /** The account read at most once per call (a plan for many alerts must not collect it per alert). */
  const snapshotOnce = () => {
    let read: Promise<Snapshot> | undefined;
    return () => (read ??= deps.snapshot());
  };

  /** The plan `--apply` would apply: with several candidates, the best the engine proves. */
  const planView = async (findingId: string, strategy: Strategy, snapshot: () => Promise<Snapshot>): Promise<PlanView> => {
    const f = await finding(findingId);
    const at = now();
    const candidates = planCandidates(f, strategy, await activityOf(f, at));
    const proven = candidates.length > 1 ? chooseProvenPlan(await snapshot(), f, candidates, { now: at, zone: deps.zone }).plan : undefined;
    const plan = proven ?? candidates[0]!;
    return withGateway((gw) => resolvePlan(plan, gw, deps.target ?? {}));
  };

  const service = {
    /** Dry-run: the plan, its commands and their undo. Reads AWS, changes nothing. */
    plan(findingId: string, strategy: Strategy = 'deny'): Promise<PlanView> {
      return planView(findingId, strategy, snapshotOnce());
    },

    /** Proves, then applies and journals. Refuses when the change would not resolve the finding. */
    async apply(findingId: string, options: { strategy?: Strategy; actor: string }): Promise<ApplyResult> {
      const f = await finding(findingId);
      const at = now();
      const principal = typeof f.principal === 'string' ? f.principal : undefined;
      const activity = await activityOf(f, at);
      const snapshot = await deps.snapshot();
      // The best-ranked plan the engine proves resolves the finding (every path it finds broken).
      const usage = activity.filter((row) => row.principalArn === principal);
      const { plan, proof } = chooseProvenPlan(snapshot, f, planCandidates(f, options.strategy ?? 'deny', activity), { now: at, zone: deps.zone, activity: usage });
      if (!plan || !proof?.findingResolved) throw new RefusedError(`the plan would not resolve finding ${findingId}: the ${proof?.analyzer ?? 'escalation'} analyzer still reports it on the changed snapshot; not applied`);
      if (proof.brokenUsage.length) deps.log?.(`warning: the change denies ${proof.brokenUsage.length} action(s) ${principal} used in the last 90 days: ${proof.brokenUsage.slice(0, 5).map((b) => `${b.action} on ${b.resource}`).join(', ')}`);
      const outcome = await withGateway((gw) => applyPlan(plan, gw, deps.store, { actor: options.actor, ...(deps.log ? { log: deps.log } : {}) }));
      return { ...outcome, plan, proof };
    },

    async rollback(findingId: string, options: { actor: string }) {
      return withGateway((gw) => rollbackRemediation(findingId, gw, deps.store, { actor: options.actor, ...(deps.log ? { log: deps.log } : {}) }));
    },

    /** The seed automation's answer: CLI commands per finding id (not remediable → a comment line). */
    async cliForAlerts(ids: readonly string[]): Promise<{ alertIdVsCliScript: Record<string, string>; cliDescription: string }> {
      const out: Record<string, string> = {};
      const snapshot = snapshotOnce();
      for (const id of ids) {
        try {
          const view = await planView(id, 'deny', snapshot);
          out[id] = [`# ${view.plan.summary}`, ...view.cli].join('\n');
        } catch (err) {
          out[id] = `# not remediable automatically: ${(err as Error).message}`;
        }
      }
      return { alertIdVsCliScript: out, cliDescription: 'AWS CLI commands that apply Cordon\'s reversible explicit-Deny remediation for each finding; `cordon remediate ID --rollback` undoes an applied one.' };
    },

    /**
     * One queue message: finding ids from `{"findingId"}`, `{"id"}`, `{"alerts": [...]}` or
     * `{"findingIds": [...]}`. Returns whether the message may be deleted: true when every finding
     * was applied (or skipped as not remediable), false when an apply failed (retry later).
     */
    async processMessage(body: string, options: { apply: boolean; actor: string }): Promise<{ delete: boolean; lines: string[] }> {
      const lines: string[] = [];
      let ids: string[];
      try {
        const msg = JSON.parse(body) as Record<string, unknown>;
        const inner = typeof msg.Message === 'string' ? (JSON.parse(msg.Message) as Record<string, unknown>) : msg; // SNS envelope
        ids = [inner.findingId, inner.id, ...(Array.isArray(inner.alerts) ? inner.alerts : []), ...(Array.isArray(inner.findingIds) ? inner.findingIds : [])].filter((v): v is string => typeof v === 'string');
      } catch {
        return { delete: true, lines: ['skipped: message is not JSON'] };
      }
      if (ids.length === 0) return { delete: true, lines: ['skipped: message names no finding'] };
      let ok = true;
      for (const id of [...new Set(ids)]) {
        try {
          if (options.apply) {
            const r = await service.apply(id, { actor: options.actor });
            lines.push(`applied ${id}: ${r.plan.summary} (${r.applied} step(s), ${r.resumed} already done)`);
          } else {
            const v = await service.plan(id);
            lines.push(`planned ${id} (dry-run): ${v.plan.summary}`);
          }
        } catch (err) {
          if (err instanceof RefusedError || err instanceof NotFoundError) lines.push(`skipped ${id}: ${err.message}`);
          else {
            ok = false;
            lines.push(`failed ${id}: ${(err as Error).message} (message kept for retry)`);
          }
        }
      }
      return { delete: ok, lines };
    },
  };
  return service;
}

export type RemediationService = ReturnType<typeof remediationService>;
