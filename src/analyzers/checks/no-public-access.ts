/**
 * CheckNoPublicAccess: does a resource policy let anyone in? Reuses the exposure analyzer's
 * reading of principals and identity conditions (`principalAtoms`, `conditionScope`,
 * `externalReach`): an Allow statement whose principal set includes everyone, or a public
 * identity provider, and whose conditions do not restrict the caller's identity, is public.
 */
import type { Policy } from '../../model/policy/ast.js';
import { conditionScope } from '../exposure/condition-scope.js';
import { externalReach, principalAtoms } from '../exposure/reach.js';
import type { CheckReason, CustomCheckOutcome } from './types.js';

/** The zone used for this check: no account is inside, so only `isPublic` matters. */
const NOBODY = { kind: 'account' as const, accounts: new Set<string>() };

export function checkNoPublicAccess(policy: Policy, resourceType: string): CustomCheckOutcome {
  const reasons: CheckReason[] = [];
  for (const s of policy.statements.filter((x) => x.effect === 'Allow')) {
    const scope = conditionScope(s.conditions);
    const atoms = principalAtoms(s.principal);
    const publicAtom = atoms.find((atom) => atom.kind === 'anyone' ? !scope.accounts && !scope.orgIds && !scope.serviceOnly && !scope.sourceRestricted : externalReach(atom, scope, NOBODY, new Set()).some((r) => r.isPublic));
    if (!publicAtom) continue;
    const narrowing = Object.keys(scope.narrowing);
    reasons.push({
      statementIndex: s.index, ...(s.sid ? { sid: s.sid } : {}), pointer: s.pointer,
      message: `statement ${s.index}${s.sid ? ` (${s.sid})` : ''} allows ${publicAtom.kind === 'anyone' ? 'any principal' : `anyone with a ${publicAtom.kind === 'federated' ? publicAtom.provider : ''} identity`} to ${s.action.patterns.map((p) => p.value).join(', ')}${narrowing.length ? ` (only narrowed by ${narrowing.join(', ')})` : ''}`,
    });
  }
  return reasons.length === 0
    ? { result: 'PASS', message: `the ${resourceType} policy grants no public access`, reasons }
    : { result: 'FAIL', message: `the ${resourceType} policy grants public access`, reasons };
}
