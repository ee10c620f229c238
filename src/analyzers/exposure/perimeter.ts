/**
 * Data-perimeter Deny statements read symbolically. A Deny such as
 * `StringNotEqualsIfExists {"aws:PrincipalOrgID": "o-abc"}` (plus the usual
 * `BoolIfExists {"aws:PrincipalIsAWSService": "false"}` exemption) removes every caller outside
 * the organization, but no single "representative" outside caller can show that: whether the
 * caller's org is `o-abc` is exactly what the analysis must keep open. So such a Deny is flipped
 * into the positive clause that exempts a request from it (`StringEquals aws:PrincipalOrgID o-abc`),
 * and the Allow statement it covers is analysed once per exemption, each exemption ANDed with the
 * Allow's own conditions (AWS data perimeters guide; IAM User Guide, "Condition operators":
 * negated operators match when the key is absent, so the exemption needs the key present).
 */
import { globMatch, matchAction } from '../../model/policy/glob.js';
import type { ConditionClause, Statement } from '../../model/policy/ast.js';

/** A Deny that only says which callers may stay, with the clauses that exempt a request from it. */
export interface PerimeterDeny {
  statement: Statement;
  /** Alternatives: a request matching ANY of these clauses escapes the Deny; none → it always applies. */
  exemptions: ConditionClause[];
}

/** Facts about the resource the policy is attached to, for `aws:Resource*` keys and variables. */
export interface ResourceFacts {
  account: string;
  /** The organization of the resource's account, when the snapshot knows it. */
  orgId?: string;
}

const FLIP: Record<string, string> = {
  StringNotEquals: 'StringEquals', StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase', StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals', ArnNotLike: 'ArnLike', NotIpAddress: 'IpAddress',
};

/** Marker org id for "the resource's organization" when the snapshot does not know it: no zone has it. */
export const UNKNOWN_RESOURCE_ORG = 'o-resource-organization-unknown';

/** Resolves the only policy variables a perimeter value may use; undefined for any other. */
function resolveValue(value: string, facts: ResourceFacts): string | undefined {
  if (!value.includes('${')) return value;
  const v = value.trim().toLowerCase();
  if (v === '${aws:resourceaccount}') return facts.account;
  if (v === '${aws:resourceorgid}') return facts.orgId ?? UNKNOWN_RESOURCE_ORG;
  return undefined;
}

function isDenyAnyone(statement: Statement): boolean {
  const p = statement.principal;
  if (!p) return true; // trust/resource policies always carry one; an absent block cannot name a caller
  if (p.kind !== 'Principal') return false;
  return p.wildcard || p.values.some((v) => v.type === 'AWS' && v.value.value === '*');
}

/**
 * Reads a Deny statement as a perimeter, or undefined when it has a clause this reading does not
 * cover (then the engine applies it, counting it only where it certainly applies). `never` means
 * the Deny can never apply (e.g. `aws:ResourceOrgID` different from the resource's own org).
 */
export function readPerimeterDeny(statement: Statement, facts: ResourceFacts): PerimeterDeny | 'never' | undefined {
  if (statement.effect !== 'Deny' || statement.conditions.length === 0 || !isDenyAnyone(statement)) return undefined;
  const exemptions: ConditionClause[] = [];
  for (const clause of statement.conditions) {
    const key = clause.key.toLowerCase();
    const values = clause.values.map((v) => v.value);
    // Services are not outside callers here (they are confused-deputy findings): the usual
    // `aws:PrincipalIsAWSService = false` guard holds for every caller this reading is about.
    if (key === 'aws:principalisawsservice' && clause.baseOperator === 'Bool' && !clause.setQualifier && values.every((v) => v.toLowerCase() === 'false')) continue;
    const flipped = FLIP[clause.baseOperator];
    if (!flipped || clause.setQualifier) return undefined;
    if (key === 'aws:resourceorgid') {
      const resolved = values.map((v) => (v.trim().toLowerCase() === '${aws:principalorgid}' ? 'principal' : resolveValue(v, facts)));
      if (resolved.includes('principal')) {
        // Resource org must equal the caller's: the caller must be in the resource's organization.
        exemptions.push(positive(clause, flipped, 'aws:PrincipalOrgID', [facts.orgId ?? UNKNOWN_RESOURCE_ORG]));
        continue;
      }
      if (resolved.some((v) => v === undefined) || facts.orgId === undefined) return undefined;
      if (flipped === 'StringEquals' ? resolved.includes(facts.orgId) : resolved.some((v) => globMatch(v!, facts.orgId!, flipped === 'StringEqualsIgnoreCase'))) return 'never';
      continue; // the resource is outside the named orgs: this clause holds for every request
    }
    const resolved = values.map((v) => resolveValue(v, facts));
    if (resolved.some((v) => v === undefined)) return undefined;
    exemptions.push(positive(clause, flipped, clause.key, resolved as string[]));
  }
  return { statement, exemptions };
}

function positive(clause: ConditionClause, operator: string, key: string, values: string[]): ConditionClause {
  // The key must be present to escape a negated operator, so the exemption is never IfExists.
  return { operator, baseOperator: operator, ifExists: false, key, values: values.map((value) => ({ value, pointer: clause.pointer })), pointer: clause.pointer };
}

/** Concrete stand-in for a pattern: wildcards and variables become a probe only wildcards match. */
export function probe(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, 'CordonProbe').replace(/[*?]+/g, 'CordonProbe');
}

/** True when the Deny covers the action (a pattern, probed) on every probe resource. */
export function denyCovers(deny: Statement, action: string, resources: readonly string[]): boolean {
  const a = probe(action);
  const hit = deny.action.patterns.some((p) => matchAction(p.value, a));
  if (deny.action.kind === 'Action' ? !hit : hit) return false;
  if (!deny.resource) return true;
  const matches = (r: string) => deny.resource!.patterns.some((p) => !p.value.includes('${') && globMatch(p.value, r));
  return deny.resource.kind === 'Resource' ? resources.every(matches) : !resources.some(matches);
}
