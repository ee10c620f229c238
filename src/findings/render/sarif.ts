/**
 * SARIF 2.1.0 output for scan findings, so CI systems (GitHub code scanning and others) can
 * show them. Findings name cloud resources, not files: each result carries a logical location
 * (the resource ARN) and, when the evidence came from a file, a physical one.
 */
import type { Finding, Severity } from '../../model/finding.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { CRITICAL: 'error', HIGH: 'error', MEDIUM: 'warning', LOW: 'note', INFO: 'note' };

/** Renders findings as one SARIF log object (serialise with JSON.stringify). */
export function findingsToSarif(findings: readonly Finding[], toolVersion: string): Record<string, unknown> {
  const ruleIds = [...new Set(findings.map(ruleOf))].sort();
  const rules = ruleIds.map((id) => {
    const sample = findings.find((f) => ruleOf(f) === id)!;
    return {
      id,
      name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
      shortDescription: { text: sample.type },
      fullDescription: { text: sample.rationale ?? sample.title },
      properties: { 'security-severity': securitySeverity(sample.severity), tags: ['security', sample.type] },
    };
  });
  const results = findings.map((f) => ({
    ruleId: ruleOf(f),
    ruleIndex: ruleIds.indexOf(ruleOf(f)),
    level: LEVEL[f.severity],
    message: { text: f.title },
    partialFingerprints: { cordonFindingId: f.id },
    locations: [{ logicalLocations: [{ fullyQualifiedName: f.resource, kind: f.resourceType }] }],
    properties: { severity: f.severity, status: f.status, accountId: f.accountId, findingId: f.id },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'Cordon', version: toolVersion, informationUri: 'https://github.com/cordon-security/cordon', rules } }, results }],
  };
}

function ruleOf(f: Finding): string {
  return f.ruleId ?? f.type;
}

/** GitHub's numeric severity scale (0-10) used to rank security results. */
function securitySeverity(s: Severity): string {
  return { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '3.0', INFO: '1.0' }[s];
}
