/**
 * SARIF 2.1.0 for `cordon validate`: one result per validation finding, located in the policy
 * file by line and column so code-scanning UIs annotate the exact element.
 */
import type { ValidationFinding, ValidationSeverity } from '../../analyzers/validate/index.js';

const LEVEL: Record<ValidationSeverity, 'error' | 'warning' | 'note'> = { ERROR: 'error', SECURITY_WARNING: 'error', WARNING: 'warning', SUGGESTION: 'note' };

export function validationToSarif(file: string, findings: readonly ValidationFinding[], toolVersion: string): Record<string, unknown> {
  const ruleIds = [...new Set(findings.map((f) => f.issueCode))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cordon validate', version: toolVersion, informationUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
        rules: ruleIds.map((id) => { const f = findings.find((x) => x.issueCode === id)!; return { id, helpUri: f.learnMoreLink, properties: { findingType: f.findingType, tags: ['security', 'iam-policy'] } }; }) } },
      results: findings.map((f) => ({
        ruleId: f.issueCode,
        ruleIndex: ruleIds.indexOf(f.issueCode),
        level: LEVEL[f.findingType],
        message: { text: f.findingDetails },
        locations: [{ physicalLocation: { artifactLocation: { uri: file }, region: { startLine: f.span.start.line, startColumn: f.span.start.column, endLine: f.span.end.line, endColumn: f.span.end.column } }, logicalLocations: [{ fullyQualifiedName: f.pointer || '/' }] }],
        properties: { findingType: f.findingType },
      })),
    }],
  };
}
