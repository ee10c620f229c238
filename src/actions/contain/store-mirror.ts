/**
 * Optional mirror of the report journal into the store's action journal (`store.journal`), so the
 * server and `cordon` store queries can list containments. The report stays the primary journal:
 * a mirror failure is reported through `warn` and never stops a containment.
 */
import type { ContainmentReport } from '../report/report.js';
import type { ReportSink } from '../report/sink.js';
import type { ExecutionStatus, JournalRepository } from '../../store/types.js';
import { STORE_STATUS } from '../steps/store-journal.js';
import { principalLabel } from './config.js';
import type { StepRecord } from './steps.js';

function executionStatus(report: ContainmentReport, release: boolean): ExecutionStatus {
  const s = report.status;
  if (release) return s === 'released' ? 'completed' : s === 'release-partial' ? 'failed' : 'running';
  return s === 'contained' || s === 'released' || s === 'release-partial' ? 'completed' : s === 'partial' ? 'failed' : 'running';
}

async function mirrorSteps(journal: JournalRepository, id: string, steps: readonly StepRecord[], seen: Map<string, string>, now: string): Promise<void> {
  for (const [index, step] of steps.entries()) {
    const status = STORE_STATUS[step.status];
    const memo = `${id}#${index}`;
    if (seen.get(memo) === status) continue;
    const update = { status, now, ...(step.result || step.notes ? { result: { ...step.result, ...(step.notes ? { notes: step.notes } : {}) } } : {}), ...(step.error ? { error: step.error.message } : {}) };
    if (!seen.has(memo)) {
      try {
        await journal.appendStep(id, { kind: step.spec.action, status, payload: step.spec, index, now });
      } catch {
        // Already there (a resumed run in a new process): fall through to the update.
      }
    }
    await journal.updateStep(id, index, update);
    seen.set(memo, status);
  }
}

/** Wraps `sink` so every report write is also mirrored into `journal`. */
export function mirrorToJournal(sink: ReportSink, journal: JournalRepository, clock: () => string, warn: (message: string) => void = () => {}): ReportSink {
  const seen = new Map<string, string>();
  return {
    locate: (key) => sink.locate(key),
    prepare: () => sink.prepare(),
    read: (key) => sink.read(key),
    find: (id) => sink.find(id),
    async write(key, report) {
      await sink.write(key, report);
      try {
        const now = clock();
        const subject = principalLabel(report.initialConfiguration);
        const metadata = { reportKey: key, location: sink.locate(key), target: report.target };
        await journal.start({ id: report.executionId, kind: 'containment', subject, metadata, now });
        await mirrorSteps(journal, report.executionId, report.steps, seen, now);
        await journal.finish(report.executionId, { status: executionStatus(report, false), metadata: { ...metadata, verified: report.verification?.verified }, now });
        if (report.release) {
          const releaseId = `${report.executionId}-release`;
          await journal.start({ id: releaseId, kind: 'release', subject, metadata, now });
          await mirrorSteps(journal, releaseId, report.release.steps, seen, now);
          await journal.finish(releaseId, { status: executionStatus(report, true), metadata: { ...metadata, unrestorable: report.release.unrestorable }, now });
        }
      } catch (err) {
        warn(`could not mirror the report into the store: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}
