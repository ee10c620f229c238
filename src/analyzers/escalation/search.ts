/**
 * Transitive escalation search. Builds the graph of escalation edges between principals, marks
 * admin-equivalent nodes, and runs one multi-source BFS backwards from them, so every
 * principal's shortest path to admin is found in O(V + E) after the edges are known.
 */
import type { Evidence } from '../../model/finding.js';
import { ADMIN, EdgeFinder, type EscalationEdge } from './edges.js';
import type { EscalationMethod } from './method-types.js';
import type { AccessOracle } from '../access-oracle.js';
import type { PrincipalIndex } from './principal-index.js';

/** A principal's shortest way to admin. */
export interface EscalationPath {
  start: string;
  edges: EscalationEdge[];
  /** The admin-equivalent principal the path ends at (absent when it ends at `ADMIN`). */
  endsAt?: string;
  /** Why `endsAt` is admin-equivalent. */
  adminEvidence: Evidence[];
}

export interface EscalationGraph {
  edges: EscalationEdge[];
  /** Admin-equivalent principals with the statements that make them so. */
  admins: Map<string, Evidence[]>;
}

/** Computes every edge and admin node of the snapshot. */
export function buildGraph(index: PrincipalIndex, oracle: AccessOracle, methods: readonly EscalationMethod[]): EscalationGraph {
  const finder = new EdgeFinder(index, oracle, methods);
  const admins = new Map<string, Evidence[]>();
  const edges: EscalationEdge[] = [];
  for (const actor of index.actors) {
    const admin = oracle.isAdmin(actor.arn);
    if (admin.allowed) {
      admins.set(actor.arn, admin.evidence);
      continue; // nothing to escalate to
    }
    edges.push(...finder.edgesFrom(actor));
  }
  // Groups reached by AddUserToGroup count as admin when their own policies are.
  for (const edge of edges) {
    if (edge.to !== ADMIN && !admins.has(edge.to) && !index.actorByArn.has(edge.to)) {
      const admin = oracle.isAdmin(edge.to);
      if (admin.allowed) admins.set(edge.to, admin.evidence);
    }
  }
  return { edges, admins };
}

/** Shortest path to admin for every non-admin principal that has one, sorted by start ARN. */
export function shortestPaths(graph: EscalationGraph): EscalationPath[] {
  const incoming = new Map<string, EscalationEdge[]>();
  for (const edge of graph.edges) {
    const list = incoming.get(edge.to);
    if (list) list.push(edge);
    else incoming.set(edge.to, [edge]);
  }
  // next[node] = the first edge of node's shortest path; BFS layers keep paths shortest, and the
  // stable edge order (actors sorted, methods in table order) keeps the choice deterministic.
  const next = new Map<string, EscalationEdge | null>();
  let frontier = [ADMIN, ...[...graph.admins.keys()].sort()];
  for (const node of frontier) next.set(node, null);
  while (frontier.length > 0) {
    const following: string[] = [];
    for (const node of frontier) {
      for (const edge of incoming.get(node) ?? []) {
        if (next.has(edge.from)) continue;
        next.set(edge.from, edge);
        following.push(edge.from);
      }
    }
    frontier = following;
  }
  const paths: EscalationPath[] = [];
  for (const [start, first] of next) {
    if (!first) continue;
    const edges: EscalationEdge[] = [];
    let cursor: EscalationEdge | null | undefined = first;
    while (cursor) {
      edges.push(cursor);
      cursor = next.get(cursor.to);
    }
    const last = edges[edges.length - 1]!.to;
    paths.push({ start, edges, endsAt: last === ADMIN ? undefined : last, adminEvidence: graph.admins.get(last) ?? [] });
  }
  return paths.sort((a, b) => (a.start < b.start ? -1 : 1));
}
