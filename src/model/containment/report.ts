/**
 * The containment report: the initial configuration, every step with its result, the final
 * configuration, the verification and, after release, the release journal. It is the primary
 * journal of an execution: written before the first mutation and after every step.
 */
import { InputError } from '../errors.js';
import type { PrincipalConfiguration, PrincipalType } from './config.js';
import type { StepRecord } from './steps.js';

/** Outcome of the post-containment verification. */
export interface Verification {
  verified: boolean;
  /** Why it is (not) verified, one reason per line. */
  reasons: string[];
  structural: { passed: boolean; failures: string[] };
  /** `unavailable` when the authorization engine could not be run. */
  engineCheck: 'passed' | 'failed' | 'unavailable';
  engineDetails: { request: string; decision: string }[];
}

/** The release part of a report. */
export interface ReleaseJournal {
  startedAt: string;
  finishedAt?: string;
  reactivateKeys: boolean;
  recreateLoginProfile: boolean;
  steps: StepRecord[];
  /** Things that cannot be restored, each with how to restore it by hand. */
  unrestorable: string[];
  finalConfiguration?: PrincipalConfiguration;
}

/** Life cycle of an execution as the report tells it. */
export type ReportStatus = 'in-progress' | 'contained' | 'partial' | 'released' | 'release-partial';

/** The report document (JSON). */
export interface ContainmentReport {
  kind: 'cordon-containment-report';
  schemaVersion: 1;
  executionId: string;
  key: string;
  startedAt: string;
  updatedAt: string;
  status: ReportStatus;
  target: { type: PrincipalType; name: string; instanceArn?: string; identityStoreId?: string };
  options: { tags: Record<string, string>; bucketAccess: string[] };
  initialConfiguration: PrincipalConfiguration;
  steps: StepRecord[];
  finalConfiguration?: PrincipalConfiguration;
  verification?: Verification;
  release?: ReleaseJournal;
}

/** Field names that would mean a secret slipped into a report. */
const SECRET_FIELDS = new Set(['secretaccesskey', 'password', 'sessiontoken', 'privatekey', 'base32stringseed', 'qrcodepng']);

/** Throws if any field of `value` is named like a secret (defence in depth: reports must never hold one). */
export function assertNoSecrets(value: unknown, pointer = ''): void {
  if (Array.isArray(value)) value.forEach((v, i) => assertNoSecrets(v, `${pointer}/${i}`));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_FIELDS.has(k.toLowerCase())) throw new InputError(`refusing to write a report holding a secret field \`${k}\``, { pointer: `${pointer}/${k}` });
      assertNoSecrets(v, `${pointer}/${k}`);
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses and checks a report read from a file or bucket (it is input: it may be truncated or
 * edited). Checks the shape release relies on; throws `InputError` with a pointer otherwise.
 */
export function parseReport(text: string, file?: string): ContainmentReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(`report is not valid JSON: ${(err as Error).message}`, { file }, { cause: err });
  }
  const fail = (pointer: string, message: string): never => {
    throw new InputError(`report ${message}`, { file, pointer });
  };
  if (!isObject(doc)) return fail('', 'must be a JSON object');
  if (doc.kind !== 'cordon-containment-report') fail('/kind', 'is not a Cordon containment report');
  if (doc.schemaVersion !== 1) fail('/schemaVersion', `has unsupported schema version \`${String(doc.schemaVersion)}\``);
  for (const field of ['executionId', 'key', 'startedAt', 'status']) if (typeof doc[field] !== 'string') fail(`/${field}`, `lacks \`${field}\``);
  if (!isObject(doc.target) || typeof doc.target.type !== 'string' || typeof doc.target.name !== 'string') fail('/target', 'lacks a target');
  const initial = doc.initialConfiguration;
  if (!isObject(initial) || !['iam-user', 'iam-role', 'idc-user'].includes(initial.type as string)) fail('/initialConfiguration', 'lacks the initial configuration');
  if (!Array.isArray(doc.steps)) fail('/steps', 'lacks its steps');
  (doc.steps as unknown[]).forEach((s, i) => {
    if (!isObject(s) || typeof s.id !== 'string' || !isObject(s.spec) || typeof s.spec.action !== 'string' || typeof s.status !== 'string') fail(`/steps/${i}`, 'has a malformed step');
  });
  if (!isObject(doc.options)) fail('/options', 'lacks its options');
  return doc as unknown as ContainmentReport;
}

/** Where reports are kept: a directory (src/store/report-dir.ts) or an S3 bucket (src/aws/report-bucket.ts). */
/** A place reports are written to and read back from, keyed by the report key layout. */
export interface ReportSink {
  /** Human/machine location of a key: a file path or an `s3://` URI. */
  locate(key: string): string;
  /** Prepares the location (creates the directory; checks the bucket is private or creates it). */
  prepare(): Promise<void>;
  /** Writes the whole report atomically (a reader never sees half a report). */
  write(key: string, report: ContainmentReport): Promise<void>;
  /** Reads a report back; undefined when the key does not exist. */
  read(key: string): Promise<ContainmentReport | undefined>;
  /** Finds the key of an execution id (for resuming), if a report for it exists. */
  find(executionId: string): Promise<string | undefined>;
}
