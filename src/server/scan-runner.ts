/**
 * `POST /scans`: snapshot → analyzers → store, the same pipeline as `cordon scan` (through the
 * shared `runAnalyzers`). The snapshot loader (files or live collection) is injected: the
 * collect layer provides it.
 */
import { runAnalyzers } from '../analyzers/index.js';
import type { Snapshot } from '../model/snapshot/types.js';
import type { CordonStore } from '../store/index.js';
import { NotImplementedError } from './errors.js';
import type { ScanRecord, ScanRequest } from './ports.js';
import { VERSION } from './routes/index.js';

/** Reads a snapshot from files, or collects one from a live account. */
export interface SnapshotSource {
  files?: (paths: string[]) => Promise<Snapshot>;
  live?: (options: { profile?: string; region?: string; endpointUrl?: string }) => Promise<Snapshot>;
}

/** The scope a snapshot covers: `accounts:<ids>` (the CLI's convention). */
export function scopeOf(snapshot: Snapshot): string {
  const ids = [...new Set(snapshot.accounts.map((a) => a.accountId))].sort();
  return `accounts:${ids.join(',')}`;
}

/** A scan runner over `store`; undefined when no source is available (the endpoint answers 501). */
export function scanRunner(store: CordonStore, source: SnapshotSource, now: () => Date = () => new Date()): ((req: ScanRequest) => Promise<ScanRecord>) | undefined {
  if (!source.files && !source.live) return undefined;
  return async (req) => {
    let snapshot: Snapshot;
    if (req.snapshot) {
      if (!source.files) throw new NotImplementedError('scanning snapshot files');
      snapshot = await source.files(req.snapshot);
    } else {
      if (!source.live) throw new NotImplementedError('live collection');
      snapshot = await source.live(req.live ?? {});
    }
    const at = now();
    const findings = runAnalyzers({ snapshot, now: at });
    const result = await store.scans.record({
      scope: scopeOf(snapshot),
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
