/**
 * `POST /scans`: snapshot → analyzers → store, the same pipeline as `cordon scan` (through the
 * shared `runAnalyzers`). The snapshot loader (files or live collection) is injected: the
 * collect layer provides it. With `analyze` (the production wiring), loading caller-named files
 * and the analyzers run in a worker with its own memory limit instead of on the request thread.
 */
import { runAnalyzers } from '../analyzers/index.js';
import type { Snapshot } from '../model/snapshot/types.js';
import type { CordonStore } from '../store/index.js';
import type { FindingDraft } from '../model/finding.js';
import { NotImplementedError } from './errors.js';
import { scopeOf } from './jobs/job-kinds.js';
import type { ScanRecord, ScanRequest } from './ports.js';
import { VERSION } from './routes/index.js';

/** Reads a snapshot from files, or collects one from a live account. */
export interface SnapshotSource {
  files?: (paths: string[]) => Promise<Snapshot>;
  live?: (options: { profile?: string; region?: string; endpointUrl?: string }) => Promise<Snapshot>;
  /** Load (files under `fileRoot`, or a collected snapshot) and analyse off the request thread. */
  analyze?: (input: { paths?: string[]; fileRoot?: string; snapshot?: Snapshot; now: Date }) => Promise<{ scope: string; findings: FindingDraft[] }>;
}

export { scopeOf };

/** A scan runner over `store`; undefined when no source is available (the endpoint answers 501). */
export function scanRunner(store: CordonStore, source: SnapshotSource, now: () => Date = () => new Date()): ((req: ScanRequest) => Promise<ScanRecord>) | undefined {
  if (!source.files && !source.live && !source.analyze) return undefined;
  return async (req) => {
    const at = now();
    let scope: string;
    let findings: FindingDraft[];
    if (req.snapshot && source.analyze) {
      ({ scope, findings } = await source.analyze({ paths: req.snapshot, ...(req.fileRoot !== undefined ? { fileRoot: req.fileRoot } : {}), now: at }));
    } else {
      let snapshot: Snapshot;
      if (req.snapshot) {
        if (!source.files) throw new NotImplementedError('scanning snapshot files');
        snapshot = await source.files(req.snapshot);
      } else {
        if (!source.live) throw new NotImplementedError('live collection');
        snapshot = await source.live(req.live ?? {});
      }
      if (source.analyze) ({ scope, findings } = await source.analyze({ snapshot, now: at }));
      else {
        scope = scopeOf(snapshot);
        findings = runAnalyzers({ snapshot, now: at });
      }
    }
    const result = await store.scans.record({
      scope,
      inputs: req.snapshot ? { snapshot: req.snapshot } : { live: req.live ?? {} },
      versions: { cordon: VERSION },
      findings,
      now: at.toISOString(),
      actor: req.actor,
    });
    const record = await store.scans.get(result.scanId);
    return { ...record!, ...result };
  };
}
