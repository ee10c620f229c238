/** Small finding drafts for the store suite. */
import type { FindingDraft } from '../../../src/model/finding.js';

/** A minimal external-access draft with id `id`; `extra` overrides fields. */
export function draft(id: string, extra: Partial<FindingDraft> = {}): FindingDraft {
  return {
    id,
    type: 'ExternalAccess',
    severity: 'HIGH',
    title: `finding ${id}`,
    accountId: '111122223333',
    resource: `arn:aws:iam::111122223333:role/${id}`,
    resourceType: 'AWS::IAM::Role',
    principal: { AWS: 'arn:aws:iam::999988887777:user/Alice' },
    isPublic: false,
    evidence: [{ policy: `arn:aws:iam::111122223333:role/${id}`, policyType: 'trust', statementIndex: 0 }],
    ...extra,
  };
}

/** ISO time on day `d` of January 2026 (fixed clock). */
export function day(d: number): string {
  return new Date(Date.UTC(2026, 0, d)).toISOString();
}
