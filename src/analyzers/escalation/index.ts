/**
 * Privilege-escalation analyzer: `Snapshot` + an engine-backed `AccessOracle` → findings.
 */
import type { FindingDraft } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot/types.js';
import { escalationFindings } from './findings.js';
import type { EscalationMethod } from './method-types.js';
import { ESCALATION_METHODS } from './methods.js';
import type { AccessOracle } from '../access-oracle.js';
import { indexPrincipals } from './principal-index.js';
import { searchPaths } from './search.js';
import { EdgeFinder } from './edges.js';
import type { SearchOptions } from './budget.js';

export type { AccessOracle, Verdict, ProbeRequest, PermissionChange } from '../access-oracle.js';
export { ESCALATION_METHODS } from './methods.js';
export type { EscalationMethod } from './method-types.js';
export type { SearchOptions, SearchStats, WorkBudget, WorkProgress } from './budget.js';

/** Finds every principal with a (possibly transitive) path to admin. */
export function analyzeEscalation(snapshot: Snapshot, oracle: AccessOracle, methods: readonly EscalationMethod[] = ESCALATION_METHODS, options: SearchOptions = {}): FindingDraft[] {
  const index = indexPrincipals(snapshot);
  return escalationFindings(searchPaths(index, oracle, methods, options), index);
}

/** Every escalation edge of the snapshot (one step each), for explanations and tests. */
export function escalationEdges(snapshot: Snapshot, oracle: AccessOracle, methods: readonly EscalationMethod[] = ESCALATION_METHODS) {
  const index = indexPrincipals(snapshot);
  const finder = new EdgeFinder(index, oracle, methods);
  return index.actors.filter((a) => !oracle.isAdmin(a.arn).allowed).flatMap((a) => finder.edgesFrom(a));
}
