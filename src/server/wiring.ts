/**
 * Composes the server's ports from the real modules: the store, the engine (simulate), the
 * analyzers (scans) and the actions layer (containment, remediation). A module not wired here answers 501
 * `not_implemented`.
 */
import { DEFAULT_MAX_FILE_BYTES } from '../store/confined-file.js';
import { directoryReportSink } from '../store/report-dir.js';
import { createContainmentGateway } from '../aws/containment-gateway.js';
import { createRemediationGateway } from '../aws/remediation-gateway.js';
import { remediationService } from '../actions/remediate/index.js';
import { collectAccount } from '../collect/live/collect-account.js';
import { actionsRemediationPort } from './remediation-port.js';
import type { AwsTarget } from '../aws/client-config.js';
import type { CordonStore } from '../store/index.js';
import { actionsContainmentPort } from './containment-port.js';
import type { RemediationPort, ServerPorts } from './ports.js';
import { listReportKeys } from './report-listing.js';
import { scanRunner } from './scan-runner.js';
import { engineSimulatePort } from './simulate-port.js';
import { storePorts } from './store-ports.js';
import { createJobRunner, DEFAULT_JOB_LIMITS, type JobLimits, type JobRunner } from './jobs/job-runner.js';
import type { ScanJobResult } from './jobs/job-kinds.js';

/** Default directory of containment reports. */
export const DEFAULT_REPORT_DIR = './.cordon/reports';

/** Options that reach the action modules. */
export interface WiringOptions {
  /** AWS settings for live scans, remediation and containment. */
  aws?: AwsTarget;
  /** Where containment reports are written (default ./.cordon/reports). */
  reportDir?: string;
  /** Progress lines of long actions (the server log). */
  progress?: (line: string) => void;
  /** Largest caller-named file read (default 256 MiB). */
  maxFileBytes?: number;
  /** Memory, time and concurrency limits of scans and snapshot simulations (run in workers). */
  jobs?: JobLimits;
  /**
   * The store as `--db` names it (SQLite path or `postgres://` URL): scan workers open their own
   * connection to record their findings. Absent (or `:memory:`): the server records them.
   */
  db?: string;
}

/** Plan, apply and rollback as job-worker calls (the seed's CLI listing stays in-thread: it only reads the store). */
function workerRemediation(jobs: JobRunner, db: string, aws: AwsTarget): Pick<RemediationPort, 'plan' | 'apply' | 'rollback'> {
  const run = (op: 'plan' | 'apply' | 'rollback', findingId: string, actor: string, strategy?: string) =>
    jobs.run({ kind: 'remediation', op, findingId, actor, db, aws, ...(strategy !== undefined ? { strategy } : {}) });
  return {
    plan: (findingId, o) => run('plan', findingId, 'plan', o.strategy),
    apply: (findingId, o) => run('apply', findingId, o.actor, o.strategy),
    rollback: (findingId, o) => run('rollback', findingId, o.actor),
  };
}

/** Inline policies up to this many JSON characters are simulated on the request thread. */
export const INLINE_IN_THREAD_CHARS = 32 * 1024;

/** The ports `cordon serve` runs with. */
export function productionPorts(store: CordonStore, options: WiringOptions = {}): ServerPorts {
  const reportDir = options.reportDir ?? DEFAULT_REPORT_DIR;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const recordDb = options.db !== undefined && options.db !== ':memory:' ? options.db : undefined;
  const jobs = createJobRunner(options.jobs ?? DEFAULT_JOB_LIMITS);
  const ports = storePorts(store);
  // Files named by callers are read only in the job worker, through the reader confined to the file root.
  const start = scanRunner(store, {
    analyze: async ({ paths, fileRoot, snapshot, now, record }) =>
      (await jobs.run({
        kind: 'scan', ...(paths ? { paths } : {}), ...(snapshot ? { snapshot } : {}), ...(fileRoot !== undefined ? { fileRoot } : {}), maxFileBytes, now: now.toISOString(),
        ...(recordDb ? { record: { db: recordDb, meta: record } } : {}),
      })) as ScanJobResult,
  });
  const inline = engineSimulatePort();
  const inThreadRemediation = actionsRemediationPort(remediationService({
    store,
    gateway: () => createRemediationGateway(options.aws ?? {}),
    snapshot: () => collectAccount(options.aws ?? {}),
    target: options.aws ?? {},
    ...(options.progress ? { log: options.progress } : {}),
  }));
  return {
    ...ports,
    scans: { ...ports.scans, ...(start ? { start } : {}) },
    simulate: {
      simulate: (input) =>
        input.snapshot
          ? jobs.run({ kind: 'simulate', paths: input.snapshot, request: input.request, ...(input.fileRoot !== undefined ? { fileRoot: input.fileRoot } : {}), maxFileBytes })
          : // Small inline simulations answer in-thread (microseconds); large ones could cost up to a
            // second of matching each, so they go to a worker like snapshot simulations.
            JSON.stringify(input.policies ?? {}).length > INLINE_IN_THREAD_CHARS
            ? jobs.run({ kind: 'simulate', policies: input.policies, request: input.request, maxFileBytes })
            : inline.simulate(input),
    },
    // Remediation proves each change on a live collection of the account before applying it:
    // with a shareable store that runs in a job worker, off the request thread.
    remediation: recordDb ? { ...inThreadRemediation, ...workerRemediation(jobs, recordDb, options.aws ?? {}) } : inThreadRemediation,
    containment: actionsContainmentPort({
      gateway: () => createContainmentGateway(options.aws ?? {}),
      sink: directoryReportSink(reportDir),
      listKeys: () => listReportKeys(reportDir),
      ...(options.progress ? { progress: options.progress } : {}),
    }),
  };
}
