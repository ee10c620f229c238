/**
 * Report locations: `{year}/{month}/{day}/{hour}/{minute}/{execution_id}.json` (UTC, zero-padded)
 * under a bucket or a directory. Execution ids are validated so a key can never climb out of its
 * root (`..`, `/`, `\`, NUL and the like are impossible by construction).
 */
import { UsageError } from '../errors.js';

const MAX_ID = 64;

function isIdChar(ch: string, first: boolean): boolean {
  const alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
  return alnum || (!first && (ch === '-' || ch === '_'));
}

/** Whether `id` is a valid execution id: 1-64 of `[A-Za-z0-9_-]`, starting with a letter or digit. */
export function isExecutionId(id: string): boolean {
  if (id.length === 0 || id.length > MAX_ID) return false;
  let first = true;
  for (const ch of id) {
    if (!isIdChar(ch, first)) return false;
    first = false;
  }
  return true;
}

/** Throws a usage error unless `id` is a valid execution id. */
export function assertExecutionId(id: string): string {
  if (!isExecutionId(id)) {
    throw new UsageError(`execution id \`${id.slice(0, 80)}\` is invalid: use 1-${MAX_ID} letters, digits, \`-\` or \`_\`, starting with a letter or digit`);
  }
  return id;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The report key for an execution that started at `startedAt` (ISO time; read in UTC). */
export function reportKey(startedAt: string, executionId: string): string {
  assertExecutionId(executionId);
  const t = new Date(startedAt);
  if (Number.isNaN(t.getTime())) throw new UsageError(`invalid execution time \`${startedAt}\``);
  return `${pad(t.getUTCFullYear(), 4)}/${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())}/${pad(t.getUTCHours())}/${pad(t.getUTCMinutes())}/${executionId}.json`;
}

/**
 * Whether `key` has the report layout (5 numeric segments and a valid `{id}.json`). Sinks refuse
 * any other key, which also rules out absolute paths and `..`.
 */
export function isReportKey(key: string): boolean {
  const parts = key.split('/');
  if (parts.length !== 6) return false;
  const widths = [4, 2, 2, 2, 2];
  for (let i = 0; i < 5; i++) {
    const p = parts[i]!;
    if (p.length !== widths[i]) return false;
    for (const ch of p) if (ch < '0' || ch > '9') return false;
  }
  const file = parts[5]!;
  return file.endsWith('.json') && isExecutionId(file.slice(0, -'.json'.length));
}

/** The execution id named by a report key. */
export function executionIdOfKey(key: string): string {
  const file = key.split('/').pop() ?? '';
  return file.endsWith('.json') ? file.slice(0, -5) : file;
}

/** Splits `s3://bucket/key` into its parts, or returns undefined for anything else. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  if (!uri.startsWith('s3://')) return undefined;
  const rest = uri.slice(5);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  return { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

/** A default execution id: UTC time plus a random suffix from the injected generator. */
export function defaultExecutionId(startedAt: string, randomHex: string): string {
  const t = new Date(startedAt);
  const stamp = `${pad(t.getUTCFullYear(), 4)}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}Z`;
  return `ctn-${stamp}-${randomHex}`;
}
