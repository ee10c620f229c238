/**
 * Policy validation, Access Analyzer style: each check is a row of a table (code, severity, which
 * policy types it applies to, where its definition comes from, and the function that finds it).
 */
import type { Catalog } from '../../catalog/index.js';
import type { SourcePosition } from '../../model/policy/index.js';
import type { PolicyDocumentView, StatementView } from './document.js';

export type ValidationSeverity = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';
export const VALIDATION_SEVERITIES: readonly ValidationSeverity[] = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'];

/** The policy types `cordon validate --type` accepts. */
export type ValidatedPolicyType = 'identity' | 'resource' | 'trust' | 'scp' | 'rcp';
export const VALIDATED_POLICY_TYPES: readonly ValidatedPolicyType[] = ['identity', 'resource', 'trust', 'scp', 'rcp'];

/** A line/column position, both 1-based (as Access Analyzer reports spans), from the model's policy reader. */
export type Position = SourcePosition;

/** One validation finding. */
export interface ValidationFinding {
  issueCode: string;
  findingType: ValidationSeverity;
  findingDetails: string;
  /** JSON pointer of the element concerned (`/Statement/0/Resource`). */
  pointer: string;
  span: { start: Position; end: Position };
  learnMoreLink: string;
}

/** What a check returns: where and what (the table row gives code and severity). */
export interface CheckHit {
  pointer: string;
  message: string;
}

export interface ValidationContext {
  policy: PolicyDocumentView;
  type: ValidatedPolicyType;
  /** e.g. `AWS::S3::Bucket` for resource policies. */
  resourceType?: string;
  catalog: Catalog;
}

/** Where a code's meaning comes from. */
export type CheckSource = 'access-analyzer' | 'cordon';

export interface PolicyCheck {
  code: string;
  severity: ValidationSeverity;
  /** Policy types the check runs on (all when absent). */
  types?: readonly ValidatedPolicyType[];
  /** `access-analyzer`: the code is Access Analyzer's documented issue code; `cordon`: Cordon's own. */
  source: CheckSource;
  /** One line: what the check finds. */
  summary: string;
  /** Why it matters (filled from `reasons.ts` when the row does not carry it). */
  rationale?: string;
  /** Where the rule is written, most specific first (the first is the finding's `learnMoreLink`). */
  references?: readonly string[];
  /** Whole-policy check. */
  policy?: (ctx: ValidationContext) => CheckHit[];
  /** Per-statement check. */
  statement?: (s: StatementView, ctx: ValidationContext) => CheckHit[];
}

export const AA_REFERENCE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';
