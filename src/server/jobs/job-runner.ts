/**
 * Runs the server's long jobs (scans, simulations over snapshot files) in `worker_threads`
 * Workers with their own heap limit (`resourceLimits`), one worker per job, at most
 * `maxConcurrent` at a time (the rest wait in order). The request thread only waits on a
 * message, so `/health` and other callers keep being answered; a job that runs out of memory or
 * time ends its own worker and fails with `job_limit_exceeded` while the server lives on.
 *
 * Under tsx (development, tests) this file is `job-runner.ts` and the worker first registers
 * tsx's loader; from compiled JavaScript (`dist/`) the worker runs `job-worker.js` directly.
 */
import { Worker } from 'node:worker_threads';
import { CordonError, type ErrorDetail } from '../../model/errors.js';
import type { Job } from './job-kinds.js';
import type { JobMessage } from './job-worker.js';

/** Limits of one job. */
export interface JobLimits {
  /** Old-generation heap of the job's worker, in MiB. */
  memoryMb: number;
  /** Wall-clock budget of one job, in ms. */
  timeoutMs: number;
  /** Jobs running at once; later ones queue. */
  maxConcurrent: number;
}

/** Defaults of `cordon serve` (`--job-memory-mb`, `--job-timeout-s`, `--max-jobs`). */
export const DEFAULT_JOB_LIMITS: JobLimits = { memoryMb: 1024, timeoutMs: 10 * 60_000, maxConcurrent: 2 };

/** A job went over its memory or time limit; its worker was stopped, the server was not. */
export class JobLimitError extends CordonError {
  constructor(message: string) {
    super('job_limit_exceeded', message);
  }
}

/** Runs jobs off the request thread. */
export interface JobRunner {
  run(job: Job): Promise<unknown>;
  /** Jobs running now (for tests and the log). */
  readonly running: number;
}

function spawn(job: Job, limits: JobLimits): Worker {
  const here = import.meta.url;
  const resourceLimits = { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.max(8, Math.min(64, Math.floor(limits.memoryMb / 8))) };
  // execArgv [] : the worker must not inherit flags such as --import tsx twice or --inspect.
  const options = { workerData: job, resourceLimits, execArgv: [] as string[] };
  if (!here.endsWith('.ts')) return new Worker(new URL('./job-worker.js', here), options);
  const entry = new URL('./job-worker.ts', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

/** A job runner with `limits`. */
export function createJobRunner(limits: JobLimits = DEFAULT_JOB_LIMITS): JobRunner {
  let running = 0;
  const waiting: Array<() => void> = [];

  const runOne = (job: Job) =>
    new Promise<unknown>((resolve, reject) => {
      const worker = spawn(job, limits);
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        void worker.terminate();
      };
      const timer = setTimeout(() => settle(() => reject(new JobLimitError(`the job exceeded its time limit of ${Math.round(limits.timeoutMs / 1000)} s and was stopped`))), limits.timeoutMs);
      worker.on('message', (m: JobMessage) =>
        settle(() => (m.ok ? resolve(m.value) : reject(new CordonError(m.code, m.message, m.details as ErrorDetail[])))),
      );
      worker.on('error', (err: Error & { code?: string }) =>
        settle(() =>
          reject(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new JobLimitError(`the job exceeded its memory limit of ${limits.memoryMb} MiB and was stopped`)
              : new CordonError('internal', `job worker failed: ${err.message}`, [], { cause: err }),
          ),
        ),
      );
      worker.on('exit', (code) => settle(() => reject(new CordonError('internal', `job worker exited with code ${code} before answering`))));
    });

  return {
    get running() {
      return running;
    },
    async run(job) {
      if (running >= limits.maxConcurrent) await new Promise<void>((go) => waiting.push(go));
      running++;
      try {
        return await runOne(job);
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
  };
}
