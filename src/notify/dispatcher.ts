/**
 * Delivers stored alerts to sinks through the store's delivery ledger: claim due deliveries (a
 * lease, so a crashed run's claims expire), send, then mark delivered or failed with an
 * exponential-backoff retry time. A delivered alert is never sent again by Cordon; an alert is
 * never dropped (after `maxAttempts` it stays `failed` in the store, re-queueable).
 */
import type { AlertsRepository } from '../store/types.js';
import { SinkError, type AlertSink } from './sink.js';

/** The part of the store the dispatcher needs (the "delivery ledger"). */
export type DeliveryLedger = Pick<AlertsRepository, 'claim' | 'markDelivered' | 'markFailed' | 'deliveries' | 'countDeliveries'>;

/** Tuning and injected clock. */
export interface DispatchOptions {
  clock: () => Date;
  leaseMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called once per failed attempt (message has no secret: sinks mask their URLs). */
  onError?: (sink: AlertSink, alertId: string, error: string) => void;
}

/** Outcome of one dispatch pass. */
export interface DispatchResult {
  delivered: number;
  retried: number;
  failed: number;
}

/** Delay before attempt `attempts + 1`: base·2^attempts, capped. */
export function backoffMs(attempts: number, base = 1000, max = 300_000): number {
  return Math.min(max, base * 2 ** Math.min(attempts, 30));
}

/** One pass: every due delivery of every configured sink is tried once. */
export async function deliverDue(ledger: DeliveryLedger, sinks: readonly AlertSink[], options: DispatchOptions): Promise<DispatchResult> {
  const result: DispatchResult = { delivered: 0, retried: 0, failed: 0 };
  const maxAttempts = options.maxAttempts ?? 12;
  for (const sink of sinks) {
    for (;;) {
      const claimed = await ledger.claim({ now: options.clock().toISOString(), sink: sink.id, limit: 50, leaseMs: options.leaseMs });
      if (claimed.length === 0) break;
      for (const d of claimed) {
        if (!d.alert) continue;
        try {
          await sink.send(d.alert);
          await ledger.markDelivered(d.id, options.clock().toISOString());
          result.delivered++;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          options.onError?.(sink, d.alertId, message);
          const retryable = !(err instanceof SinkError) || err.retryable;
          const now = options.clock();
          if (retryable && d.attempts + 1 < maxAttempts) {
            await ledger.markFailed(d.id, { error: message, now: now.toISOString(), retryAt: new Date(now.getTime() + backoffMs(d.attempts, options.baseDelayMs, options.maxDelayMs)).toISOString() });
            result.retried++;
          } else {
            await ledger.markFailed(d.id, { error: message, now: now.toISOString() });
            result.failed++;
          }
        }
      }
      if (claimed.length < 50) break;
    }
  }
  return result;
}

/** Deliveries still pending for these sinks (due later, or leased by a crashed run). */
export async function pendingCount(ledger: DeliveryLedger, sinks: readonly AlertSink[]): Promise<number> {
  return ledger.countDeliveries({ status: 'pending', sinks: sinks.map((s) => s.id) });
}
