/**
 * `cordon watch --dir PATH`: polls a directory tree of CloudTrail files (e.g. a synced trail
 * bucket); each new or changed file (by path and size, remembered in the store's ingested-files
 * table under `watch:`) is read, its alerts stored, then the file marked, then alerts delivered.
 */
import { localTrailTree } from '../activity/readers/local-tree.js';
import { readTrailFile } from '../activity/readers/read-events.js';
import type { ReadIssue } from '../activity/readers/parse-bytes.js';
import { walkTrailTree } from '../activity/readers/trail-tree.js';
import { stat } from 'node:fs/promises';
import { alertsOfEvent } from '../detect/group-matches.js';
import type { RuleSet } from '../detect/rule-set.js';
import type { Severity } from '../model/finding.js';
import type { ActivityRepository, AlertsRepository } from '../store/types.js';
import { deliverDue, pendingCount, type DispatchOptions } from './dispatcher.js';
import type { AlertSink } from './sink.js';
import type { WatchStats } from './watch-queue.js';

/** Options of the directory watcher. */
export interface DirWatchOptions {
  dir: string;
  rules: RuleSet;
  /** Rules below this severity are dropped (default LOW: `group-matches.ts`). */
  minSeverity?: Severity;
  alerts: AlertsRepository;
  files: Pick<ActivityRepository, 'newFiles' | 'markIngested'>;
  sinks: readonly AlertSink[];
  dispatch: DispatchOptions;
  once?: boolean;
  pollMs?: number;
  drainTimeoutMs?: number;
  onIssue?: (issue: ReadIssue) => void;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

const KEY_PREFIX = 'watch:';

/** Runs until aborted, or (with `once`) after one scan and settled deliveries. */
export async function watchDirectory(o: DirWatchOptions): Promise<WatchStats> {
  const stats: WatchStats = { messages: 0, events: 0, alertsStored: 0, duplicates: 0, delivered: 0, pending: 0 };
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const tree = localTrailTree();
  const deliver = async () => {
    stats.delivered += (await deliverDue(o.alerts, o.sinks, o.dispatch)).delivered;
  };
  await deliver();
  while (!o.signal?.aborted) {
    for await (const file of walkTrailTree(tree, o.dir)) {
      const size = (await stat(file.path).catch(() => undefined))?.size;
      const key = { key: `${KEY_PREFIX}${file.path}`, size };
      if ((await o.files.newFiles([key])).length === 0) continue;
      const parsed = await readTrailFile(tree, file);
      if (parsed.issue) o.onIssue?.(parsed.issue);
      stats.messages++;
      stats.events += parsed.events.length;
      // One alert per event, its matches grouped as soon as it is matched (never across events).
      const alerts = parsed.events.flatMap((e) => alertsOfEvent(o.rules.evaluate(e), { minSeverity: o.minSeverity }));
      const { inserted, duplicates } = await o.alerts.insert(alerts, { sinks: o.sinks.map((s) => s.id), now: o.dispatch.clock().toISOString() });
      stats.alertsStored += inserted.length;
      stats.duplicates += duplicates.length;
      await o.files.markIngested([{ ...key, events: parsed.events.length }], o.dispatch.clock().toISOString());
      await deliver();
    }
    await deliver();
    if (o.once) {
      const deadline = o.dispatch.clock().getTime() + (o.drainTimeoutMs ?? 30_000);
      while ((await pendingCount(o.alerts, o.sinks)) > 0 && o.dispatch.clock().getTime() < deadline) {
        await sleep(250);
        await deliver();
      }
      stats.pending = await pendingCount(o.alerts, o.sinks);
      break;
    }
    await sleep(o.pollMs ?? 10_000);
  }
  return stats;
}
