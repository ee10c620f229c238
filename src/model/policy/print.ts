/**
 * Printer from the typed AST back to a canonical policy JSON object: single values stay single,
 * element order is fixed, condition operators keep their written spelling. parse → print → parse
 * yields the same AST (pointers included, because single-vs-array shape is preserved by count).
 */
import type { ConditionClause, Located, Policy, PrincipalBlock, Statement } from './ast.js';

function list(values: Located[]): string | string[] {
  // A one-element array is printed as a bare string; both spellings mean the same to AWS.
  return values.length === 1 && !values[0]!.pointer.match(/\/\d+$/) ? values[0]!.value : values.map((v) => v.value);
}

function principal(block: PrincipalBlock): unknown {
  if (block.wildcard) return '*';
  const only = block.values.length === 1 ? block.values[0]! : undefined;
  if (only && only.value.pointer === block.pointer) return only.value.value; // the bare-string form
  const out: Record<string, Located[]> = {};
  for (const { type, value } of block.values) (out[type] ??= []).push(value);
  const printed: Record<string, string | string[]> = {};
  for (const [type, values] of Object.entries(out)) printed[type] = list(values);
  return printed;
}

function conditions(clauses: ConditionClause[]): Record<string, Record<string, string | string[]>> {
  const out: Record<string, Record<string, string | string[]>> = {};
  for (const c of clauses) (out[c.operator] ??= {})[c.key] = list(c.values);
  return out;
}

function statement(st: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (st.sid !== undefined) out['Sid'] = st.sid;
  out['Effect'] = st.effect;
  if (st.principal) out[st.principal.kind] = principal(st.principal);
  out[st.action.kind] = list(st.action.patterns);
  if (st.resource) out[st.resource.kind] = list(st.resource.patterns);
  if (st.conditions.length > 0) out['Condition'] = conditions(st.conditions);
  return out;
}

/** Prints a parsed policy back to a canonical JSON object (the form AWS accepts). */
export function printPolicy(policy: Policy): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (policy.version !== undefined) out['Version'] = policy.version;
  if (policy.policyId !== undefined) out['Id'] = policy.policyId;
  const lone = policy.statements.length === 1 && policy.statements[0]!.pointer === '/Statement';
  out['Statement'] = lone ? statement(policy.statements[0]!) : policy.statements.map(statement);
  return out;
}
