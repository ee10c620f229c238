/**
 * Where to break an escalation path (issue 24, "fixes that break the attack, not the workload"):
 * each step of the finding's path is a candidate Deny of that step's actions on that step's target,
 * attached to the principal acting in it. Candidates are ranked so the first one has the least
 * collateral: it blocks no call its actor was seen making, it denies a privilege-changing action
 * rather than the role assumption the principals normally work through, it denies fewer actions, and
 * it sits closer to admin. The service proves each in turn with the engine (prove.ts) and applies the
 * first that removes the finding. Pure: finding and activity in, ranked candidates out.
 */
import type { ActivitySummary } from '../../model/activity.js';
import type { Finding, PathStep } from '../../model/finding.js';

/** One way to break the path. */
export interface PathBreak {
  /** Index of the step in `finding.path`. */
  step: number;
  /** ARN of the IAM user or role acting in the step (the Deny is attached to it). */
  actor: string;
  actions: string[];
  /** The one resource the actions are denied on (with `allButSelf`: the actor, the one spared). */
  resource: string;
  /**
   * Deny on every resource but the actor itself (`NotResource`): the self-service scope a grant on
   * `user/*` meant (`OwnKeys`), offered when the actor acts on its own kind and several targets lead on.
   */
  allButSelf?: boolean;
  /** Observed calls of the actor this Deny would block (with activity). */
  blocksObservedUse: number;
  /** Why it ranks where it does, in words. */
  reason: string;
}

/** Actions that are how principals normally reach each other; denying them breaks workflows first. */
const WORKFLOW_ACTIONS = new Set(['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'iam:PassRole']);

const ACTOR = /^arn:aws[a-z-]*:iam::\d{12}:(user|role)\//;

const kindOf = (arn: string) => /:iam::\d{12}:([a-z-]+)\//.exec(arn)?.[1];

function matchesUse(step: PathStep, row: ActivitySummary): boolean {
  return row.successCount > 0 && step.actions.includes(row.action) && (row.resourceArn === step.target || row.resourceArn === '*');
}

/** The candidate breaks of `finding`'s path, best first; empty when the path names no targets. */
export function rankPathBreaks(finding: Finding, activity: readonly ActivitySummary[] = []): PathBreak[] {
  const candidates: (PathBreak & { workflow: boolean })[] = [];
  // Scoped to all-but-self: wider than one target, so tried after every single-target break.
  const wider: (PathBreak & { workflow: boolean })[] = [];
  (finding.path ?? []).forEach((step, index) => {
    if (!step.target || !ACTOR.test(step.from) || step.actions.length === 0 || step.actions.some((a) => a.includes('*'))) return;
    const workflow = step.actions.every((a) => WORKFLOW_ACTIONS.has(a));
    const blocksObservedUse = activity.filter((row) => row.principalArn === step.from && matchesUse(step, row)).length;
    candidates.push({ step: index, actor: step.from, actions: [...step.actions], resource: step.target, blocksObservedUse, workflow, reason: '' });
    if (!workflow && kindOf(step.from) === kindOf(step.target) && step.target !== step.from) {
      const selfUse = activity.filter((row) => row.principalArn === step.from && row.successCount > 0 && step.actions.includes(row.action) && row.resourceArn !== step.from).length;
      wider.push({ step: index, actor: step.from, actions: [...step.actions], resource: step.from, allButSelf: true, blocksObservedUse: selfUse, workflow, reason: '' });
    }
  });
  const byCollateral = (a: PathBreak & { workflow: boolean }, b: PathBreak & { workflow: boolean }) =>
    a.blocksObservedUse - b.blocksObservedUse || Number(a.workflow) - Number(b.workflow) || a.actions.length - b.actions.length || b.step - a.step;
  return [...candidates.sort(byCollateral), ...wider.sort(byCollateral)].map(({ workflow, ...c }, rank) => ({
    ...c,
    reason: [
      rank === 0 ? 'least collateral' : `alternative ${rank}`,
      c.blocksObservedUse > 0 ? `blocks ${c.blocksObservedUse} observed call(s) of ${c.actor}` : 'blocks no observed call',
      workflow ? 'denies how the principals normally reach each other (role assumption or passing)' : 'denies the privilege-changing action itself',
      c.allButSelf ? `${c.actions.length} action(s) on every resource but ${c.actor} itself` : `${c.actions.length} action(s) on one resource`,
    ].join('; '),
  }));
}
