/**
 * Renders the analyzers' catalogs (escalation methods, risky-permission rules) as Markdown, so
 * docs/analyzers.md is generated from the registries and cannot drift from them.
 */
import { ESCALATION_METHODS } from './escalation/methods.js';
import { RISKY_PERMISSION_RULES } from './risky/rules.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The whole document. */
export function renderAnalyzerCatalog(): string {
  const methods = ESCALATION_METHODS.map((m) => `| \`${m.id}\` | ${cell(m.title)} | ${m.category} | ${m.requires.map((r) => `\`${r.action}\``).join(' + ')}${m.requiresTrustOfActor ? ' (+ trust)' : ''} | ${m.service ? `\`${m.service}\`` : ''} | ${m.gains} |`);
  const rules = RISKY_PERMISSION_RULES.map((r) => `| \`${r.id}\` | ${cell(r.title)} | ${r.severity} | ${r.probes.map((p) => `\`${p.action}\``).join(', ')} |`);
  return `# Analyzer catalog

Generated from \`src/analyzers/escalation/methods.ts\` and \`src/analyzers/risky/rules.ts\` by
\`npx tsx scripts/gen-analyzer-doc.ts\`; a test fails when this file is out of date.

## How the scan decides

Every check asks the authorization engine (\`src/engine\`), never matches strings: permissions
split across policies combine, explicit Denies (any policy), permission boundaries, SCPs/RCPs,
\`NotAction\`/\`NotResource\` and conditions are honoured. The attacker's requests carry what the
attacker cannot choose (the time, a session issued now, its own identity); every other condition
key is attacker-chosen, so a condition the attacker can satisfy does not hide a path and one it
cannot (\`DateLessThan aws:TokenIssueTime\` in the past) does. A principal is admin-equivalent when
the engine allows it a fresh action on a fresh resource and the key IAM writes.

Escalation findings (\`PrivilegeEscalation\`) are transitive: the shortest path of methods and
\`sts:AssumeRole\` steps from a principal to an admin-equivalent one, each step citing its statements.
A principal those paths miss may still escalate through a capability gain: joining a group, or
attaching a managed policy that \`iam:PolicyARN\` allows, gives it that group's or policy's own
methods (decided with its own boundary and SCPs); the group, policy or principal holding it is a hop
of the path. A method whose required resource the snapshot shows missing (\`iam:SetDefaultPolicyVersion\`
on a policy with no other version) gives a latent finding: \`details.latent: true\`, severity MEDIUM,
an id of its own.
Risky-permission findings (\`RiskyPermission\`) probe sensitive actions on fresh resource names, so
only wildcard or over-broad grants match; an admin gets one \`risky-full-access\` finding, not one per rule.

## Escalation methods (${ESCALATION_METHODS.length})

| id | title | category | required permissions | role must trust | gains |
| --- | --- | --- | --- | --- | --- |
${methods.join('\n')}

## Risky-permission rules (${RISKY_PERMISSION_RULES.length})

| id | title | severity | probed actions (any) |
| --- | --- | --- | --- |
${rules.join('\n')}
`;
}
