/**
 * "Is the target more privileged than the attacker?" An escalation is only a finding when the
 * gained identity holds something the attacker does not: a binding whose role the attacker does
 * not hold at that resource or above, and whose permissions (when the exports define the roles)
 * the attacker's roles there do not already include. `admin:<scope>` is more than anyone holds
 * unless they are already Owner at that scope or above.
 */
import { ancestorsOf } from '../../../engine/gcp/index.js';
import type { GcpScan, HeldBinding } from '../context.js';

function heldAt(scan: GcpScan, identity: string, resource: string): HeldBinding[] {
  const chain = new Set([resource, ...ancestorsOf(scan.model, resource)]);
  return (scan.held.get(identity) ?? []).filter((h) => chain.has(h.resource) && !h.conditional);
}

/** True when `target` (member or `admin:<scope>`) holds access `attacker` lacks. */
export function morePrivileged(scan: GcpScan, attacker: string, target: string): boolean {
  if (target.startsWith('admin:')) return !heldAt(scan, attacker, target.slice(6)).some((h) => h.role === 'roles/owner');
  for (const hb of scan.held.get(target) ?? []) {
    const mine = heldAt(scan, attacker, hb.resource);
    if (mine.some((h) => h.role === 'roles/owner' || h.role === hb.role)) continue;
    const needed = scan.model.roles.get(hb.role);
    if (!needed) return true;
    const have = new Set<string>();
    for (const h of mine) for (const p of scan.model.roles.get(h.role) ?? []) have.add(p);
    for (const p of needed) if (!have.has(p)) return true;
  }
  return false;
}
