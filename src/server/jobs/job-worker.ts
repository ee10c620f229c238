/**
 * Worker-thread entry of the server's jobs: receives one `Job` as `workerData`, runs it and posts
 * `{ok: true, value}` or a serialised `CordonError` (`{ok: false, code, message, details}`), so
 * the main thread can answer with the same typed envelope as if the job had run in-thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { asCordonError } from '../../model/errors.js';
import { runJob, type Job } from './job-kinds.js';

/** A job's outcome as it crosses the thread boundary. */
export type JobMessage = { ok: true; value: unknown } | { ok: false; code: string; message: string; details: unknown[] };

try {
  parentPort!.postMessage({ ok: true, value: await runJob(workerData as Job) } satisfies JobMessage);
} catch (err) {
  const e = asCordonError(err);
  parentPort!.postMessage({ ok: false, code: e.code, message: e.message, details: e.details } satisfies JobMessage);
}
