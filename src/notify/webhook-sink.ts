/**
 * Generic webhook sink: POSTs the alert as JSON. Headers: `X-Cordon-Alert-Id` (the alert id, so a
 * receiver can drop a re-delivery after a crash between its 2xx and our ledger update) and, when a
 * secret is configured, `X-Cordon-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
 */
import { createHmac } from 'node:crypto';
import type { Alert } from '../model/alert.js';
import { maskUrl, shortHash } from './mask.js';
import { SinkError, type AlertSink } from './sink.js';

/** Options of the webhook sink. */
export interface WebhookOptions {
  url: string;
  secret?: string;
  /** Extra headers (e.g. an authorization header); never logged. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  name?: string;
}

/** The signature header value for a body. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs JSON; any non-2xx is a failure (4xx other than 408/429 not retryable). */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new SinkError(`POST ${maskUrl(url)} failed: ${(err as Error).message}`);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new SinkError(`POST ${maskUrl(url)} answered HTTP ${res.status}`, res.status >= 500 || res.status === 408 || res.status === 429);
}

/** A webhook sink. */
export function webhookSink(options: WebhookOptions): AlertSink {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    id: options.name ? `webhook:${options.name}` : `webhook:${shortHash(options.url)}`,
    label: `webhook ${maskUrl(options.url)}`,
    async send(alert: Alert) {
      const body = JSON.stringify(alert);
      const headers: Record<string, string> = { 'x-cordon-alert-id': alert.id, ...(options.headers ?? {}) };
      if (options.secret) headers['x-cordon-signature'] = signBody(options.secret, body);
      await postJson(options.url, body, headers, timeoutMs);
    },
  };
}
