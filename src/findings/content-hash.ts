/**
 * A finding's content hash: what decides whether a finding "changed" between two scans (and so
 * whether its `updatedAt` moves). Computed over the draft (never the lifecycle fields) with keys
 * sorted, so analyzers may emit properties in any order. The canonical text doubles as the stored
 * form of the draft, so a scan serialises each finding once.
 */
import { hash } from 'node:crypto';
import type { FindingDraft } from '../model/finding.js';

/**
 * The same value with object keys sorted at every level. Objects already sorted with no nested
 * objects are reused as they are (no copy): most leaves of a finding are.
 */
function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeys);
  // Dates and other toJSON objects serialise through toJSON, not their keys.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! <= keys[i]!;
  if (sorted && keys.every((k) => record[k] === null || typeof record[k] !== 'object')) return record;
  const out: Record<string, unknown> = {};
  for (const key of sorted ? keys : keys.sort()) out[key] = sortKeys(record[key]);
  return out;
}

/** JSON with object keys sorted at every level; `undefined` members are dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

/** SHA-256 (hex, 32 chars) of a canonical JSON text. */
export function hashText(text: string): string {
  return hash('sha256', text, 'hex').slice(0, 32);
}

/** SHA-256 (hex, 32 chars) of the canonical JSON of a draft. */
export function contentHash(draft: FindingDraft): string {
  return hashText(canonicalJson(draft));
}
