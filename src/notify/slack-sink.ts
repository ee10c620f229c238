/** Slack incoming-webhook sink: one message per alert (the webhook URL is the secret; masked in logs). */
import type { Alert } from '../model/alert.js';
import { maskUrl, shortHash } from './mask.js';
import { postJson } from './webhook-sink.js';
import type { AlertSink } from './sink.js';

/** The Slack message for an alert (plain `text` plus a block, so it reads well in notifications). */
export function slackMessage(alert: Alert): Record<string, unknown> {
  const text = `[${alert.severity}] ${alert.summary}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${alert.severity}* \`${alert.ruleId}\`\n${alert.summary}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${alert.eventTime} · account ${alert.accountId} · ${alert.region} · ${alert.actor} · event ${alert.eventId}` }] },
    ],
  };
}

/** A Slack incoming-webhook sink. */
export function slackSink(url: string, options: { timeoutMs?: number; name?: string } = {}): AlertSink {
  return {
    id: options.name ? `slack:${options.name}` : `slack:${shortHash(url)}`,
    label: `slack ${maskUrl(url)}`,
    send: (alert) => postJson(url, JSON.stringify(slackMessage(alert)), {}, options.timeoutMs ?? 10_000),
  };
}
