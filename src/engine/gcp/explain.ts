/**
 * A decision in words, in the order the flow ran (PAB, deny, allow), as Policy Troubleshooter
 * explains one: what decided and what was unknown. Used by `cordon simulate --cloud gcp` and by
 * findings' evidence.
 */
import type { GcpDecision } from './evaluate.js';

const tri = (t: boolean | 'unknown'): string => (t === 'unknown' ? 'UNKNOWN' : t ? 'TRUE' : 'FALSE');

/** Lines explaining `d`, first line the verdict. */
export function explainGcpDecision(d: GcpDecision): string[] {
  const r = d.request;
  const lines = [`${d.access}: ${r.principal} → ${r.permission} on ${d.resource}`];
  lines.push(`  hierarchy: ${[d.resource, ...d.ancestors].join(' → ')}`);
  if (d.pab.subject) lines.push(`  principal access boundary: ${d.pab.policies.join(', ')} — resource eligible: ${tri(d.pab.eligible)}`);
  else lines.push('  principal access boundary: none bound to the principal');
  if (d.denies.length === 0) lines.push('  deny policies: no rule denies this principal this permission');
  for (const x of d.denies) lines.push(`  deny: ${x.policy} rule ${x.ruleIndex} (attached to ${x.attachmentPoint}) — condition ${tri(x.result)}${x.unknowns.length ? ` (unknown: ${x.unknowns.join(', ')})` : ''}`);
  if (d.allows.length === 0) lines.push('  allow: no binding grants this permission to the principal');
  for (const a of d.allows) {
    const cond = a.condition ? ` if \`${a.condition}\` → ${tri(a.result)}${a.unknowns.length ? ` (unknown: ${a.unknowns.join(', ')})` : ''}${a.error ? ` (error: ${a.error})` : ''}` : '';
    lines.push(`  allow: ${a.role} to ${a.member} on ${a.resource} (binding ${a.bindingIndex})${cond}`);
  }
  if (d.unknownRoles.length > 0) lines.push(`  roles bound to the principal without a definition in the exports (grant nothing known): ${d.unknownRoles.join(', ')}`);
  return lines;
}
