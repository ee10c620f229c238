/**
 * A tree of CloudTrail files (a local directory, or an S3 bucket listed with `/` as delimiter) and
 * the recursive walk over it: sorted (deterministic), depth first, skipping `CloudTrail-Digest`
 * and, given `--start/--end`, the date folders of the trail layout that cannot hold the window.
 */
import type { TimeWindow } from '../time-window.js';
import { folderMayOverlap, isDigestPath } from '../time-window.js';

/** One file of a tree. `etag`/`size` let callers skip files they already ingested. */
export interface TrailFile {
  /** Full path or `s3://bucket/key`. */
  path: string;
  size?: number;
  etag?: string;
  /** Set when the walk found this entry but will not read it (e.g. a symbolic link loop): why. */
  skipped?: string;
}

/** What a walk needs from a storage: list one folder's children, read one file. */
export interface TrailTree {
  /** Children of `folder`: sub-folders (full paths) and files. */
  list(folder: string): Promise<{ folders: string[]; files: TrailFile[] }>;
  read(file: TrailFile): Promise<Buffer>;
  /** Path segments of a folder, to find the `CloudTrail/REGION/YYYY/MM/DD` part. */
  segments(folder: string): string[];
}

const TRAIL_FILE_SUFFIXES = ['.json', '.json.gz', '.jsonl', '.jsonl.gz', '.ndjson', '.ndjson.gz', '.gz'];

/** True for names a directory walk reads (other files, e.g. README, are ignored). */
export function isTrailFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return TRAIL_FILE_SUFFIXES.some((s) => lower.endsWith(s));
}

/** Every trail file under `root` whose folder may overlap `window`, in sorted order. */
export async function* walkTrailTree(tree: TrailTree, root: string, window: TimeWindow = {}): AsyncGenerator<TrailFile> {
  const stack = [root];
  while (stack.length > 0) {
    const folder = stack.pop()!;
    const segments = tree.segments(folder);
    if (isDigestPath(segments) || !folderMayOverlap(segments, window)) continue;
    const { folders, files } = await tree.list(folder);
    const sortedFiles = files.filter((f) => f.skipped !== undefined || isTrailFileName(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const f of sortedFiles) yield f;
    // Reverse so the stack pops sub-folders in ascending order.
    for (const sub of [...folders].sort().reverse()) stack.push(sub);
  }
}
