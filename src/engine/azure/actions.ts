/**
 * Azure operation matching: `Microsoft.Compute/virtualMachines/*`, `*\/read`,
 * `Microsoft.Authorization/*\/Write`. Only `*` is a wildcard (it spans `/`), and matching ignores
 * case (Microsoft Learn, "Understand Azure role definitions": Actions). The matcher is the
 * project's linear-time glob with `?` kept literal, compiled once per pattern.
 */
import { Glob, STAR, type GlobToken } from '../../model/policy/glob.js';
import type { AzurePermission } from '../../model/azure/snapshot.js';

const cache = new Map<string, Glob>();

function compile(pattern: string): Glob {
  let g = cache.get(pattern);
  if (!g) {
    const tokens: GlobToken[] = [];
    pattern.split('*').forEach((part, i) => {
      if (i > 0) tokens.push(STAR);
      if (part) tokens.push(part);
    });
    g = new Glob(tokens, true);
    if (cache.size > 50_000) cache.clear(); // bound memory on adversarial inputs
    cache.set(pattern, g);
  }
  return g;
}

/** True when the role-definition pattern covers the operation (case-insensitive, `*` spans `/`). */
export function azureActionMatches(pattern: string, operation: string): boolean {
  return compile(pattern).test(operation);
}

/** Whether a request is a control-plane action or a data action (they never mix in Azure). */
export type OperationKind = 'action' | 'dataAction';

/** Which pattern of one permission block grants `operation`, or undefined (NotActions subtract). */
export function permissionGrants(p: AzurePermission, operation: string, kind: OperationKind): { matched: string } | undefined {
  const allow = kind === 'action' ? p.actions : p.dataActions;
  const except = kind === 'action' ? p.notActions : p.notDataActions;
  const matched = allow.find((a) => azureActionMatches(a, operation));
  if (matched === undefined) return undefined;
  if (except.some((n) => azureActionMatches(n, operation))) return undefined;
  return { matched };
}
