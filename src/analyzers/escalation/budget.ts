/**
 * How a caller bounds the escalation search. Pure layers cannot read the process's memory, so the
 * caller passes a callback that the search calls every `checkEvery` units of work; the callback
 * throws (e.g. a `ResourceLimitError`) to stop a scan that would not fit.
 */
import type { EdgeCache } from './edge-cache.js';

/** What the search reports to the budget callback. */
export interface WorkProgress {
  analyzer: string;
  /** Principals in the snapshot (users and roles). */
  principals: number;
  /** Engine questions plus principal-node pairs examined so far. */
  work: number;
}

/** Called during the search; throws to abort it. */
export type WorkBudget = (progress: WorkProgress) => void;

/** Counters of one search, for benchmarks and tests that bound work by operation counts. */
export interface SearchStats {
  /** Engine questions (decisions, trust checks, hypothetical admin checks). */
  decisions: number;
  /** Principal × node pairs examined. */
  pairs: number;
  /** Edges built (each in a reported path). */
  edges: number;
  principals: number;
}

export interface SearchOptions {
  budget?: WorkBudget;
  /** Work units between two budget calls (default 20,000). */
  checkEvery?: number;
  /** Filled with the search's counters when given. */
  stats?: SearchStats;
  /** Answers kept from the previous snapshot of a replay (`edge-cache.ts`). */
  cache?: EdgeCache;
}
