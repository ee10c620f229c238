/**
 * `cordon watch --sqs-queue-url`: receive → events (EventBridge envelopes, or S3 notifications of
 * new log files, fetched) → alerts → STORE → delete the message → deliver. A message is deleted
 * only after its alerts are stored, so a crash at any point loses nothing (the message comes back
 * after its visibility timeout; stored alerts dedupe by id); delivery state lives in the store, so
 * a restart never re-sends an alert a sink already acknowledged.
 */
import type { AlertQueue, QueueMessage } from '../aws/sqs-queue.js';
import { eventsFromMessage, type ObjectFetcher } from '../activity/readers/sqs-messages.js';
import type { ReadIssue } from '../activity/readers/parse-bytes.js';
import { alertsOfEvent } from '../detect/group-matches.js';
import type { RuleSet } from '../detect/rule-set.js';
import type { Severity } from '../model/finding.js';
import type { AlertsRepository } from '../store/types.js';
import { deliverDue, pendingCount, type DispatchOptions } from './dispatcher.js';
import type { AlertSink } from './sink.js';

/** What the queue watcher needs; everything injected. */
export interface QueueWatchOptions {
  queue: AlertQueue;
  queueName: string;
  fetchObject: ObjectFetcher;
  rules: RuleSet;
  /** Rules below this severity are dropped (default LOW: `group-matches.ts`). */
  minSeverity?: Severity;
  alerts: AlertsRepository;
  sinks: readonly AlertSink[];
  dispatch: DispatchOptions;
  /** Drain and exit: stop when the queue is empty and deliveries are settled (or `drainTimeoutMs` passed). */
  once?: boolean;
  drainTimeoutMs?: number;
  waitSeconds?: number;
  visibilitySeconds?: number;
  onIssue?: (issue: ReadIssue) => void;
  onLog?: (message: string) => void;
  /** Stops a continuous watch (SIGINT/SIGTERM). */
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

/** Counters of a watch run. */
export interface WatchStats {
  messages: number;
  events: number;
  alertsStored: number;
  duplicates: number;
  delivered: number;
  pending: number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Handles one message; returns false when it must stay in the queue (a fetch failed). */
async function handle(msg: QueueMessage, o: QueueWatchOptions, stats: WatchStats): Promise<boolean> {
  const name = `sqs://${o.queueName}/${msg.id}`;
  let parsed;
  try {
    parsed = await eventsFromMessage(msg.body, name, o.fetchObject);
  } catch (err) {
    o.onLog?.(`message ${msg.id} kept for retry: ${(err as Error).message}`);
    return false;
  }
  for (const issue of parsed.issues) o.onIssue?.(issue);
  stats.events += parsed.events.length;
  // One alert per event, its matches grouped as soon as it is matched (never across events).
  const alerts = parsed.events.flatMap((e) => alertsOfEvent(o.rules.evaluate(e), { minSeverity: o.minSeverity }));
  const { inserted, duplicates } = await o.alerts.insert(alerts, { sinks: o.sinks.map((s) => s.id), now: o.dispatch.clock().toISOString() });
  stats.alertsStored += inserted.length;
  stats.duplicates += duplicates.length;
  // INVARIANT: the delete happens only after the insert above has committed.
  await o.queue.delete(msg);
  return true;
}

/** Runs the watcher until aborted, or (with `once`) until drained. */
export async function watchQueue(o: QueueWatchOptions): Promise<WatchStats> {
  const stats: WatchStats = { messages: 0, events: 0, alertsStored: 0, duplicates: 0, delivered: 0, pending: 0 };
  const sleep = o.sleep ?? defaultSleep;
  const deadline = o.dispatch.clock().getTime() + (o.drainTimeoutMs ?? 60_000);
  const deliver = async () => {
    stats.delivered += (await deliverDue(o.alerts, o.sinks, o.dispatch)).delivered;
  };
  await deliver(); // pending deliveries of an earlier run first
  while (!o.signal?.aborted) {
    const messages = await o.queue.receive({ max: 10, waitSeconds: o.once ? 1 : (o.waitSeconds ?? 20), visibilitySeconds: o.visibilitySeconds });
    for (const msg of messages) {
      stats.messages++;
      await handle(msg, o, stats);
      await deliver();
    }
    if (messages.length > 0 || !o.once) {
      if (messages.length === 0) await deliver();
      continue;
    }
    // Drain mode: the queue looks empty; wait for in-flight messages (visibility timeout) and pending deliveries.
    await deliver();
    const inFlight = await o.queue.inFlight();
    const pending = await pendingCount(o.alerts, o.sinks);
    if ((inFlight === 0 && pending === 0) || o.dispatch.clock().getTime() > deadline) {
      stats.pending = pending;
      break;
    }
    await sleep(250);
  }
  return stats;
}
