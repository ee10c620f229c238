/**
 * Streams alerts into the store and on to the sinks while detection runs: alerts are buffered
 * up to `batchSize`, inserted in one transaction (deduplicated by id, one pending delivery per
 * sink), then due deliveries are sent. Memory holds at most one batch, whatever the number of
 * alerts in the run (issue 17: `detect` used to keep every alert with its event to the end).
 */
import type { Alert } from '../model/alert.js';
import type { AlertsRepository } from '../store/types.js';
import { deliverDue, type DispatchOptions } from './dispatcher.js';
import type { AlertSink } from './sink.js';

/** Totals of a streamed run. */
export interface BatcherStats {
  inserted: number;
  duplicates: number;
  delivered: number;
  retried: number;
  failed: number;
}

/** Buffers alerts and flushes them to the store and sinks in batches. */
export class AlertBatcher {
  readonly stats: BatcherStats = { inserted: 0, duplicates: 0, delivered: 0, retried: 0, failed: 0 };
  private buffer: Alert[] = [];

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly sinks: readonly AlertSink[],
    private readonly dispatch: DispatchOptions,
    private readonly batchSize = 500,
  ) {}

  /** Adds one alert; flushes when the batch is full. */
  async add(alert: Alert): Promise<void> {
    this.buffer.push(alert);
    if (this.buffer.length >= this.batchSize) await this.flush();
  }

  /** Stores the buffered alerts, then delivers what is due. */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const { inserted, duplicates } = await this.alerts.insert(batch, { sinks: this.sinks.map((s) => s.id), now: this.dispatch.clock().toISOString() });
    this.stats.inserted += inserted.length;
    this.stats.duplicates += duplicates.length;
    const r = await deliverDue(this.alerts, this.sinks, this.dispatch);
    this.stats.delivered += r.delivered;
    this.stats.retried += r.retried;
    this.stats.failed += r.failed;
  }
}
