/**
 * The long jobs the server runs off its request thread (see `job-runner.ts`): loading snapshot
 * files named by a caller (confined to the file root) and analysing them, and simulations over
 * snapshot files. Each job is plain data in and plain data out, so it crosses a worker boundary
 * by structured clone; `runJob` is what the worker executes (tests may call it in-thread).
 */
import { runAnalyzers } from '../../analyzers/index.js';
import { heapBudget } from '../../cli/heap-budget.js';
import { relative, resolve } from 'node:path';
import { isInside, readConfinedText } from '../../store/confined-file.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import type { FindingDraft } from '../../model/finding.js';
import type { Snapshot } from '../../model/snapshot/types.js';
import { BadRequestError } from '../errors.js';
import type { SimulateRequest } from '../ports.js';
import { openStore, type RecordScanInput, type ScanResult } from '../../store/index.js';
import { engineSimulatePort } from '../simulate-port.js';
import { runRemediationJob, type RemediationJob } from './remediation-job.js';
import { gcpScopeIds } from '../../model/gcp/scope.js';
import { azureScopeIds } from '../../model/azure/scope.js';

/** Where caller-named files are read: the server's file root and size limit. */
export interface FileAccess {
  /** Undefined: this server reads no caller-named files. */
  fileRoot?: string;
  maxFileBytes: number;
}

/** Scan: snapshot files (confined) or an already collected snapshot → findings. */
export interface ScanJob extends FileAccess {
  kind: 'scan';
  paths?: string[];
  snapshot?: Snapshot;
  /** ISO time of the scan (the analyzers take time as a parameter). */
  now: string;
  /**
   * Record the scan from the worker through its own store connection (SQLite in WAL mode or
   * PostgreSQL), so neither the findings' transfer nor the lifecycle writes block the request
   * thread. Absent: the findings are returned and the server records them.
   */
  record?: { db: string; meta: Omit<RecordScanInput, 'findings' | 'scope'> };
}

/** What a scan job returns: the findings, or what recording them gave. */
export type ScanJobResult = { scope: string; findings: FindingDraft[] } | { scope: string; recorded: ScanResult };

/** Simulation of one request over snapshot files (confined), or over large inline policies. */
export interface SimulateJob extends FileAccess {
  kind: 'simulate';
  paths?: string[];
  policies?: unknown;
  request: SimulateRequest;
}

/** Every job kind. */
export type Job = ScanJob | SimulateJob | RemediationJob;

/** The scope a snapshot covers: `accounts:<ids>` (the CLI's convention). */
export function scopeOf(snapshot: Snapshot): string {
  const ids = [...new Set([...snapshot.accounts.map((a) => a.accountId), ...gcpScopeIds(snapshot.gcp), ...azureScopeIds(snapshot.azure)])].sort();
  return `accounts:${ids.join(',')}`;
}

/** Loads caller-named snapshot files through the confined reader. */
export async function loadConfined(paths: readonly string[], access: FileAccess): Promise<Snapshot> {
  const root = access.fileRoot;
  if (root === undefined) throw new BadRequestError('this server reads no files named in requests (start it with --file-root)', [{ message: 'no file root', pointer: '/snapshot' }]);
  const limits = { root, maxBytes: access.maxFileBytes };
  // Names relative to the root: messages and origins then never show where the root lies on the server.
  const base = resolve(root);
  const names = paths.map((p) => (isInside(base, resolve(base, p)) ? relative(base, resolve(base, p)) || '.' : p));
  // Pointers as the route gives them (`/snapshot/<i>`), so no refusal differs from another in any field.
  return (await loadSnapshotFiles(names, { readText: (p) => readConfinedText(limits, p, `/snapshot/${Math.max(0, names.indexOf(p))}`) })).snapshot;
}

/** Runs one job to completion. */
export async function runJob(job: Job): Promise<unknown> {
  if (job.kind === 'scan') {
    const snapshot = job.snapshot ?? (await loadConfined(job.paths ?? [], job));
    const scope = scopeOf(snapshot);
    // Inside the job's own heap limit: stop with one clear line before V8 runs out.
    const findings = runAnalyzers({ snapshot, now: new Date(job.now), budget: heapBudget() });
    if (!job.record) return { scope, findings } satisfies ScanJobResult;
    // The server's own connection already migrated the schema.
    const store = await openStore(job.record.db, { skipMigrations: true });
    try {
      return { scope, recorded: await store.scans.record({ ...job.record.meta, scope, findings }) } satisfies ScanJobResult;
    } finally {
      await store.close();
    }
  }
  if (job.kind === 'remediation') return runRemediationJob(job);
  const port = engineSimulatePort((paths) => loadConfined(paths, job));
  return port.simulate({ ...(job.paths ? { snapshot: job.paths } : {}), ...(job.policies !== undefined ? { policies: job.policies } : {}), request: job.request });
}
