/**
 * Sink configuration: a JSON file (`--sinks FILE`: `{"sinks": [...]}` or `[...]`) and/or flags
 * (`--webhook`, `--slack-webhook`, `--sns-topic`, `--smtp` + `--mail-to`). Secrets may be read from
 * the environment (`urlEnv`, `secretEnv`) so the file itself can be committed.
 */
import type { AwsTarget } from '../aws/client-config.js';
import { InputError } from '../model/errors.js';
import type { AlertSink } from './sink.js';
import { slackSink } from './slack-sink.js';
import { smtpSink } from './smtp-sink.js';
import { snsSink } from './sns-sink.js';
import { webhookSink } from './webhook-sink.js';

/** One configured sink. */
export type SinkSpec =
  | { type: 'webhook'; url: string; secret?: string; headers?: Record<string, string>; name?: string; timeoutMs?: number }
  | { type: 'slack'; url: string; name?: string }
  | { type: 'sns'; topicArn: string }
  | { type: 'smtp'; url: string; to: string[]; from?: string; name?: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a sinks document; `env` resolves `urlEnv`/`secretEnv`. */
export function parseSinksConfig(doc: unknown, file: string, env: Record<string, string | undefined> = {}): SinkSpec[] {
  const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.sinks) ? doc.sinks : undefined;
  if (!list) throw new InputError('a sinks file holds {"sinks": [...]} or an array', { file, pointer: '/' });
  const prefix = Array.isArray(doc) ? '' : '/sinks';
  return list.map((raw, i) => {
    const at = (field = '') => ({ file, pointer: `${prefix}/${i}${field}` });
    if (!isObject(raw)) throw new InputError('a sink must be an object', at());
    const str = (key: string, required = true): string | undefined => {
      const envName = raw[`${key}Env`];
      const v = typeof envName === 'string' ? env[envName] : raw[key];
      if (v === undefined && !required) return undefined;
      if (typeof v !== 'string' || v === '') throw new InputError(typeof envName === 'string' ? `environment variable \`${envName}\` is not set` : `\`${key}\` must be a non-empty string`, at(`/${key}`));
      return v;
    };
    const name = str('name', false);
    switch (raw.type) {
      case 'webhook':
        return { type: 'webhook', url: str('url')!, secret: str('secret', false), headers: isObject(raw.headers) ? (raw.headers as Record<string, string>) : undefined, name, timeoutMs: typeof raw.timeoutMs === 'number' ? raw.timeoutMs : undefined };
      case 'slack':
        return { type: 'slack', url: str('url')!, name };
      case 'sns':
        return { type: 'sns', topicArn: str('topicArn')! };
      case 'smtp': {
        const to = Array.isArray(raw.to) ? raw.to.map(String) : typeof raw.to === 'string' ? raw.to.split(',').map((s) => s.trim()) : [];
        if (to.length === 0) throw new InputError('`to` must list at least one address', at('/to'));
        return { type: 'smtp', url: str('url')!, to, from: str('from', false), name };
      }
      default:
        throw new InputError('`type` must be webhook, slack, sns or smtp', at('/type'));
    }
  });
}

/** Builds sinks from specs; ids must be unique (two identical destinations are one sink). */
export function buildSinks(specs: readonly SinkSpec[], aws: AwsTarget = {}): AlertSink[] {
  const sinks = specs.map((s): AlertSink => {
    switch (s.type) {
      case 'webhook':
        return webhookSink(s);
      case 'slack':
        return slackSink(s.url, { name: s.name });
      case 'sns':
        return snsSink(s.topicArn, aws);
      case 'smtp':
        return smtpSink(s);
    }
  });
  const byId = new Map(sinks.map((s) => [s.id, s]));
  return [...byId.values()];
}
