/**
 * Detect's worker threads: files are read in the main thread and some of their bytes handed to a
 * worker, which decompresses, parses and matches them (detect-worker.ts) and sends back only the
 * alerts. Parsing is most of detect's work (gunzip + JSON.parse is its floor), so on a machine with
 * two or more cores the files are shared between the workers and the main thread: a worker gets a
 * file while its queue is short (`backlog`), the main thread takes the rest. Results come back per
 * file and the caller emits them in file order, so output is the same as in-process.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileAlertOptions, FileAlerts } from './detect-file.js';
import type { RuleFlags } from './detect-rules.js';

/** What a worker is started with (structured-cloneable). */
export interface DetectWorkerInit {
  flags: RuleFlags;
  options: FileAlertOptions;
  /** Files this worker has finished, counted the moment each is done (see `DetectPool.backlog`). */
  done: Int32Array;
}

/** One file for a worker. */
export interface DetectJob {
  seq: number;
  name: string;
  bytes: Uint8Array;
}

/** A worker's answer to one job. */
export type DetectReply = { seq: number; result: FileAlerts; error?: undefined } | { seq: number; error: string; result?: undefined };

/** Most workers started by default: beyond three, reading and writing in the main thread limit. */
const MAX_DEFAULT_WORKERS = 3;

/**
 * Workers for `--workers` (given) or the machine: one per core besides the main thread's (which
 * takes its turn of the files too), up to three; none on one core.
 */
export function workerCount(requested: number | undefined): number {
  if (requested !== undefined) return requested;
  return Math.min(availableParallelism() - 1, MAX_DEFAULT_WORKERS);
}

/**
 * The worker: compiled JavaScript next to this file, or — running from the TypeScript sources
 * (development, CORDON_FROM_SOURCE=1) — a bootstrap that registers tsx in the worker first.
 */
function startWorker(init: DetectWorkerInit): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./detect-worker.js', import.meta.url), { workerData: init });
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./detect-worker.ts', import.meta.url).href)}); });`;
  return new Worker(boot, { eval: true, workerData: init });
}

interface Slot {
  worker: Worker;
  jobs: Set<number>;
  sent: number;
  done: Int32Array;
}

/** Files sent to a slot's worker that it has not finished. */
const queued = (s: Slot): number => s.sent - Atomics.load(s.done, 0);

/** A fixed set of detect workers; `run` hands a file to the least busy one. */
export class DetectPool {
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, { resolve: (r: FileAlerts) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(readonly size: number, init: Omit<DetectWorkerInit, 'done'>) {
    for (let i = 0; i < size; i++) {
      const done = new Int32Array(new SharedArrayBuffer(4));
      const worker = startWorker({ ...init, done });
      const slot: Slot = { worker, jobs: new Set(), sent: 0, done };
      worker.on('message', (m: DetectReply) => {
        slot.jobs.delete(m.seq);
        const w = this.waiting.get(m.seq);
        this.waiting.delete(m.seq);
        if (m.error !== undefined) w?.reject(new Error(m.error));
        else w?.resolve(m.result);
      });
      worker.on('error', (err) => this.fail(slot, new Error(`detect worker failed: ${err.message}`)));
      worker.on('exit', (code) => {
        if (!this.closing && (code !== 0 || slot.jobs.size > 0)) this.fail(slot, new Error(`detect worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  /**
   * Files the least loaded worker has yet to finish. Counted from a shared counter each worker bumps
   * as it finishes a file, not from replies: replies wait for this thread's event loop, which is
   * busy while it parses a file itself, and would make a starved worker look busy.
   */
  backlog(): number {
    return Math.min(...this.slots.map(queued));
  }

  /** The alerts of one file's bytes. The buffer is moved to the worker when it owns its memory. */
  run(name: string, bytes: Buffer): Promise<FileAlerts> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (queued(b) < queued(a) ? b : a));
    const seq = this.seq++;
    slot.jobs.add(seq);
    slot.sent++;
    const promise = new Promise<FileAlerts>((resolve, reject) => this.waiting.set(seq, { resolve, reject }));
    // The caller awaits results in file order: a failure of a later file must not be "unhandled" meanwhile.
    promise.catch(() => undefined);
    // A small Buffer may be a slice of Node's shared pool: moving it would detach its neighbours.
    const owns = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const job: DetectJob = { seq, name, bytes };
    slot.worker.postMessage(job, owns ? [bytes.buffer as ArrayBuffer] : []);
    return promise;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private fail(slot: Slot, err: Error): void {
    this.failure ??= err;
    for (const seq of slot.jobs) {
      this.waiting.get(seq)?.reject(err);
      this.waiting.delete(seq);
    }
    slot.jobs.clear();
  }
}
