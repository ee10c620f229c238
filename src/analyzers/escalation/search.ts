/**
 * Transitive escalation search, backwards from admin. Layer 0 is `ADMIN` plus the
 * admin-equivalent principals; layer k+1 is every principal with an edge into layer k. Edges are
 * asked for one destination at a time, only from principals that may have one (a reverse index
 * by account, trust and feasible method), and only until a principal is reached, so the cost
 * follows principals and reached nodes rather than principals × methods × targets, and evidence
 * exists only for the edges that end up in a path. The result is exactly the shortest-path BFS
 * over the full graph: frontier nodes in discovery order, principals in ARN order, a principal's
 * edges in method-table then target order. Then, for principals it left unreached only: paths
 * through capability gains (joining a group, attaching a named policy: `gains.ts`), each new
 * principal they reach resuming the search, and last latent paths (`latent.ts`).
 */
import type { Evidence } from '../../model/finding.js';
import { ADMIN, EdgeFinder, type EscalationEdge } from './edges.js';
import type { EscalationMethod } from './method-types.js';
import type { AccessOracle } from '../access-oracle.js';
import type { Actor, PrincipalIndex } from './principal-index.js';
import { ReverseIndex } from './reverse-index.js';
import { CapabilityGains } from './gains.js';
import { latentPaths } from './latent.js';
import type { SearchOptions } from './budget.js';

/** A principal's shortest way to admin. */
export interface EscalationPath {
  start: string;
  edges: EscalationEdge[];
  /** The admin-equivalent principal the path ends at (absent when it ends at `ADMIN`). */
  endsAt?: string;
  /** Why `endsAt` is admin-equivalent. */
  adminEvidence: Evidence[];
  /** The method needs a resource the snapshot shows does not exist yet (`latent.ts`). */
  latent?: { missing: string };
}

/** Every principal's shortest path to admin, sorted by start ARN. */
export function searchPaths(index: PrincipalIndex, oracle: AccessOracle, methods: readonly EscalationMethod[], options: SearchOptions = {}): EscalationPath[] {
  const finder = new EdgeFinder(index, oracle, methods, undefined, options.cache);
  const gains = new CapabilityGains(index, oracle, finder);
  const reverse = new ReverseIndex(index, oracle, finder);
  const stats = options.stats ?? { decisions: 0, pairs: 0, edges: 0, principals: 0 };
  stats.principals = index.actors.length;
  const every = options.checkEvery ?? 20_000;
  let nextCheck = every;
  const progress = () => {
    stats.decisions = finder.decisions + gains.decisions;
    if (options.budget && stats.decisions + stats.pairs >= nextCheck) {
      nextCheck = stats.decisions + stats.pairs + every;
      options.budget({ analyzer: 'escalation', principals: index.actors.length, work: stats.decisions + stats.pairs });
    }
  };

  const admins = new Map<string, Evidence[]>();
  for (const actor of index.actors) {
    const admin = oracle.isAdmin(actor.arn);
    if (admin.allowed) admins.set(actor.arn, admin.evidence);
  }
  // Groups gained by AddUserToGroup count as admin when their own policies are.
  for (const groups of index.groupsByAccount.values()) {
    for (const group of groups) {
      const admin = oracle.isAdmin(group.arn);
      if (admin.allowed) admins.set(group.arn, admin.evidence);
    }
  }

  const next = new Map<string, EscalationEdge | null>();
  let frontier = [ADMIN, ...[...admins.keys()].sort()];
  for (const node of frontier) next.set(node, null);
  const reached = new Uint8Array(index.actors.length);
  index.actors.forEach((a, i) => (reached[i] = next.has(a.arn) ? 1 : 0));
  let left = reached.reduce((n, r) => n + (r ? 0 : 1), 0);
  // A group is admin by its own policies; the member it gains stays capped by its own boundary
  // and its account's SCPs, so joining counts only if the user holding the group is admin.
  const joinsAsAdmin = (actor: Actor, node: string): boolean => {
    if (node === ADMIN || index.actorByArn.has(node) || !admins.has(node) || !oracle.withGrants) return true;
    gains.decisions++;
    return oracle.withGrants(actor.arn, [node])?.isAdmin(actor.arn).allowed ?? true;
  };
  const backwards = () => {
    while (frontier.length > 0 && left > 0) {
      const following: string[] = [];
      for (const node of frontier) {
        for (const i of reverse.mayReach(node, reached)) {
          if (reached[i]) continue;
          const actor: Actor = index.actors[i]!;
          stats.pairs++;
          const edge = finder.edgeTo(actor, node);
          progress();
          if (!edge || !joinsAsAdmin(actor, node)) continue;
          reached[i] = 1;
          left--;
          stats.edges++;
          next.set(actor.arn, edge);
          following.push(actor.arn);
        }
      }
      frontier = following;
    }
  };
  backwards();

  // Transitive capability gains, only for principals the plain search left unreached (so every
  // path above stays as it was); each principal they reach is a new frontier for the plain search.
  const chains = new Map<string, EscalationEdge[]>();
  while (left > 0 && oracle.withGrants) {
    const found: number[] = [];
    index.actors.forEach((actor, i) => {
      if (reached[i]) return;
      const chain = gains.pathFrom(actor, (node) => next.has(node));
      progress();
      if (!chain) return;
      chains.set(actor.arn, chain);
      found.push(i);
    });
    if (found.length === 0) break;
    frontier = [];
    for (const i of found) {
      const arn = index.actors[i]!.arn;
      reached[i] = 1;
      left--;
      stats.edges += chains.get(arn)!.length;
      next.set(arn, chains.get(arn)![0]!);
      frontier.push(arn);
    }
    backwards();
  }
  progress();

  const paths: EscalationPath[] = [];
  for (const [start, first] of next) {
    if (!first) continue;
    const edges: EscalationEdge[] = [];
    for (let hop = chains.get(start) ?? [first]; hop.length > 0; ) {
      edges.push(...hop);
      const to = hop[hop.length - 1]!.to;
      const onward = next.get(to);
      hop = chains.get(to) ?? (onward ? [onward] : []);
    }
    const last = edges[edges.length - 1]!.to;
    paths.push({ start, edges, endsAt: last === ADMIN ? undefined : last, adminEvidence: admins.get(last) ?? [] });
  }
  paths.push(...latentPaths(index, oracle, finder, reached));
  return paths.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : Number(a.latent ?? false) - Number(b.latent ?? false)));
}
