/**
 * `validatePolicy`: Access Analyzer-style policy validation, offline. The checks are the tables
 * in `checks/`; this file runs the ones that apply to the policy type and attaches line/column
 * spans. Pure: the caller passes the policy text and a loaded catalog.
 */
import type { Catalog } from '../../catalog/index.js';
import { ACTION_CHECKS } from './checks/actions.js';
import { CONDITION_CHECKS } from './checks/conditions.js';
import { PRINCIPAL_CHECKS } from './checks/principals.js';
import { RESOURCE_CHECKS } from './checks/resources.js';
import { SECURITY_CHECKS } from './checks/security.js';
import { STRUCTURE_CHECKS } from './checks/structure.js';
import { readPolicyDocument, spanOf } from './document.js';
import { lineIndex } from './line-index.js';
import { CHECK_REASONS, type CheckReasons } from './reasons.js';
import { AA_REFERENCE, VALIDATION_SEVERITIES, type PolicyCheck, type ValidatedPolicyType, type ValidationContext, type ValidationFinding } from './types.js';

export * from './types.js';

/** A check with its reasons: every row carries a rationale and references. */
export type ReasonedCheck = PolicyCheck & CheckReasons;

/** Adds the row's reasons from `reasons.ts`; a row without them is a bug caught at load. */
function withReasons(check: PolicyCheck): ReasonedCheck {
  const reasons = CHECK_REASONS[check.code];
  const rationale = check.rationale ?? reasons?.rationale;
  const references = check.references ?? reasons?.references;
  if (!rationale || !references || references.length === 0) throw new Error(`validation check ${check.code} has no rationale or references (src/analyzers/validate/reasons.ts)`);
  return { ...check, rationale, references };
}

/** Every check, in report order. */
export const POLICY_CHECKS: readonly ReasonedCheck[] = [...STRUCTURE_CHECKS, ...ACTION_CHECKS, ...RESOURCE_CHECKS, ...PRINCIPAL_CHECKS, ...CONDITION_CHECKS, ...SECURITY_CHECKS].map(withReasons);

const link = (check: ReasonedCheck) => check.references[0]!;

export interface ValidateOptions {
  type: ValidatedPolicyType;
  resourceType?: string;
  catalog: Catalog;
  /** When given, receives the work spent turning offsets into line/column (tests bound it). */
  counters?: { positionSteps: number };
}

/**
 * Validates one policy document (its text); findings sorted by position, then severity. A JSON
 * array of documents (what `cordon generate-policy` prints when a policy must be split) is
 * validated document by document, pointers prefixed with the document's index.
 */
export function validatePolicy(text: string, options: ValidateOptions): ValidationFinding[] {
  const { view, syntaxErrors } = readPolicyDocument(text, options.type);
  const documents = view?.source.documents();
  if (view && documents) {
    const lines = view.lines;
    const out = documents.flatMap((node, i) =>
      validatePolicy(text.slice(node.offset, node.offset + node.length), options).map((f) => ({
        ...f,
        pointer: `/${i}${f.pointer}`,
        span: { start: lines.position(node.offset + f.span.start.offset), end: lines.position(node.offset + f.span.end.offset) },
      })),
    );
    if (options.counters) options.counters.positionSteps += lines.steps;
    return out;
  }
  if (!view) {
    const lines = lineIndex(text);
    return syntaxErrors.map((e) => {
      const start = lines.position(e.offset);
      return {
        issueCode: 'JSON_SYNTAX_ERROR', findingType: 'ERROR', pointer: '',
        findingDetails: `Fix the JSON syntax error at line ${start.line}, column ${start.column}: ${e.message}.`,
        span: { start, end: lines.position(e.offset + e.length) }, learnMoreLink: AA_REFERENCE,
      };
    });
  }
  const ctx: ValidationContext = { policy: view, type: options.type, catalog: options.catalog, ...(options.resourceType ? { resourceType: options.resourceType } : {}) };
  const findings: ValidationFinding[] = [];
  for (const check of POLICY_CHECKS) {
    if (check.types && !check.types.includes(options.type)) continue;
    const hits = [...(check.policy?.(ctx) ?? []), ...(check.statement ? view.statements.flatMap((s) => check.statement!(s, ctx)) : [])];
    for (const h of hits) findings.push({ issueCode: check.code, findingType: check.severity, findingDetails: h.message, pointer: h.pointer, span: spanOf(view, h.pointer), learnMoreLink: link(check) });
  }
  if (options.counters) options.counters.positionSteps += view.lines.steps;
  return findings.sort((a, b) => a.span.start.offset - b.span.start.offset || VALIDATION_SEVERITIES.indexOf(a.findingType) - VALIDATION_SEVERITIES.indexOf(b.findingType));
}

/** True when a finding should fail a pipeline (Access Analyzer's default blocking types). */
export const isBlocking = (f: ValidationFinding) => f.findingType === 'ERROR' || f.findingType === 'SECURITY_WARNING';
