/**
 * The shape of a detection rule: data (id, title, severity, a pattern in EventBridge or CloudWatch
 * metric-filter syntax, rationale, references) plus, for the few detections a pattern cannot
 * decide, a `check(event, ctx)` hook that receives injected judges (e.g. the authorization engine).
 */
import type { CloudTrailEvent } from '../model/cloudtrail.js';
import type { Severity } from '../model/finding.js';

/** A pattern in one of the two languages AWS users already write. */
export type RulePattern = { eventbridge: Record<string, unknown> } | { metricFilter: string };

/** Accounts inside the zone of trust (structurally the exposure analyzer's `ZoneOfTrust`). */
export interface TrustZone {
  accounts: ReadonlySet<string>;
  orgId?: string;
}

/** The answer about one trust policy: which principals it opens the role to from outside the zone. */
export interface TrustVerdict {
  external: boolean;
  /** Outside principals (`*` for anyone), sorted. */
  principals: string[];
  /** One line saying why, for the alert summary. */
  reason: string;
}

/** Decides whether a role trust policy lets a principal outside the zone assume the role. */
export interface TrustPolicyJudge {
  /** Name shown in alerts and docs (which judge decided). */
  readonly name: string;
  isExternal(policyDocument: unknown, zone: TrustZone): TrustVerdict;
}

/** What check hooks receive. */
export interface RuleContext {
  /** The zone of trust for an event (its account plus configured trusted accounts/org). */
  zoneFor(event: CloudTrailEvent): TrustZone;
  trustJudge: TrustPolicyJudge;
}

/** A check's outcome: `false`/`undefined` = no alert; a string = alert with this detail line. */
export type CheckResult = boolean | string | undefined;

/** One detection rule. Ids are stable: deprecated, never renumbered. */
export interface DetectionRule {
  id: string;
  title: string;
  severity: Severity;
  pattern: RulePattern;
  rationale: string;
  references: string[];
  /** CIS AWS Foundations Benchmark version(s) the pattern is taken from. */
  cisVersion?: string;
  /** Decides after the pattern matched, for what a pattern cannot express. */
  check?: (event: CloudTrailEvent, ctx: RuleContext) => CheckResult;
  /** Describes how `check` decides, for the catalog. */
  checkDescription?: string;
}
