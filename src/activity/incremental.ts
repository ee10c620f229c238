/**
 * Incremental re-evaluation after one replayed change, with results identical to a full
 * escalation + exposure scan of the new snapshot (`runAnalyzers`): what the change touched is read
 * from the snapshots (`incremental-diff.ts`); escalation runs the same search over an oracle whose
 * answers about untouched principals, roles and resources are carried from the previous state
 * (`access-oracle-cache.ts`); exposure re-judges only the roles and resources that changed. A change
 * that cannot be attributed (organization, creations, deletions, clock-dependent policies) starts
 * afresh. The property test in `test/activity/replay-property.test.ts` checks every step.
 */
import { CarriedOracle, type OracleCacheStats } from '../analyzers/access-oracle-cache.js';
import { engineOracle } from '../analyzers/engine-oracle.js';
import { compileSnapshot, type AuthorizationModel } from '../engine/index.js';
import { carriedIndex, EdgeCache } from '../analyzers/escalation/edge-cache.js';
import { escalationFindings } from '../analyzers/escalation/findings.js';
import { ESCALATION_METHODS } from '../analyzers/escalation/methods.js';
import { indexPrincipals, type PrincipalIndex } from '../analyzers/escalation/principal-index.js';
import { searchPaths } from '../analyzers/escalation/search.js';
import { analyzeExposure } from '../analyzers/exposure/analyze.js';
import { cordonExposureEngine } from '../analyzers/exposure/engine-adapter.js';
import type { ZoneKind } from '../analyzers/exposure/zone.js';
import type { CloudTrailEvent } from '../model/cloudtrail.js';
import type { FindingDraft } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot/types.js';
import { snapshotChange } from './incremental-diff.js';

const byTypeThenId = (a: FindingDraft, b: FindingDraft) => a.type.localeCompare(b.type) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Condition keys whose value is the scan's clock (`engine-oracle.ts` fixes them from `now`): an
 * answer that read them may differ at the next event's time, so a state holding such a policy is
 * always evaluated afresh.
 */
const CLOCK_KEYS = ['aws:currenttime', 'aws:epochtime', 'aws:tokenissuetime'];

/** The name of the fresh principals the oracle's admin probes name (`engine-oracle.ts` `adminProbes`). */
const PROBE_NAME = 'cordon-probe';

function readsClock(documents: readonly unknown[]): boolean {
  return documents.some((d) => {
    if (d === undefined || d === null) return false;
    const text = (typeof d === 'string' ? d : JSON.stringify(d)).toLowerCase();
    return CLOCK_KEYS.some((k) => text.includes(k));
  });
}

function everyDocument(snapshot: Snapshot): unknown[] {
  const out: unknown[] = [];
  for (const a of snapshot.accounts) {
    for (const p of [...a.users, ...a.groups, ...a.roles]) out.push(...p.inlinePolicies.map((i) => i.document));
    for (const r of a.roles) out.push(r.trustPolicy);
    for (const p of a.policies) out.push(...p.versions.map((v) => v.document));
    for (const r of a.resources) out.push(r.policy);
  }
  for (const p of snapshot.organization?.policies ?? []) out.push(p.document);
  return out;
}

/** Counters of one re-evaluation state, for the benchmark. */
export interface IncrementalStats {
  /** Steps evaluated by carrying answers over. */
  incremental: number;
  /** Of those, steps whose escalation answers were all unchanged (no search needed). */
  unchangedEscalation: number;
  /** Steps (and the first state) evaluated afresh, with why. */
  fresh: { count: number; last?: string };
  oracle: OracleCacheStats;
}

/** The findings of one state and what it takes to move to the next cheaply. */
export class IncrementalState {
  readonly stats: IncrementalStats = { incremental: 0, unchangedEscalation: 0, fresh: { count: 0 }, oracle: { hits: 0, misses: 0, builds: 0 } };
  /** Escalation and exposure findings of the current state, as `runAnalyzers` orders them. */
  findings: FindingDraft[] = [];
  private snapshot!: Snapshot;
  private oracle!: CarriedOracle;
  private edges = new EdgeCache();
  private index!: PrincipalIndex;
  /** Principals changed since the index was last brought up to date (at the next search). */
  private readonly indexStale = new Set<string>();
  /** The last compiled model: the next one reuses its parses of unchanged documents. */
  private model: AuthorizationModel | undefined;
  private escalation: FindingDraft[] = [];
  /** Exposure findings per source ARN, in analyzer order. */
  private exposure = new Map<string, FindingDraft[]>();
  private clockDependent = false;

  constructor(snapshot: Snapshot, now: Date, readonly zone: ZoneKind = 'account') {
    this.reset(snapshot, now, 'initial state');
  }

