/**
 * Least-privilege IAM policies for Cordon's own roles, built from the declarations: one statement
 * per service, actions sorted, so a diff between versions reads as the permissions that changed.
 */
import { declaredActions, ROLE_COMMANDS, type CordonRole } from './declarations.js';

/** An IAM policy document. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
}

/** The roles `cordon permissions --role` accepts. */
export const CORDON_ROLES = Object.keys(ROLE_COMMANDS) as CordonRole[];

/** The policy a role needs; `without` drops actions (the permissions test proves each one is needed). */
export function rolePolicy(role: CordonRole, without: readonly string[] = []): PolicyDocument {
  const byService = new Map<string, string[]>();
  for (const action of declaredActions(ROLE_COMMANDS[role])) {
    if (without.includes(action)) continue;
    const service = action.slice(0, action.indexOf(':'));
    byService.set(service, [...(byService.get(service) ?? []), action]);
  }
  const Statement = [...byService].map(([service, actions]) => ({
    Sid: `Cordon${role.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}${service.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`,
    Effect: 'Allow' as const,
    Action: actions,
    // Collection reads every resource of the account; the actions are the least-privilege part.
    Resource: '*' as const,
  }));
  return { Version: '2012-10-17', Statement };
}
