/**
 * The one persistence interface of Cordon (docs/store.md). Two backends implement it over the
 * same migrations: SQLite (embedded default) and PostgreSQL (teams). Every method is async so
 * both fit. Grouped by area: `scans`, `findings`, `archiveRules`, `alerts`, `journal`, `tokens`,
 * `activity`.
 */
import type { Alert, RuleMatch } from '../model/alert.js';
import type { Finding, FindingDraft, FindingStatus, FindingType, Severity } from '../model/finding.js';
import type { FilterJson } from '../findings/archive-filter.js';
import type { ScanCounts, StatusEvent } from '../findings/lifecycle.js';

/** One page of a listing; `nextCursor` is absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Paging: `limit` (default 100, max 1000) plus either an opaque `cursor` or an `offset`. */
export interface PageQuery {
  limit?: number;
  cursor?: string;
  offset?: number;
}

/** Who did something (CLI user, API token name, worker), and why. */
export interface Actor {
  actor: string;
  reason?: string;
}

export interface RecordScanInput {
  /** What was looked at (docs/store.md "Scope"); findings of this scope absent from the scan are resolved. */
  scope: string;
  /** Snapshot files, account ids, flags: whatever lets a person re-run the scan. */
  inputs?: Record<string, unknown>;
  /** Versions of Cordon, catalog, rule packs... */
  versions?: Record<string, unknown>;
  findings: readonly FindingDraft[];
  /** ISO time of the scan (injected clock). */
  now: string;
  actor?: string;
  /** Scan id; generated when absent. */
  id?: string;
}

export interface ScanResult extends ScanCounts {
  scanId: string;
}

/** A recorded scan. */
export interface ScanRecord {
  id: string;
  scope: string;
  startedAt: string;
  finishedAt: string;
  actor?: string;
  inputs: Record<string, unknown>;
  versions: Record<string, unknown>;
  counts: ScanCounts;
}

export interface ScanQuery extends PageQuery {
  scope?: string;
}

export interface ScansRepository {
  /** Merges a scan into the findings (lifecycle) in one transaction and records it. */
  record(input: RecordScanInput): Promise<ScanResult>;
  list(query?: ScanQuery): Promise<Page<ScanRecord>>;
  get(id: string): Promise<ScanRecord | undefined>;
  /** Status/content changes a scan made, by finding (the scan-to-scan diff). */
  changes(scanId: string): Promise<StatusEvent[]>;
}

export interface FindingQuery extends PageQuery {
  status?: FindingStatus | FindingStatus[];
  type?: FindingType | FindingType[];
  severity?: Severity | Severity[];
  resource?: string;
  accountId?: string;
  scope?: string;
  ids?: string[];
}

export interface FindingsRepository {
  /** Findings ordered by id (stable), filtered, one page at a time. */
  list(query?: FindingQuery): Promise<Page<Finding>>;
  count(query?: Omit<FindingQuery, keyof PageQuery>): Promise<number>;
  get(id: string): Promise<Finding | undefined>;
  /** The stored findings with these ids (absent ids skipped), in no particular order; linear in `ids`. */
  getMany(ids: readonly string[]): Promise<Finding[]>;
  /** ACTIVE → ARCHIVED (idempotent on ARCHIVED); a RESOLVED finding is refused. */
  archive(id: string, by: Actor, now?: string): Promise<Finding>;
  /** ARCHIVED → ACTIVE (idempotent on ACTIVE); a RESOLVED finding is refused. */
  unarchive(id: string, by: Actor, now?: string): Promise<Finding>;
  /** Every status/content change of a finding, oldest first. */
  history(id: string): Promise<StatusEvent[]>;
}

/** An archive rule: a named Access Analyzer filter. Its `id` is its name. */
export interface ArchiveRule {
  id: string;
  name: string;
  filter: FilterJson;
  description?: string;
  createdAt: string;
  updatedAt: string;
  createdBy?: string;
}

export interface ArchiveRuleInput {
  name: string;
  /** Filter object or JSON text; validated (InvalidFilterError on a bad key/operator). */
  filter: unknown;
  description?: string;
}

