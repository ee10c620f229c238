/**
 * Evaluation of one policy layer (all identity policies, the resource policy, one SCP level...):
 * which statements match, whether the layer allows and whether it denies, each three-valued.
 */
import type { Policy } from '../model/policy/ast.js';
import { compilePolicy, type CompiledStatement } from './compile.js';
import { principalGrant, resourceAndConditionsMatch } from './match.js';
import type { PreparedRequest } from './request.js';
import { or3 } from './tri.js';
import type { MatchedStatement, Tri } from './types.js';

/** What one layer says about a request (shared and frozen: see `layerOutcome`). */
export interface LayerOutcome {
  allow: Tri;
  deny: Tri;
  /** Allow split by how the principal element named the caller (resource-type layers). */
  direct: Tri;
  role: Tri;
  account: Tri;
}

const TRI: readonly Tri[] = [false, true, 'unknown'];
const code = (t: Tri): number => (t === false ? 0 : t === true ? 1 : 2);

/**
 * Every possible outcome, built once and frozen (3^5 = 243): a decision evaluates six to eight
 * layers, and allocating an outcome object for each was a tenth of a warm decision's garbage.
 */
const OUTCOMES: readonly LayerOutcome[] = Array.from({ length: 243 }, (_, i) =>
  Object.freeze({ allow: TRI[i % 3]!, deny: TRI[Math.floor(i / 3) % 3]!, direct: TRI[Math.floor(i / 9) % 3]!, role: TRI[Math.floor(i / 27) % 3]!, account: TRI[Math.floor(i / 81) % 3]! }),
);

/** The shared outcome with these values (outcomes are read-only). */
export function layerOutcome(allow: Tri, deny: Tri, direct: Tri = false, role: Tri = false, account: Tri = false): LayerOutcome {
  return OUTCOMES[code(allow) + 3 * code(deny) + 9 * code(direct) + 27 * code(role) + 81 * code(account)]!;
}

const NONE: LayerOutcome = layerOutcome(false, false);


const CANDIDATES: unique symbol = Symbol('cordon.candidates');
/** Per-array cache: the last action asked (pointer comparison on interned actions), then a map. */
interface CandidateCache {
  lastAction: string | undefined;
  lastList: readonly CompiledStatement[];
  byAction: Map<string, readonly CompiledStatement[]> | undefined;
}
const ACTION_CACHE_LIMIT = 4096;

/**
 * Statements of all `policies` whose action matches, in order. Cached on the array itself (warm
 * evaluation passes the same identity array for every request of a principal), so a layer of 20
 * policies costs one comparison or map lookup per request instead of twenty.
 */
export function candidates(policies: readonly Policy[], req: PreparedRequest): readonly CompiledStatement[] {
  if (policies.length === 0) return NO_STATEMENTS;
  if (policies.length === 1) return compilePolicy(policies[0]!).forAction(req.actionLower, req.service);
  const holder = policies as readonly Policy[] & { [CANDIDATES]?: CandidateCache };
  let cache = holder[CANDIDATES];
  if (cache && cache.lastAction === req.actionLower) return cache.lastList;
  if (!cache) {
    cache = { lastAction: undefined, lastList: [], byAction: undefined };
    if (Object.isExtensible(policies)) Object.defineProperty(policies, CANDIDATES, { value: cache, enumerable: false });
  }
  let list = cache.byAction?.get(req.actionLower);
  if (!list) {
    const all: CompiledStatement[] = [];
    for (const p of policies) for (const cs of compilePolicy(p).forAction(req.actionLower, req.service)) all.push(cs);
    // The map is made only when a second action is asked: one-action arrays never allocate it.
    if (cache.lastAction !== undefined) {
      cache.byAction ??= new Map([[cache.lastAction, cache.lastList]]);
      if (cache.byAction.size >= ACTION_CACHE_LIMIT) cache.byAction.clear();
      cache.byAction.set(req.actionLower, all);
    }
    list = all;
  }
  cache.lastAction = req.actionLower;
  cache.lastList = list;
  return list;
}

const NO_STATEMENTS: readonly CompiledStatement[] = [];

/** The explanation entry of an unconditional match: built once per statement and shared (read-only). */
function entryOf(cs: CompiledStatement): MatchedStatement {
  let e = cs.entry;
  if (!e) {
    const st = cs.statement;
    e = { policyId: cs.policy.id, policyType: cs.policy.type, statementIndex: st.index, pointer: st.pointer, effect: st.effect };
    if (st.sid !== undefined) e.sid = st.sid;
    Object.freeze(e);
    cs.entry = e;
  }
  return e;
}

/** Evaluates `policies` as one layer, appending matching statements to `out`. */
export function evaluateLayer(policies: readonly Policy[], req: PreparedRequest, out: MatchedStatement[]): LayerOutcome {
  if (policies.length === 0) return NONE;
  return evaluateStatements(candidates(policies, req), req, out);
}

/** Evaluates a layer's candidate statements (from `candidates`), appending matches to `out`. */
export function evaluateStatements(list: readonly CompiledStatement[], req: PreparedRequest, out: MatchedStatement[]): LayerOutcome {
  let allow: Tri = false;
  let deny: Tri = false;
  let direct: Tri = false;
  let role: Tri = false;
  let account: Tri = false;
  for (const cs of list) {
    let grant: ReturnType<typeof principalGrant> = 'direct';
    if (cs.withPrincipal) {
      grant = principalGrant(cs.principal, req.caller);
      // A NotPrincipal Deny always denies a principal that has a permissions boundary, whatever it
      // lists (IAM User Guide, "AWS JSON policy elements: NotPrincipal").
      if (grant === false && !cs.allow && req.hasBoundary && cs.principal?.negated) grant = 'direct';
      if (grant === false) continue;
    }
    const m = resourceAndConditionsMatch(cs, req);
    if (m === false) continue;
    out.push(m === true ? entryOf(cs) : { ...entryOf(cs), conditional: true });
    if (!cs.allow) {
      deny = or3(deny, m);
      continue;
    }
    allow = or3(allow, m);
    if (grant === 'direct') direct = or3(direct, m);
    else if (grant === 'role') role = or3(role, m);
    else account = or3(account, m);
  }
  return layerOutcome(allow, deny, direct, role, account);
}
