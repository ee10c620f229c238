/**
 * Alert sinks: where alerts go (webhook, Slack, SNS, e-mail). A sink has a stable id (stored with
 * each delivery, so it must not change between runs and must hold no secret) and `send`, which
 * throws on failure so the dispatcher can retry with backoff.
 */
import type { Alert } from '../model/alert.js';

/** One destination. */
export interface AlertSink {
  /** Stable and secret-free, e.g. `webhook:3f2a9c1b7d0e` (hash of the URL). */
  readonly id: string;
  /** For logs: the destination with paths and tokens masked. */
  readonly label: string;
  send(alert: Alert): Promise<void>;
}

/** A sink's failure, with whether retrying may help (HTTP 4xx other than 408/429 will not). */
export class SinkError extends Error {
  constructor(message: string, readonly retryable = true) {
    super(message);
    this.name = 'SinkError';
  }
}