export interface ArchiveRulesRepository {
  create(input: ArchiveRuleInput, by: Actor, now?: string): Promise<ArchiveRule>;
  update(name: string, input: Omit<ArchiveRuleInput, 'name'>, by: Actor, now?: string): Promise<ArchiveRule>;
  list(): Promise<ArchiveRule[]>;
  get(name: string): Promise<ArchiveRule | undefined>;
  delete(name: string, by: Actor): Promise<void>;
  /** Retroactively archives every ACTIVE finding the rule matches (ApplyArchiveRule). */
  apply(name: string, by: Actor, now?: string): Promise<{ archived: string[] }>;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One alert's delivery to one sink. */
export interface Delivery {
  id: number;
  alertId: string;
  sink: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  deliveredAt?: string;
  /** Set by `claim`: the alert to send. */
  alert?: Alert;
}

export interface AlertQuery extends PageQuery {
  severity?: Severity | Severity[];
  /** Alerts whose event matched this rule (among others). */
  ruleId?: string;
  accountId?: string;
  /** The caller's ARN, exactly. */
  actor?: string;
  /** ISO bounds on eventTime (inclusive start, exclusive end). */
  since?: string;
  until?: string;
}

export interface AlertsRepository {
  /** Inserts alerts, deduplicated by id, and a pending delivery per sink (idempotent). One-rule matches are stored as alerts listing that rule. */
  insert(alerts: readonly (Alert | RuleMatch)[], options: { sinks?: readonly string[]; now: string }): Promise<{ inserted: string[]; duplicates: string[] }>;
  /** Newest event first. */
  list(query?: AlertQuery): Promise<Page<Alert>>;
  get(id: string): Promise<Alert | undefined>;
  /** Claims due pending deliveries for `leaseMs`: a crashed notifier's claims expire and are retried. */
  claim(options: { now: string; limit?: number; leaseMs?: number; sink?: string }): Promise<Delivery[]>;
  markDelivered(deliveryId: number, now: string): Promise<void>;
  /** Counts an attempt; `retryAt` schedules another, without it the delivery is `failed` (kept, re-queueable). */
  markFailed(deliveryId: number, options: { error: string; now: string; retryAt?: string }): Promise<void>;
  /** Puts failed deliveries back to pending (all, or one sink's). */
  requeue(options: { now: string; sink?: string }): Promise<number>;
  deliveries(query?: { alertId?: string; status?: DeliveryStatus; sink?: string }): Promise<Delivery[]>;
  /** How many deliveries match (of any of `sinks` when given), without reading them. */
  countDeliveries(query?: { status?: DeliveryStatus; sinks?: readonly string[] }): Promise<number>;
}

export type StepStatus = 'planned' | 'applied' | 'failed' | 'rolled-back';
export type ExecutionStatus = 'running' | 'completed' | 'failed' | 'rolled-back';

/** One step of an action's journal. */
export interface JournalStep {
  executionId: string;
  index: number;
  kind: string;
  status: StepStatus;
  payload: unknown;
  result?: unknown;
  error?: string;
  createdAt: string;
  updatedAt: string;
}

/** An execution of an action (remediation of a finding, containment of a principal). */
export interface Execution {
  id: string;
  /** `remediation`, `containment`, `release`, ... */
  kind: string;
  /** Finding id (remediation) or principal ARN (containment). */
  subject: string;
  status: ExecutionStatus;
  actor?: string;
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface ExecutionQuery extends PageQuery {
  kind?: string;
  subject?: string;
  status?: ExecutionStatus;
}

export interface JournalRepository {
  /** Creates an execution; if `id` exists already it is returned unchanged (resume). */
  start(input: { id: string; kind: string; subject: string; actor?: string; metadata?: Record<string, unknown>; now: string }): Promise<Execution>;
  /** Appends a step at the next index (or at `index`; an existing index is a conflict). Returns the index. */
  appendStep(executionId: string, step: { kind: string; status: StepStatus; payload: unknown; index?: number; now: string }): Promise<number>;
  updateStep(executionId: string, index: number, update: { status: StepStatus; result?: unknown; error?: string; now: string }): Promise<void>;
  finish(executionId: string, update: { status: ExecutionStatus; metadata?: Record<string, unknown>; now: string }): Promise<void>;
  get(executionId: string): Promise<{ execution: Execution; steps: JournalStep[] } | undefined>;
  /** Newest first. */
  list(query?: ExecutionQuery): Promise<Page<Execution>>;
}

export type TokenRole = 'viewer' | 'responder' | 'admin';

/** An API token as listed: never the secret, never the hash. */
export interface TokenInfo {
  id: string;
  name: string;
  role: TokenRole;
  createdAt: string;
  lastUsedAt?: string;
  revokedAt?: string;
  /** ISO time after which the token no longer authenticates; absent: it does not expire. */
  expiresAt?: string;
}

export interface TokensRepository {
  /** Stores a token by the SHA-256 hex hash of its secret (the secret is never stored). */
  create(input: { name: string; role: TokenRole; hash: string; id?: string; now?: string; expiresAt?: string }): Promise<TokenInfo>;
  /** The live (not revoked) token with this hash. */
  findByHash(hash: string): Promise<(TokenInfo & { hash: string }) | undefined>;
  list(): Promise<TokenInfo[]>;
  revoke(id: string, now?: string): Promise<void>;
  touch(id: string, now: string): Promise<void>;
}

export type { ActivityRow, ActivitySummary } from '../model/activity.js';
import type { ActivityRow, ActivitySummary } from '../model/activity.js';

/** A CloudTrail file already ingested (so a trail is read once). */
export interface IngestedFile {
  key: string;
  etag?: string;
  size?: number;
  events?: number;
  ingestedAt?: string;
}

export interface ActivityRepository {
  /** Adds counts (upsert: counts summed, first/last seen widened); rows may repeat keys. */
  upsert(rows: readonly ActivityRow[]): Promise<void>;
  /** Upserts rows and marks files ingested in one transaction. */
  ingest(rows: readonly ActivityRow[], files: readonly IngestedFile[], now: string): Promise<void>;
  /** A principal's activity over [start, end] days (inclusive, YYYY-MM-DD). */
  byPrincipal(principalArn: string, window?: { start?: string; end?: string }): Promise<ActivitySummary[]>;
  /** Principals with activity in the window, sorted. */
  principals(window?: { start?: string; end?: string }): Promise<string[]>;
  /** Which of these files are not yet ingested (unknown key, or a different etag/size). */
  newFiles(files: readonly IngestedFile[]): Promise<IngestedFile[]>;
  markIngested(files: readonly IngestedFile[], now: string): Promise<void>;
}

/** The store: every area behind one object. Close it when done (PostgreSQL keeps a pool). */
export interface CordonStore {
  readonly backend: 'sqlite' | 'postgres';
  /** Where it lives (file path, or URL without password). */
  readonly location: string;
  readonly scans: ScansRepository;
  readonly findings: FindingsRepository;
  readonly archiveRules: ArchiveRulesRepository;
  readonly alerts: AlertsRepository;
  readonly journal: JournalRepository;
  readonly tokens: TokensRepository;
  readonly activity: ActivityRepository;
  close(): Promise<void>;
}
