/**
 * Reading `requestParameters` safely: policy documents arrive as JSON strings, URL-encoded JSON
 * strings (IAM in many real trails) or already-parsed objects (S3 `bucketPolicy`). Values from
 * CloudTrail are untrusted: every reader tolerates a missing or wrongly typed field.
 */
import type { PolicyDocumentJson } from '../../model/snapshot/types.js';

/** A string parameter, or undefined when absent or not a string. */
export function str(params: Record<string, unknown>, key: string): string | undefined {
  const v = params[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Parses a policy document from any of the shapes CloudTrail uses; undefined when it is not a JSON object. */
export function policyDocument(value: unknown): PolicyDocumentJson | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as PolicyDocumentJson;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  for (const candidate of [text, safeDecode(text)]) {
    if (candidate === undefined) continue;
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as PolicyDocumentJson;
    } catch {
      // Not this shape; try the URL-decoded one.
    }
  }
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    // IAM's URL encoding uses %XX and sometimes `+` for spaces.
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return undefined;
  }
}

/** Tags from `[{key, value}]` (IAM) or `[{Key, Value}]` shapes. */
export function tagList(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(value)) return out;
  for (const t of value) {
    if (!t || typeof t !== 'object') continue;
    const r = t as Record<string, unknown>;
    const k = r.key ?? r.Key;
    const v = r.value ?? r.Value;
    if (typeof k === 'string') out[k] = typeof v === 'string' ? v : '';
  }
  return out;
}
