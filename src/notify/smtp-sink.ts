/** SMTP e-mail sink through nodemailer (`smtp://user:pass@host:587`, `smtps://...`); the URL is masked in logs. */
import { createTransport } from 'nodemailer';
import type { Alert } from '../model/alert.js';
import { findingLines, ruleLines } from './alert-text.js';
import { maskUrl, shortHash } from './mask.js';
import { SinkError, type AlertSink } from './sink.js';

/** Options of the mail sink. */
export interface SmtpOptions {
  url: string;
  to: string[];
  from?: string;
  name?: string;
}

/** Subject and text of the mail for an alert. */
export function mailFor(alert: Alert): { subject: string; text: string } {
  return {
    subject: `[Cordon ${alert.severity}] ${alert.summary}`.slice(0, 200),
    text: [alert.summary, '', 'rules:', ...ruleLines(alert).map((l) => `  ${l}`), ...(alert.findings?.length ? ['findings:', ...findingLines(alert).map((l) => `  ${l}`)] : []), '', `time:    ${alert.eventTime}`, `account: ${alert.accountId}`, `region:  ${alert.region}`, `actor:   ${alert.actor}`, `event:   ${alert.eventSource} ${alert.eventName} ${alert.eventId}`, `alert:   ${alert.id}`, '', JSON.stringify(alert.event, null, 2)].join('\n'),
  };
}

/** A mail sink. */
export function smtpSink(options: SmtpOptions): AlertSink {
  const transport = createTransport(options.url);
  return {
    id: options.name ? `smtp:${options.name}` : `smtp:${shortHash(`${options.url}|${options.to.join(',')}`)}`,
    label: `smtp ${maskUrl(options.url)} → ${options.to.join(', ')}`,
    async send(alert) {
      try {
        await transport.sendMail({ from: options.from ?? 'cordon@localhost', to: options.to, ...mailFor(alert), headers: { 'X-Cordon-Alert-Id': alert.id } });
      } catch (err) {
        throw new SinkError(`mail via ${maskUrl(options.url)} failed: ${(err as Error).message}`);
      }
    },
  };
}
