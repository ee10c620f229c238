/** Custom policy checks (Access Analyzer's CheckNoNewAccess, CheckAccessNotGranted, CheckNoPublicAccess). */

export type CheckResult = 'PASS' | 'FAIL';

/** Why a check failed: which statement, and what it grants. */
export interface CheckReason {
  statementIndex: number;
  sid?: string;
  /** JSON pointer of the statement in the policy it came from. */
  pointer: string;
  message: string;
  action?: string;
  resource?: string;
}

export interface CustomCheckOutcome {
  result: CheckResult;
  message: string;
  reasons: CheckReason[];
}
