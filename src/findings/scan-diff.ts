/**
 * Scan-to-scan diff over two finding sets (e.g. two exported reports, or a baseline in CI):
 * which ids appeared, disappeared, changed content or stayed the same. Pure and sorted.
 */
import type { FindingDraft } from '../model/finding.js';
import { contentHash } from './content-hash.js';

/** The difference between a `before` and an `after` set of findings, ids sorted. */
export interface ScanDiff {
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: string[];
}

function byId(findings: readonly FindingDraft[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of findings) {
    if (map.has(f.id)) continue;
    const { status: _s, createdAt: _c, updatedAt: _u, ...draft } = f as FindingDraft & { status?: string; createdAt?: string; updatedAt?: string };
    map.set(f.id, contentHash(draft));
  }
  return map;
}

/** Compares two finding sets by id and content (lifecycle fields are ignored). */
export function diffScans(before: readonly FindingDraft[], after: readonly FindingDraft[]): ScanDiff {
  const a = byId(before);
  const b = byId(after);
  const diff: ScanDiff = { added: [], removed: [], changed: [], unchanged: [] };
  for (const [id, hash] of b) {
    const old = a.get(id);
    if (old === undefined) diff.added.push(id);
    else if (old !== hash) diff.changed.push(id);
    else diff.unchanged.push(id);
  }
  for (const id of a.keys()) if (!b.has(id)) diff.removed.push(id);
  for (const list of Object.values(diff)) list.sort();
  return diff;
}

/** The scope string for a scan of some accounts (sorted, comma-joined), optionally narrowed to analyzers. */
export function scanScope(accounts: readonly string[], analyzers?: readonly string[]): string {
  const base = `accounts:${[...new Set(accounts)].sort().join(',')}`;
  return analyzers && analyzers.length > 0 ? `${base}/analyzers:${[...new Set(analyzers)].sort().join(',')}` : base;
}
