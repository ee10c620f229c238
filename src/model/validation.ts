/**
 * Expected problems in user input, reported as data (not exceptions): a loader or validator
 * returns `ValidationIssue[]` and keeps going where it is safe.
 */
import type { SourceLocation } from './errors.js';

export type IssueSeverity = 'error' | 'warning';

export interface ValidationIssue extends SourceLocation {
  /** Stable machine code, e.g. `duplicate_entity`, `invalid_policy_json`. */
  code: string;
  severity: IssueSeverity;
  message: string;
}
