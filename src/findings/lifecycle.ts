/**
 * The finding lifecycle: merges one scan's drafts into the stored state of its scope.
 *
 * Rules (docs/store.md):
 * - a new id becomes ACTIVE (or ARCHIVED on arrival when an archive rule matches it);
 * - a known ACTIVE or ARCHIVED finding keeps its status, id and `createdAt`; `updatedAt` moves
 *   only when its content changes; a content change re-runs the archive rules on an ACTIVE one;
 * - a RESOLVED finding that reappears becomes ACTIVE again (history kept), then archive rules apply;
 * - an ACTIVE or ARCHIVED finding of the scope that the scan did not report becomes RESOLVED.
 * Pure: the store loads the state, calls `mergeScan`, and writes the result in one transaction.
 */
import type { Finding, FindingDraft, FindingStatus } from '../model/finding.js';
import type { ArchiveFilter } from './archive-filter.js';
import { matchesFilter } from './archive-filter.js';
import { canonicalJson, hashText } from './content-hash.js';

/** What the store keeps about a finding for the merge (no content: the hash stands for it). */
export interface StoredFindingState {
  id: string;
  scope: string;
  status: FindingStatus;
  contentHash: string;
  createdAt: string;
  updatedAt: string;
}

/** A parsed archive rule, as the merge needs it. */
export interface ActiveArchiveRule {
  name: string;
  filter: ArchiveFilter;
}

/** Why a finding's status or content changed. */
export type ChangeKind = 'created' | 'updated' | 'resolved' | 'reopened' | 'archived' | 'unarchived';

/** One line of a finding's history: who/what/when. */
export interface StatusEvent {
  findingId: string;
  at: string;
  change: ChangeKind;
  from: FindingStatus | null;
  to: FindingStatus;
  /** `scan` (lifecycle), `user` (archive/unarchive), `rule` (archive rule). */
  by: 'scan' | 'user' | 'rule';
  actor?: string;
  scanId?: string;
  ruleName?: string;
  reason?: string;
}

/** A finding row to write (insert or replace). */
export interface FindingWrite {
  draft: FindingDraft;
  status: FindingStatus;
  createdAt: string;
  updatedAt: string;
  /** Canonical JSON of the draft (the stored content). */
  data: string;
  scope: string;
  contentHash: string;
  /** The scan id when this scan created the finding or changed its content, else null. */
  contentScanId: string | null;
  /** No row exists yet for this id (a plain insert suffices). */
  isNew: boolean;
  /** Status and scope of the stored row before this scan (absent for a new finding). */
  priorStatus?: FindingStatus;
  priorScope?: string;
}

export interface MergeInput {
  scope: string;
  scanId: string;
  now: string;
  drafts: readonly FindingDraft[];
  /**
   * Stored state of every finding that is in `scope` and not RESOLVED, plus every stored finding
   * whose id is among the drafts (whatever its scope or status).
   */
  existing: ReadonlyMap<string, StoredFindingState>;
  rules: readonly ActiveArchiveRule[];
}

/** Counts reported for a scan. */
export interface ScanCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  resolved: number;
  reopened: number;
  archivedOnArrival: number;
  /** Drafts dropped because an earlier draft of the same scan had the same id. */
  duplicates: number;
}

export interface MergeResult {
  /** Findings whose row must be written (new, changed content, status change or scope move). */
  writes: FindingWrite[];
  /** Ids that become RESOLVED (row keeps its content; status and updatedAt change). */
  resolved: string[];
  events: StatusEvent[];
  counts: ScanCounts;
  /** Ids by change, sorted: the scan-to-scan diff. */
  createdIds: string[];
  reopenedIds: string[];
  resolvedIds: string[];
}

/** Removes lifecycle fields a caller may have left on a draft (a Finding passed as a draft). */
function stripLifecycle(input: FindingDraft): FindingDraft {
  const f = input as FindingDraft & Partial<Finding>;
  if (f.status === undefined && f.createdAt === undefined && f.updatedAt === undefined) return input;
  const { status: _s, createdAt: _c, updatedAt: _u, ...draft } = f;
  return draft;
}

