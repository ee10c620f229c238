/**
 * A finding's content hash: what decides whether a finding "changed" between two scans (and so
 * whether its `updatedAt` moves). Computed over the draft (never the lifecycle fields) with keys
 * sorted, so analyzers may emit properties in any order.
 */
import { createHash } from 'node:crypto';
import type { FindingDraft } from '../model/finding.js';

/** JSON with object keys sorted at every level; `undefined` members are dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** SHA-256 (hex, 32 chars) of the canonical JSON of a draft. */
export function contentHash(draft: FindingDraft): string {
  return createHash('sha256').update(canonicalJson(draft)).digest('hex').slice(0, 32);
}
