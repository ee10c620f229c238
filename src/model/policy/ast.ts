/**
 * Typed AST of an IAM policy document (identity, resource, trust, SCP, RCP, boundary, session).
 * Parse once into this tree; evaluate only the tree. `NotAction`, `NotResource` and `NotPrincipal`
 * are their own node kinds. Every node records the RFC 6901 JSON pointer it was read from, so
 * evidence can point at the exact statement and element.
 */

/** Which role a policy plays in an authorization decision. */
export type PolicyType = 'identity' | 'resource' | 'trust' | 'boundary' | 'scp' | 'rcp' | 'session';

/** A string value in the source document with the pointer it came from. */
export interface Located<T = string> {
  value: T;
  pointer: string;
}

/** `Action` or `NotAction`: action patterns such as `s3:Get*` or `*`. */
export interface ActionBlock {
  kind: 'Action' | 'NotAction';
  patterns: Located[];
  pointer: string;
}

/** `Resource` or `NotResource`: ARN patterns, possibly with wildcards and policy variables. */
export interface ResourceBlock {
  kind: 'Resource' | 'NotResource';
  patterns: Located[];
  pointer: string;
}

/** Principal types as written in policies. */
export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

/** `Principal` or `NotPrincipal`. `wildcard` is true for the bare `"*"` form. */
export interface PrincipalBlock {
  kind: 'Principal' | 'NotPrincipal';
  wildcard: boolean;
  /** Values per principal type (`{"AWS": ["arn:...", "123456789012"]}`); empty when `wildcard`. */
  values: { type: PrincipalType; value: Located }[];
  pointer: string;
}

/**
 * One condition test: `"StringLike": {"aws:PrincipalArn": ["a", "b"]}` is one ConditionClause
 * with operator `StringLike`, key `aws:PrincipalArn` and two values (OR between values).
 * All clauses of a statement must hold (AND).
 */
export interface ConditionClause {
  /** Operator exactly as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** Base operator without set prefix or `IfExists` suffix, e.g. `StringLike`. */
  baseOperator: string;
  setQualifier?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
  /** Condition key as written (keys are case-insensitive when evaluated). */
  key: string;
  /** Values as written, normalised to strings (booleans and numbers stringified). */
  values: Located[];
  pointer: string;
}

export interface Statement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Exactly one of Action / NotAction is present in a valid statement. */
  action: ActionBlock;
  /** Absent in trust policies and some resource policies (implicitly the resource itself). */
  resource?: ResourceBlock;
  principal?: PrincipalBlock;
  conditions: ConditionClause[];
  /** 0-based position in the document's Statement list. */
  index: number;
  /** Pointer of the statement, e.g. `/Statement/2` (or `/Statement` for a lone object). */
  pointer: string;
}

export interface Policy {
  /** Stable id chosen by the caller: a policy ARN, `<principalArn>#inline/<name>`, a resource ARN... */
  id: string;
  type: PolicyType;
  version?: string;
  policyId?: string;
  statements: Statement[];
  /** Where the document was read from (file path or API), for error messages and evidence. */
  source?: string;
}
