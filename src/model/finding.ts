/**
 * The finding schema of DESIGN.md §2, shared by analyzers, the store, the CLI and the server.
 * A finding's `id` is stable across scans for the same issue and alphanumeric, so it can serve
 * as an IAM policy statement `Sid`.
 */

export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFO';
export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];

export type FindingStatus = 'ACTIVE' | 'ARCHIVED' | 'RESOLVED';
export const FINDING_STATUSES: readonly FindingStatus[] = ['ACTIVE', 'ARCHIVED', 'RESOLVED'];

/** Finding families; each analyzer emits one or more of these. */
export type FindingType =
  | 'PrivilegeEscalation'
  | 'RiskyPermission'
  | 'ExternalAccess'
  | 'PublicAccess'
  | 'ConfusedDeputy'
  | 'UnusedRole'
  | 'UnusedAccessKey'
  | 'UnusedPassword'
  | 'UnusedPermission'
  | 'PolicyValidation';

/** Which statement grants what: the evidence a person (and a remediation) needs. */
export interface Evidence {
  /** Policy ARN, or `<principalArn>#inline/<name>`, or the resource ARN for resource policies. */
  policy: string;
  /** Kind of policy: identity, resource, trust, boundary, scp, rcp, session. */
  policyType?: string;
  statementIndex?: number;
  sid?: string;
  /** JSON pointer of the statement inside its document. */
  pointer?: string;
  /** What the statement contributes, in words. */
  note?: string;
}

/** One step of an escalation path. */
export interface PathStep {
  /** Principal acting in this step. */
  from: string;
  /** Principal whose power is gained (or `admin`). */
  to: string;
  /** Escalation method id or `sts:AssumeRole`. */
  method: string;
  description: string;
  actions: string[];
  /** The resource the step's actions act on (the remediation denies them there only). */
  target?: string;
  evidence: Evidence[];
}

/** Principals that gain access (exposure findings), as Access Analyzer reports them. */
export type FindingPrincipal = Record<string, string> & { AWS?: string; Federated?: string; Service?: string };

export interface Finding {
  /** Stable across scans, letters and digits only. */
  id: string;
  type: FindingType;
  severity: Severity;
  status: FindingStatus;
  title: string;
  accountId: string;
  /** ARN of the resource (or identity) the finding is about. */
  resource: string;
  /** CloudFormation-style type, e.g. `AWS::IAM::Role`. */
  resourceType: string;
  /** Exposure: the outside principal; escalation/risky: the identity holding the access. */
  principal?: FindingPrincipal | string;
  actions?: string[];
  /** Condition keys and values that still apply to the access (exposure). */
  condition?: Record<string, string[]>;
  isPublic?: boolean;
  /** For a group finding: member users. */
  members?: string[];
  evidence: Evidence[];
  path?: PathStep[];
  /** Machine id of the rule or method that produced it. */
  ruleId?: string;
  rationale?: string;
  createdAt: string;
  updatedAt: string;
  remediation?: { planId: string; cli: string };
  /** Extra facts specific to a type (e.g. `lastUsed` for unused access). */
  details?: Record<string, unknown>;
}

/** A finding as produced by an analyzer, before the store assigns lifecycle fields. */
export type FindingDraft = Omit<Finding, 'status' | 'createdAt' | 'updatedAt'>;
