/**
 * CheckNoNewAccess: does the new policy grant anything the existing one does not? A containment
 * proof, statement by statement: every (action, resource pattern) an Allow of the new policy
 * grants must be granted by an Allow of the existing policy whose conditions it implies (same
 * clauses or none) and, for resource policies, whose principals include the new ones; and every
 * Deny of the existing policy must still be in the new one (otherwise the new policy may grant
 * what the old one denied). Actions are expanded over the catalog, resource patterns compared by
 * glob inclusion (`globIncludes`). Whatever cannot be proven is reported as FAIL: a CI gate must
 * err towards asking a human.
 */
import type { Catalog } from '../../catalog/index.js';
import { compileGlob } from '../../engine/index.js';
import type { Policy, Statement } from '../../model/policy/ast.js';
import { canonicalJson } from '../validate/checks/structure.js';
import { globIncludes } from './glob-inclusion.js';
import type { CheckReason, CustomCheckOutcome } from './types.js';

/** Concrete actions a statement's Action/NotAction covers (catalog-expanded; unknown literals kept). */
export function statementActions(s: Statement, catalog: Catalog): string[] {
  const patterns = s.action.patterns.map((p) => p.value);
  if (s.action.kind === 'Action') {
    const out = new Set<string>();
    for (const p of patterns) {
      const expanded = catalog.expandActionPattern(p);
      if (expanded.length > 0) expanded.forEach((a) => out.add(a));
      else out.add(p); // not in the catalog: compared as written
    }
    return [...out];
  }
  const globs = patterns.map((p) => compileGlob(p, true));
  return catalog.services().flatMap((svc) => catalog.actionsOf(svc.prefix)).map((a) => a.fullName).filter((a) => !globs.some((g) => g.test(a)));
}

const globCache = new Map<string, ReturnType<typeof compileGlob>>();
/** Case-insensitive action glob, compiled once per pattern (a `*` policy expands to every action). */
export const actionGlob = (pattern: string) => {
  let g = globCache.get(pattern);
  if (!g) globCache.set(pattern, (g = compileGlob(pattern, true)));
  return g;
};

const actionCovered = (t: Statement, action: string) => {
  const hit = t.action.patterns.some((p) => actionGlob(p.value).test(action));
  return t.action.kind === 'Action' ? hit : !hit;
};

/** Does old statement `t` grant every resource of new statement `s`'s resource element? */
function resourcesCovered(t: Statement, s: Statement): boolean {
  const tr = t.resource;
  const sr = s.resource;
  if (!tr) return true; // trust policies: no Resource, the role itself
  if (!sr) return tr.kind === 'Resource' && tr.patterns.some((p) => p.value === '*');
  if (sr.kind === 'Resource') {
    return sr.patterns.every((p) =>
      tr.kind === 'Resource'
        ? tr.patterns.some((q) => globIncludes(q.value, p.value, false))
        : !/[*?]/.test(p.value) && !tr.patterns.some((q) => compileGlob(q.value, false).test(p.value)),
    );
  }
  // New NotResource: everything but some ARNs. Old must grant all (`*`) or exclude a subset.
  if (tr.kind === 'Resource') return tr.patterns.some((q) => q.value === '*');
  const excluded = new Set(sr.patterns.map((p) => p.value));
  return tr.patterns.every((q) => excluded.has(q.value));
}

/** The old statement's conditions are implied by the new one's: none, or a subset of its clauses. */
function conditionsImplied(t: Statement, s: Statement): boolean {
  if (t.conditions.length === 0) return true;
  const have = new Set(s.conditions.map(clauseKey));
  return t.conditions.every((c) => have.has(clauseKey(c)));
}
const clauseKey = (c: Statement['conditions'][number]) => `${c.operator.toLowerCase()}|${c.key.toLowerCase()}|${c.values.map((v) => v.value).sort().join(',')}`;

/** Principals of the old statement include the new one's (resource and trust policies). */
function principalsIncluded(t: Statement, s: Statement): boolean {
  if (!s.principal && !t.principal) return true;
  if (!t.principal || !s.principal || t.principal.kind !== 'Principal' || s.principal.kind !== 'Principal') return false;
  if (t.principal.wildcard || t.principal.values.some((v) => v.type === 'AWS' && v.value.value === '*')) return true;
  if (s.principal.wildcard) return false;
  const have = new Set(t.principal.values.map((v) => `${v.type}|${v.value.value}`));
  return s.principal.values.every((v) => have.has(`${v.type}|${v.value.value}`));
}

const statementText = (s: Statement) => canonicalJson({ e: s.effect, a: s.action, r: s.resource, p: s.principal, c: s.conditions.map(clauseKey).sort() });

export function checkNoNewAccess(newPolicy: Policy, existingPolicy: Policy, catalog: Catalog): CustomCheckOutcome {
  const reasons: CheckReason[] = [];
  const oldAllows = existingPolicy.statements.filter((t) => t.effect === 'Allow');
  // Denies of the old policy must survive (identical statement in the new one, Sid aside).
  const newDenies = new Set(newPolicy.statements.filter((s) => s.effect === 'Deny').map(statementText));
  for (const d of existingPolicy.statements.filter((t) => t.effect === 'Deny')) {
    if (!newDenies.has(statementText(d))) {
      reasons.push({ statementIndex: d.index, ...(d.sid ? { sid: d.sid } : {}), pointer: d.pointer, message: `the existing policy's Deny statement ${d.index}${d.sid ? ` (${d.sid})` : ''} is not in the new policy, so access it denied may now be granted` });
    }
  }
  for (const s of newPolicy.statements.filter((x) => x.effect === 'Allow')) {
    const uncovered: string[] = [];
    for (const action of statementActions(s, catalog)) {
      const covered = oldAllows.some((t) => actionCovered(t, action) && resourcesCovered(t, s) && conditionsImplied(t, s) && principalsIncluded(t, s));
      if (!covered) uncovered.push(action);
      if (uncovered.length > 50) break;
    }
    if (uncovered.length > 0) {
      const resources = s.resource?.patterns.map((p) => p.value).join(', ') ?? '(the role)';
      reasons.push({
        statementIndex: s.index, ...(s.sid ? { sid: s.sid } : {}), pointer: s.pointer, action: uncovered[0], resource: resources,
        message: `statement ${s.index}${s.sid ? ` (${s.sid})` : ''} grants ${uncovered.slice(0, 5).join(', ')}${uncovered.length > 5 ? ', …' : ''} on ${resources}, which the existing policy does not grant`,
      });
    }
  }
  return reasons.length === 0
    ? { result: 'PASS', message: 'the new policy grants no access that the existing policy does not', reasons }
    : { result: 'FAIL', message: 'the new policy grants access that the existing policy does not', reasons };
}
