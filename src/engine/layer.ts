/**
 * Evaluation of one policy layer (all identity policies, the resource policy, one SCP level...):
 * which statements match, whether the layer allows and whether it denies, each three-valued.
 */
import type { Policy, PolicyType } from '../model/policy/ast.js';
import { compilePolicy } from './compile.js';
import { principalGrant, resourceAndConditionsMatch } from './match.js';
import type { PreparedRequest } from './request.js';
import { or3 } from './tri.js';
import type { MatchedStatement, Tri } from './types.js';

/** What one layer says about a request. */
export interface LayerOutcome {
  allow: Tri;
  deny: Tri;
  /** Allow split by how the principal element named the caller (resource-type layers). */
  direct: Tri;
  role: Tri;
  account: Tri;
}

const NONE: LayerOutcome = { allow: false, deny: false, direct: false, role: false, account: false };

/** Policy types whose statements carry a Principal element that must match the caller. */
const WITH_PRINCIPAL: ReadonlySet<PolicyType> = new Set(['resource', 'trust', 'rcp']);

/** Evaluates `policies` as one layer, appending matching statements to `out`. */
export function evaluateLayer(policies: readonly Policy[], req: PreparedRequest, out: MatchedStatement[]): LayerOutcome {
  if (policies.length === 0) return NONE;
  let allow: Tri = false;
  let deny: Tri = false;
  let direct: Tri = false;
  let role: Tri = false;
  let account: Tri = false;
  for (const policy of policies) {
    const withPrincipal = WITH_PRINCIPAL.has(policy.type);
    for (const cs of compilePolicy(policy).forAction(req.actionLower, req.service)) {
      let grant: ReturnType<typeof principalGrant> = 'direct';
      if (withPrincipal) {
        grant = principalGrant(cs.principal, req.caller);
        if (grant === false) continue;
      }
      const m = resourceAndConditionsMatch(cs, req);
      if (m === false) continue;
      const st = cs.statement;
      const entry: MatchedStatement = { policyId: policy.id, policyType: policy.type, statementIndex: st.index, pointer: st.pointer, effect: st.effect };
      if (st.sid !== undefined) entry.sid = st.sid;
      if (m === 'unknown') entry.conditional = true;
      out.push(entry);
      if (!cs.allow) {
        deny = or3(deny, m);
        continue;
      }
      allow = or3(allow, m);
      if (grant === 'direct') direct = or3(direct, m);
      else if (grant === 'role') role = or3(role, m);
      else account = or3(account, m);
    }
  }
  return { allow, deny, direct, role, account };
}
