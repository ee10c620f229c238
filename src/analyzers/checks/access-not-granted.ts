/**
 * CheckAccessNotGranted: does the policy grant any of these actions (optionally on these
 * resources)? An Allow whose action covers one of them and whose resources can match one of the
 * given resources (glob either way) grants it, conditions or not (a condition may be met), unless
 * an unconditional Deny of the same policy removes it.
 */
import { compileGlob } from '../../engine/index.js';
import type { Policy, Statement } from '../../model/policy/ast.js';
import { globIncludes } from './glob-inclusion.js';
import { actionGlob } from './no-new-access.js';
import type { CheckReason, CustomCheckOutcome } from './types.js';

/** Could a statement's action element match `action` (itself possibly a pattern)? */
function actionMayMatch(s: Statement, action: string): boolean {
  const hit = s.action.patterns.some((p) => actionGlob(p.value).test(action) || compileGlob(action, true).test(p.value));
  return s.action.kind === 'Action' ? hit : !s.action.patterns.some((p) => globIncludes(p.value, action, true));
}

function resourceMayMatch(s: Statement, resource: string | undefined): boolean {
  if (!s.resource || resource === undefined) return true;
  const hit = s.resource.patterns.some((p) => compileGlob(p.value, false).test(resource) || compileGlob(resource, false).test(p.value));
  return s.resource.kind === 'Resource' ? hit : !s.resource.patterns.some((p) => globIncludes(p.value, resource, false));
}

/** An unconditional Deny that certainly covers the action on the resource. */
function deniedOutright(policy: Policy, action: string, resource: string | undefined): boolean {
  return policy.statements.some((d) => d.effect === 'Deny' && d.conditions.length === 0 && d.action.kind === 'Action' && d.action.patterns.some((p) => globIncludes(p.value, action, true))
    && (!d.resource || (d.resource.kind === 'Resource' && d.resource.patterns.some((p) => p.value === '*' || (resource !== undefined && globIncludes(p.value, resource, false))))));
}

export function checkAccessNotGranted(policy: Policy, access: { actions: readonly string[]; resources?: readonly string[] }): CustomCheckOutcome {
  const reasons: CheckReason[] = [];
  const resources: (string | undefined)[] = access.resources?.length ? [...access.resources] : [undefined];
  for (const s of policy.statements.filter((x) => x.effect === 'Allow')) {
    for (const action of access.actions) {
      if (!actionMayMatch(s, action)) continue;
      const granted = resources.filter((r) => resourceMayMatch(s, r) && !deniedOutright(policy, action, r));
      if (granted.length === 0) continue;
      const resource = granted[0];
      reasons.push({
        statementIndex: s.index, ...(s.sid ? { sid: s.sid } : {}), pointer: s.pointer, action, ...(resource ? { resource } : {}),
        message: `statement ${s.index}${s.sid ? ` (${s.sid})` : ''} grants ${action}${resource ? ` on ${resource}` : ''}${s.conditions.length ? ' (under conditions)' : ''}`,
      });
    }
  }
  return reasons.length === 0
    ? { result: 'PASS', message: `the policy does not grant ${access.actions.join(', ')}`, reasons }
    : { result: 'FAIL', message: `the policy grants at least one of ${access.actions.join(', ')}`, reasons };
}
