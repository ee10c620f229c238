/**
 * `release`: restore a contained principal from its report. Works from any partial report:
 * it undoes every step that ran or may have run (done, failed, and the first pending one — the
 * step in flight when a run crashed; steps run one at a time), newest first. Each undo restores
 * the value the initial configuration recorded, so undoing a step that never landed is a no-op.
 * The release journal is written into the same report after every step.
 */
import { RefusedError } from '../../model/errors.js';
import { assertNoSecrets, type ContainmentReport, type ReleaseJournal } from '../report/report.js';
import type { ReportSink } from '../report/sink.js';
import { targetOf } from './execute.js';
import type { ContainmentGateway } from './gateway.js';
import { runSteps } from '../steps/run.js';
import { containKind, type ContainContext } from './handlers.js';
import { readConfiguration } from './read-config.js';
import type { StepRecord } from './steps.js';

/** Release options from the command line. */
export interface ReleaseRequest {
  apply: boolean;
  reactivateKeys: boolean;
  recreateLoginProfile: boolean;
}

/** What release uses to reach the world. */
export interface ReleaseDeps {
  gateway: ContainmentGateway;
  /** Where the report is written back (apply only). */
  sink?: ReportSink;
  clock: () => string;
  /** Generates a temporary console password (only with `recreateLoginProfile`). */
  newPassword?: () => string;
  /** Receives each recreated password once, so the CLI can show it; it is never recorded. */
  onPassword?: (userName: string, password: string) => void;
  progress?: (line: string) => void;
}

/** The contain steps to undo, newest first. */
export function stepsToUndo(steps: readonly StepRecord[]): StepRecord[] {
  const chosen: StepRecord[] = [];
  let sawPending = false;
  for (const s of steps) {
    if (s.status === 'done' || s.status === 'failed') chosen.push(s);
    else if (s.status === 'pending' && !sawPending) {
      // INVARIANT: steps run sequentially, so at most the first pending step may have landed.
      sawPending = true;
      chosen.push(s);
    }
  }
  return chosen.reverse();
}

/** Release plan records (what `release` would do), newest contain step first. */
export function planRelease(report: ContainmentReport): StepRecord[] {
  return stepsToUndo(report.steps).map((s) => ({ id: `undo:${s.id}`, spec: s.spec, description: `revert ${s.description}`, status: 'pending' as const }));
}

/** Releases the principal of `report` (or, without `apply`, returns the release plan unchanged). */
export async function releasePrincipal(report: ContainmentReport, request: ReleaseRequest, deps: ReleaseDeps): Promise<{ report: ContainmentReport; dryRun: boolean }> {
  const log = deps.progress ?? (() => {});
  const previous = report.release?.steps ?? [];
  const steps = planRelease(report).map((planned) => previous.find((p) => p.id === planned.id && p.status === 'done') ?? planned);
  const journal: ReleaseJournal = {
    startedAt: report.release?.startedAt ?? deps.clock(),
    reactivateKeys: request.reactivateKeys,
    recreateLoginProfile: request.recreateLoginProfile,
    steps,
    unrestorable: [],
  };
  if (!request.apply) return { report: { ...report, release: journal }, dryRun: true };
  if (!deps.sink) throw new RefusedError('release --apply needs to write the report back');
  if (request.recreateLoginProfile && !deps.newPassword) throw new RefusedError('no password generator to recreate the login profile');

  const sink = deps.sink;
  // Re-check the location (a report bucket may have been made public since containment).
  await sink.prepare();
  report.release = journal;
  const write = async () => {
    report.updatedAt = deps.clock();
    assertNoSecrets(report);
    await sink.write(report.key, report);
  };
  await write();
  const ctx: ContainContext = {
    gateway: deps.gateway,
    now: deps.clock,
    initial: report.initialConfiguration,
    reactivateKeys: request.reactivateKeys,
    newPassword: request.recreateLoginProfile ? deps.newPassword : undefined,
    onPassword: deps.onPassword,
  };
  // Same loop as containment (../steps/run.ts), undoing; the report is written after every step.
  await runSteps(steps, { mode: 'undo', kindOf: containKind, ctx, journal: { save: write }, clock: deps.clock, onFailure: 'continue', progress: (s) => log(`${s.status.padEnd(6)} ${s.description}`) });
  journal.unrestorable = steps.filter((s) => s.status === 'unrestorable').flatMap((s) => s.notes ?? []);
  try {
    journal.finalConfiguration = await readConfiguration(deps.gateway, targetOf(report), report.options.bucketAccess, report.initialConfiguration);
  } catch (err) {
    log(`could not read the configuration after release: ${err instanceof Error ? err.message : String(err)}`);
  }
  journal.finishedAt = deps.clock();
  report.status = steps.some((s) => s.status === 'failed') ? 'release-partial' : 'released';
  await write();
  return { report, dryRun: false };
}
