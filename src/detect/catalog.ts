/**
 * Renders the rule catalog (docs/rules.md) from the registry, so the docs cannot drift from the
 * rules: `npx tsx scripts/gen-rules-doc.ts` writes it, test/detect/catalog.test.ts checks it.
 */
import type { DetectionRule } from './rule-types.js';

const language = (r: DetectionRule) => ('eventbridge' in r.pattern ? 'EventBridge' : 'metric filter');
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The whole markdown document. */
export function renderRuleCatalog(rules: readonly DetectionRule[]): string {
  const out: string[] = [
    '# Detection rules',
    '',
    '<!-- Generated from src/detect/rules/ by `npx tsx scripts/gen-rules-doc.ts`; do not edit by hand. -->',
    '',
    `${rules.length} built-in rules. Patterns are EventBridge event patterns (matched against the "AWS API Call via CloudTrail" envelope, so \`detail.*\` is the CloudTrail record) or CloudWatch Logs metric-filter patterns (matched against the record itself). Rules with a check are decided after the pattern matched; see docs/detection.md.`,
    '',
    '| id | severity | title | pattern | check |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map((r) => `| [\`${r.id}\`](#${r.id.replace(/\./g, '')}) | ${r.severity} | ${cell(r.title)} | ${language(r)} | ${r.check ? 'yes' : ''} |`),
    '',
  ];
  for (const r of rules) {
    out.push(`## ${r.id}`, '', `**${r.title}** — severity ${r.severity}${r.cisVersion ? `; ${r.cisVersion}` : ''}.`, '', r.rationale, '');
    if ('metricFilter' in r.pattern) out.push('Metric filter (verbatim):', '', '```', r.pattern.metricFilter, '```', '');
    else out.push('EventBridge pattern:', '', '```json', JSON.stringify(r.pattern.eventbridge, null, 2), '```', '');
    if (r.check) out.push(`Check: ${r.checkDescription ?? 'custom check'}.`, '');
    if (r.references.length > 0) out.push('References:', '', ...r.references.map((ref) => `- ${ref}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