  /** Moves to `next` (the snapshot after one replayed event) and returns its findings. */
  advance(next: Snapshot, now: Date): FindingDraft[] {
    const change = snapshotChange(this.snapshot, next);
    if (change.full) return this.reset(next, now, change.why);
    if (this.clockDependent || readsClock(change.documents)) return this.reset(next, now, 'a policy reads the clock');
    this.snapshot = next;
    for (const p of change.principals) this.indexStale.add(p);
    this.oracle.moveTo(() => this.engine(next, now));
    // The search is a function of the oracle's answers and of the principals' groups, attachments,
    // boundaries and profiles: when the change altered none of those, its paths stay as they were.
    if (change.answersOnly && !this.oracle.derivedUsed && this.oracle.sameAnswers(change, (named) => this.partialEngine(next, now, named))) this.stats.unchangedEscalation++;
    else {
      this.oracle.invalidate(change);
      // A resource policy could answer a request on a fixed ARN a method names: decide those again.
      if (change.others.size > 0) this.edges = new EdgeCache();
      this.edges.invalidate(change.principals, change.serviceRoles);
      this.oracle.derivedUsed = false;
      this.escalation = this.escalate();
    }
    if (change.exposure.size > 0) {
      for (const arn of change.exposure) this.exposure.delete(arn);
      for (const [arn, list] of groupBySource(analyzeExposure(next, cordonExposureEngine, { zone: this.zone, only: change.exposure }))) this.exposure.set(arn, list);
    }
    this.stats.incremental++;
    return (this.findings = this.merge());
  }

  /** Oracle counters over every state so far. */
  oracleStats(): OracleCacheStats {
    const s = this.oracle.stats;
    return { hits: this.stats.oracle.hits + s.hits, misses: this.stats.oracle.misses + s.misses, builds: this.stats.oracle.builds + s.builds };
  }

  /** Evaluates `snapshot` afresh (a full scan through a new carried oracle). */
  private reset(snapshot: Snapshot, now: Date, why: string): FindingDraft[] {
    if (this.oracle) {
      const s = this.oracle.stats;
      this.stats.oracle.hits += s.hits;
      this.stats.oracle.misses += s.misses;
      this.stats.oracle.builds += s.builds;
    }
    this.snapshot = snapshot;
    this.oracle = new CarriedOracle(() => this.engine(snapshot, now));
    this.edges = new EdgeCache();
    this.clockDependent = readsClock(everyDocument(snapshot));
    this.index = indexPrincipals(snapshot);
    this.indexStale.clear();
    this.escalation = this.escalate();
    this.exposure = groupBySource(analyzeExposure(snapshot, cordonExposureEngine, { zone: this.zone }));
    this.stats.fresh = { count: this.stats.fresh.count + 1, last: why };
    return (this.findings = this.merge());
  }

  /** As `analyzeEscalation` (the `escalation` analyzer), over the kept index, oracle and edge cache. */
  private escalate(): FindingDraft[] {
    if (this.indexStale.size > 0) {
      this.index = carriedIndex(this.index, this.snapshot, this.indexStale);
      this.indexStale.clear();
    }
    return escalationFindings(searchPaths(this.index, this.oracle.oracle, ESCALATION_METHODS, { cache: this.edges }), this.index);
  }

  /** The engine-backed oracle of `snapshot`, compiled from the previous model's parses. */
  private engine(snapshot: Snapshot, now: Date) {
    this.model = compileSnapshot(snapshot, this.model);
    return engineOracle(snapshot, { now, model: this.model });
  }

  /**
   * An oracle of `snapshot` that knows only the users and roles in `named` (plus any that a probe
   * of the oracle could name): every group, managed policy, resource and organization policy is
   * kept, so its answers about `named` principals and resources are the whole state's.
   */
  private partialEngine(snapshot: Snapshot, now: Date, named: ReadonlySet<string>) {
    const keep = (p: { arn: string; name: string }) => named.has(p.arn) || p.name === PROBE_NAME;
    const part: Snapshot = { ...snapshot, accounts: snapshot.accounts.map((a) => ({ ...a, users: a.users.filter(keep), roles: a.roles.filter(keep) })) };
    return engineOracle(part, { now, model: compileSnapshot(part, this.model) });
  }

  /** As `runAnalyzers(['escalation', 'exposure'])`: escalation first, duplicates dropped, sorted by type then id. */
  private merge(): FindingDraft[] {
    const byId = new Map<string, FindingDraft>();
    for (const f of this.escalation) if (!byId.has(f.id)) byId.set(f.id, f);
    for (const arn of [...this.exposure.keys()].sort()) for (const f of this.exposure.get(arn)!) if (!byId.has(f.id)) byId.set(f.id, f);
    return [...byId.values()].sort(byTypeThenId);
  }
}

function groupBySource(findings: readonly FindingDraft[]): Map<string, FindingDraft[]> {
  const map = new Map<string, FindingDraft[]>();
  for (const f of findings) {
    const list = map.get(f.resource);
    if (list) list.push(f);
    else map.set(f.resource, [f]);
  }
  return map;
}

/** The state each findings list came from, so callers that keep only findings still move incrementally. */
const states = new WeakMap<readonly FindingDraft[], IncrementalState>();

/**
 * Findings of `next` after `event`, given the findings of the state before it; the same as a full
 * `runAnalyzers(['escalation','exposure'])` of `next`. Incremental when `previous` came from this
 * function (or `IncrementalState`), a fresh evaluation otherwise.
 */
export function reevaluate(previous: readonly FindingDraft[], next: Snapshot, _event: CloudTrailEvent, now: Date, zone: ZoneKind = 'account'): FindingDraft[] {
  let state = states.get(previous);
  if (state && state.zone === zone) state.advance(next, now);
  else state = new IncrementalState(next, now, zone);
  states.set(state.findings, state);
  return state.findings;
}
