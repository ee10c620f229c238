/**
 * `POST /scans`: snapshot → analyzers → store, the same pipeline as `cordon scan` (through the
 * shared `runAnalyzers`). The snapshot loader (files or live collection) is injected: the
 * collect layer provides it. With `analyze` (the production wiring), loading caller-named files
 * and the analyzers run in a worker with its own memory limit instead of on the request thread.
 */
import { runAnalyzers } from '../analyzers/index.js';
import type { Snapshot } from '../model/snapshot/types.js';
import type { CordonStore, RecordScanInput, ScanResult } from '../store/index.js';
import type { FindingDraft } from '../model/finding.js';
import { NotImplementedError } from './errors.js';
import { scopeOf } from './jobs/job-kinds.js';
import type { ScanRecord, ScanRequest } from './ports.js';
import { VERSION } from './routes/index.js';

/** What a scan records besides its findings and scope. */
export type ScanRecordMeta = Omit<RecordScanInput, 'findings' | 'scope'>;

/** What `analyze` returns: the findings to record here, or the result of recording them itself. */
export type AnalyzeResult = { scope: string; findings: FindingDraft[] } | { scope: string; recorded: ScanResult };

/** Reads a snapshot from files, or collects one from a live account. */
export interface SnapshotSource {
  files?: (paths: string[]) => Promise<Snapshot>;
  live?: (options: { profile?: string; region?: string; endpointUrl?: string }) => Promise<Snapshot>;
  /**
   * Load (files under `fileRoot`, or a collected snapshot), analyse and, when it can, record the
   * scan off the request thread (a worker with its own store connection).
   */
  analyze?: (input: { paths?: string[]; fileRoot?: string; snapshot?: Snapshot; now: Date; record: ScanRecordMeta }) => Promise<AnalyzeResult>;
}

export { scopeOf };

/** A scan runner over `store`; undefined when no source is available (the endpoint answers 501). */
export function scanRunner(store: CordonStore, source: SnapshotSource, now: () => Date = () => new Date()): ((req: ScanRequest) => Promise<ScanRecord>) | undefined {
  if (!source.files && !source.live && !source.analyze) return undefined;
  return async (req) => {
    const at = now();
    const meta: ScanRecordMeta = { inputs: req.snapshot ? { snapshot: req.snapshot } : { live: req.live ?? {} }, versions: { cordon: VERSION }, now: at.toISOString(), actor: req.actor };
    let outcome: AnalyzeResult;
    if (req.snapshot && source.analyze) {
      outcome = await source.analyze({ paths: req.snapshot, ...(req.fileRoot !== undefined ? { fileRoot: req.fileRoot } : {}), now: at, record: meta });
    } else {
      let snapshot: Snapshot;
      if (req.snapshot) {
        if (!source.files) throw new NotImplementedError('scanning snapshot files');
        snapshot = await source.files(req.snapshot);
      } else {
        if (!source.live) throw new NotImplementedError('live collection');
        snapshot = await source.live(req.live ?? {});
      }
      outcome = source.analyze ? await source.analyze({ snapshot, now: at, record: meta }) : { scope: scopeOf(snapshot), findings: runAnalyzers({ snapshot, now: at }) };
    }
    const result = 'recorded' in outcome ? outcome.recorded : await store.scans.record({ ...meta, scope: outcome.scope, findings: outcome.findings });
    const record = await store.scans.get(result.scanId);
    return { ...record!, ...result };
  };
}
