/**
 * A detect worker thread: builds the rule set from the same flags as the main thread, then turns
 * each file's bytes it is sent into that file's alerts (decompress, parse, match, group). Only the
 * alerts travel back (framed for the output, as one string per file), so the cores share the work.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseCloudTrailBytes } from '../../activity/readers/parse-bytes.js';
import { alertsOfFile } from './detect-file.js';
import type { DetectJob, DetectReply, DetectWorkerInit } from './detect-pool.js';
import { buildRuleSet } from './detect-rules.js';

const init = workerData as DetectWorkerInit;
const rules = await buildRuleSet(init.flags);
const port = parentPort!;

port.on('message', (job: DetectJob) => {
  void (async () => {
    let reply: DetectReply;
    try {
      const parsed = await parseCloudTrailBytes(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.name);
      reply = { seq: job.seq, result: alertsOfFile(parsed, rules, init.options) };
    } catch (err) {
      reply = { seq: job.seq, error: `${job.name}: ${(err as Error).message}` };
    }
    // Counted before the reply is sent: the main thread reads this while its event loop is busy.
    Atomics.add(init.done, 0, 1);
    port.postMessage(reply);
  })();
});