function firstMatchingRule(rules: readonly ActiveArchiveRule[], finding: Finding): ActiveArchiveRule | undefined {
  return rules.find((r) => matchesFilter(r.filter, finding));
}

/** The finding a write stores: its draft with the lifecycle fields. */
export function findingOf(w: FindingWrite): Finding {
  return { ...w.draft, status: w.status, createdAt: w.createdAt, updatedAt: w.updatedAt } as Finding;
}

/** Merges a scan into the stored state. Deterministic: outputs are sorted by id. */
export function mergeScan(input: MergeInput): MergeResult {
  const { scope, scanId, now, existing, rules } = input;
  const counts: ScanCounts = { total: 0, created: 0, updated: 0, unchanged: 0, resolved: 0, reopened: 0, archivedOnArrival: 0, duplicates: 0 };
  const writes: FindingWrite[] = [];
  const events: StatusEvent[] = [];
  const seen = new Set<string>();
  const createdIds: string[] = [];
  const reopenedIds: string[] = [];
  const scanEvent = (findingId: string, change: ChangeKind, from: FindingStatus | null, to: FindingStatus): StatusEvent => ({ findingId, at: now, change, from, to, by: 'scan', scanId });

  for (const raw of input.drafts) {
    if (seen.has(raw.id)) {
      counts.duplicates++;
      continue;
    }
    seen.add(raw.id);
    counts.total++;
    const draft = stripLifecycle(raw);
    const data = canonicalJson(draft);
    const hash = hashText(data);
    const prior = existing.get(draft.id);
    const changed = prior === undefined || prior.contentHash !== hash;
    const write = (status: FindingStatus, createdAt: string, updatedAt: string): FindingWrite => {
      const w: FindingWrite = { draft, status, createdAt, updatedAt, data, scope, contentHash: hash, contentScanId: changed ? scanId : null, isNew: prior === undefined };
      if (prior) {
        w.priorStatus = prior.status;
        w.priorScope = prior.scope;
      }
      writes.push(w);
      return w;
    };
    if (!prior) {
      counts.created++;
      createdIds.push(draft.id);
      events.push(scanEvent(draft.id, 'created', null, 'ACTIVE'));
      archiveOnArrival(write('ACTIVE', now, now));
    } else if (prior.status === 'RESOLVED') {
      counts.reopened++;
      reopenedIds.push(draft.id);
      events.push(scanEvent(draft.id, 'reopened', 'RESOLVED', 'ACTIVE'));
      archiveOnArrival(write('ACTIVE', prior.createdAt, now));
    } else if (prior.contentHash !== hash) {
      counts.updated++;
      events.push(scanEvent(draft.id, 'updated', prior.status, prior.status));
      const w = write(prior.status, prior.createdAt, now);
      if (prior.status === 'ACTIVE') archiveOnArrival(w);
    } else {
      counts.unchanged++;
      // Same content seen from another scope: the finding moves to this scope (last writer owns it).
      if (prior.scope !== scope) write(prior.status, prior.createdAt, prior.updatedAt);
    }
  }

  const resolved: string[] = [];
  for (const state of existing.values()) {
    if (state.scope !== scope || state.status === 'RESOLVED' || seen.has(state.id)) continue;
    resolved.push(state.id);
    events.push(scanEvent(state.id, 'resolved', state.status, 'RESOLVED'));
  }
  resolved.sort();
  counts.resolved = resolved.length;
  // Id order: deterministic, and B-tree inserts in key order are the cheapest.
  writes.sort((a, b) => (a.draft.id < b.draft.id ? -1 : a.draft.id > b.draft.id ? 1 : 0));
  events.sort((a, b) => (a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : 0));
  return { writes, resolved, events, counts, createdIds: createdIds.sort(), reopenedIds: reopenedIds.sort(), resolvedIds: resolved };

  function archiveOnArrival(w: FindingWrite): void {
    if (rules.length === 0) return;
    const rule = firstMatchingRule(rules, findingOf(w));
    if (!rule) return;
    w.status = 'ARCHIVED';
    counts.archivedOnArrival++;
    events.push({ findingId: w.draft.id, at: now, change: 'archived', from: 'ACTIVE', to: 'ARCHIVED', by: 'rule', ruleName: rule.name, scanId });
  }
}
