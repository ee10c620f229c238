/** Slack incoming-webhook sink: one message per alert (the webhook URL is the secret; masked in logs). */
import type { Alert } from '../model/alert.js';
import { findingLines, ruleLines } from './alert-text.js';
import { maskUrl, shortHash } from './mask.js';
import { postJson } from './webhook-sink.js';
import type { AlertSink } from './sink.js';

/** The Slack message for an alert (plain `text` plus blocks listing its rules, so it reads well in notifications). */
export function slackMessage(alert: Alert): Record<string, unknown> {
  const text = `[${alert.severity}] ${alert.summary}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${alert.severity}* ${alert.eventName} by ${alert.actor}` } },
      // One event, every rule it matched: a code block keeps the user-controlled text from being read as markup.
      { type: 'section', text: { type: 'mrkdwn', text: `\`\`\`${[...ruleLines(alert), ...findingLines(alert)].join('\n').replaceAll('```', "'''")}\`\`\`` } },
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
