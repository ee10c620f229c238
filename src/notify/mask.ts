/**
 * Keeps secrets out of logs: webhook URLs (Slack's path is the token), SMTP passwords, query
 * strings. Only scheme, host and port survive.
 */
import { createHash } from 'node:crypto';

/** `https://hooks.slack.com/services/T0/B0/XYZ` → `https://hooks.slack.com/***`. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${(u.pathname === '/' || u.pathname === '') && !u.search ? '' : '/***'}`;
  } catch {
    return '***';
  }
}

/** A short, stable, non-reversible id for a secret-bearing destination. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
