/**
 * What the server needs from the layers above it, as small interfaces. `wiring.ts` adapts the
 * real modules (store, engine, collect, actions) to these; tests may hand in fakes. A port left
 * undefined makes its endpoints answer 501 `not_implemented`.
 */
import type { Alert } from '../model/alert.js';
import type { Finding, FindingStatus, FindingType, Severity } from '../model/finding.js';

/** Roles, weakest first; a role may call every endpoint of the roles before it. */
export type Role = 'viewer' | 'responder' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'responder', 'admin'];

/** One page of a listing; `nextCursor` is absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface FindingQuery {
  status?: FindingStatus;
  type?: FindingType;
  severity?: Severity;
  accountId?: string;
  limit: number;
  cursor?: string;
}

/** Who did something, for the store's status history. */
export interface Actor {
  actor: string;
  reason?: string;
}

export interface FindingsPort {
  list(query: FindingQuery): Promise<Page<Finding>>;
  get(id: string): Promise<Finding | undefined>;
  archive(id: string, by: Actor): Promise<Finding>;
  unarchive(id: string, by: Actor): Promise<Finding>;
  /** Status changes of a finding, oldest first (who, what, when). */
  history(id: string): Promise<unknown[]>;
}

/** A recorded scan, as the store keeps it (kept loose: the store owns the shape). */
export interface ScanRecord {
  id: string;
}

/** What `POST /scans` asks for: snapshot files on the server, or a live account. */
export interface ScanRequest {
  snapshot?: string[];
  live?: { profile?: string; region?: string; endpointUrl?: string };
  actor: string;
  /** The server's file root: `snapshot` paths are read only inside it (undefined: no files are read). */
  fileRoot?: string;
}

export interface ScansPort {
  list(limit: number, cursor?: string): Promise<Page<ScanRecord>>;
  get(id: string): Promise<ScanRecord | undefined>;
  /** Runs a scan (collect → analyze → store) and returns its record. Undefined when no runner is wired. */
  start?: (request: ScanRequest) => Promise<ScanRecord>;
}

/** An archive rule: a filter over findings that archives what it matches. */
export interface ArchiveRuleRecord {
  id: string;
  name?: string;
  filter: unknown;
}

export interface ArchiveRuleInput {
  name: string;
  filter: unknown;
  description?: string;
}

/** A rule's new filter (its name is its id and does not change). */
export type ArchiveRuleUpdate = Omit<ArchiveRuleInput, 'name'>;

export interface RulesPort {
  list(): Promise<ArchiveRuleRecord[]>;
  get(id: string): Promise<ArchiveRuleRecord | undefined>;
  create(input: ArchiveRuleInput, by: Actor): Promise<ArchiveRuleRecord>;
  update(id: string, input: ArchiveRuleUpdate, by: Actor): Promise<ArchiveRuleRecord>;
  remove(id: string, by: Actor): Promise<void>;
  /** Applies one rule to current findings; returns the ids it archived. */
  apply(id: string, by: Actor): Promise<{ archived: string[] }>;
}

export interface AlertQuery {
  severity?: Severity;
  /** Alerts whose event matched this rule (among others). */
  ruleId?: string;
  accountId?: string;
  /** The caller's ARN. */
  actor?: string;
  limit: number;
  cursor?: string;
}

export interface AlertsPort {
  list(query: AlertQuery): Promise<Page<Alert>>;
  get(id: string): Promise<Alert | undefined>;
}

/** A token as listed: never the secret, never the hash. */
export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt?: string;
  revokedAt?: string;
  /** ISO time after which the token no longer authenticates. */
  expiresAt?: string;
}

/** Tokens are stored as SHA-256 hashes of the secret; the secret itself is never stored. */
export interface TokenRepository {
  create(input: { name: string; role: Role; hash: string; expiresAt?: string }): Promise<TokenInfo>;
  /** The live (not revoked) token whose hash is `hash`, with the stored hash for a constant-time check. */
  findByHash(hash: string): Promise<(TokenInfo & { hash: string }) | undefined>;
  list(): Promise<TokenInfo[]>;
  revoke(id: string): Promise<void>;
  /** Records last use (the server calls it at most once a minute per token). */
  touch?(id: string, now: string): Promise<void>;
}

/** Remediation (issue 10): plans, apply, rollback and the seed-compatible alert endpoint. */
export interface RemediationPort {
  plan(findingId: string, options: { strategy?: string }): Promise<unknown>;
  apply(findingId: string, options: { strategy?: string; actor: string }): Promise<unknown>;
  rollback(findingId: string, options: { actor: string }): Promise<unknown>;
  /** `{alertIdVsCliScript: {id: commands}, cliDescription}` for the seed's automation. */
  cliForAlerts(ids: string[]): Promise<{ alertIdVsCliScript: Record<string, string>; cliDescription: string }>;
}

export interface ContainRequest {
  type: 'iam-user' | 'iam-role' | 'idc-user';
  name: string;
  apply: boolean;
  actor: string;
}

export interface ReleaseRequest {
  report: string;
  apply: boolean;
  reactivateKeys: boolean;
  actor: string;
}

/** Containment (issue 11): dry-run unless `apply`. */
export interface ContainmentPort {
  contain(request: ContainRequest): Promise<unknown>;
  release(request: ReleaseRequest): Promise<unknown>;
  reports(): Promise<unknown[]>;
}

/** The request a simulation answers. */
export interface SimulateRequest {
  principal?: string;
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

export interface SimulatePort {
  /** Decision and explanation for `request` against a snapshot file or inline policies. */
  simulate(input: { snapshot?: string[]; policies?: unknown; request: SimulateRequest; fileRoot?: string }): Promise<unknown>;
}

/** Everything a server instance composes. Optional ports answer 501 when absent. */
export interface ServerPorts {
  findings: FindingsPort;
  scans: ScansPort;
  rules: RulesPort;
  alerts: AlertsPort;
  tokens: TokenRepository;
  remediation?: RemediationPort;
  containment?: ContainmentPort;
  simulate?: SimulatePort;
}
