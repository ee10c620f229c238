/**
 * The CloudTrail readers: async iterables of `CloudTrailEvent` from a file, a directory (recursive,
 * S3 org-trail layout pruned by `--start/--end`) or an `s3://` URI. Streaming: one file is held in
 * memory at a time (plus the next one being read, so I/O and decompression overlap parsing).
 * A corrupt file is reported through `onIssue` and skipped; the run goes on.
 */
import { stat } from 'node:fs/promises';
import type { S3TrailObjects } from '../../aws/s3-cloudtrail-objects.js';
import type { AwsTarget } from '../../aws/client-config.js';
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import { InputError } from '../../model/errors.js';
import type { TimeWindow } from '../time-window.js';
import { inWindow } from '../time-window.js';
import { localTrailTree } from './local-tree.js';
import { parseCloudTrailBytes, type ParsedFile, type ReadIssue } from './parse-bytes.js';
import { parseS3Uri, s3TrailTree } from './s3-tree.js';
import { walkTrailTree, type TrailFile, type TrailTree } from './trail-tree.js';

/** Options shared by the readers. */
export interface ReadOptions {
  /** Keep events in [start, end) and skip trail folders outside it. */
  window?: TimeWindow;
  /** Called for every skipped file (corrupt, truncated, unreadable). */
  onIssue?: (issue: ReadIssue) => void;
  /** Called after each file with its event count (progress, ingestion bookkeeping). */
  onFile?: (file: TrailFile, events: number) => void;
  /** AWS settings for `s3://` sources. */
  aws?: AwsTarget;
  /** S3 adapter (tests inject one); built from `aws` when absent. */
  s3?: S3TrailObjects;
}

/** One source resolved to a tree and a root: a directory, one file, or an S3 prefix. */
export async function resolveSource(source: string, options: ReadOptions = {}): Promise<{ tree: TrailTree; files: AsyncIterable<TrailFile> }> {
  if (source.startsWith('s3://')) {
    const { bucket, key } = parseS3Uri(source);
    // The S3 client is loaded only for s3:// sources: local runs start without the SDK.
    const s3 = options.s3 ?? (await import('../../aws/s3-cloudtrail-objects.js')).s3TrailObjects(options.aws);
    const tree = s3TrailTree(s3, bucket);
    // A key naming one object is read as a file; anything else is a prefix to walk.
    const single = key !== '' && !key.endsWith('/') && (key.endsWith('.json') || key.endsWith('.gz') || key.endsWith('.jsonl'));
    return { tree, files: single ? once({ path: source }) : walkTrailTree(tree, source, options.window) };
  }
  const tree = localTrailTree();
  const info = await stat(source).catch((err: Error) => {
    throw new InputError(`cannot read \`${source}\`: ${err.message}`, { file: source }, { cause: err });
  });
  return { tree, files: info.isDirectory() ? walkTrailTree(tree, source, options.window) : once({ path: source, size: info.size }) };
}

async function* once<T>(value: T): AsyncGenerator<T> {
  yield value;
}

/** The bytes of one file of a tree, or why it is not read (skipped by the walk, or a read error). */
export async function readTrailBytes(tree: TrailTree, file: TrailFile): Promise<{ bytes: Buffer; issue?: undefined } | { issue: ReadIssue; bytes?: undefined }> {
  if (file.skipped !== undefined) return { issue: { file: file.path, reason: file.skipped } };
  try {
    return { bytes: await tree.read(file) };
  } catch (err) {
    return { issue: { file: file.path, reason: `cannot read: ${(err as Error).message}` } };
  }
}

/** Reads and parses one file of a tree; read errors become an issue. */
export async function readTrailFile(tree: TrailTree, file: TrailFile): Promise<ParsedFile> {
  const read = await readTrailBytes(tree, file);
  return read.issue ? { events: [], skippedRecords: 0, issue: read.issue } : parseCloudTrailBytes(read.bytes, file.path);
}

/** Parsed files of one source, in order, reading one file ahead. */
export async function* readTrailFiles(source: string, options: ReadOptions = {}): AsyncGenerator<{ file: TrailFile; parsed: ParsedFile }> {
  const { tree, files } = await resolveSource(source, options);
  let pending: { file: TrailFile; parsed: Promise<ParsedFile> } | undefined;
  for await (const file of files) {
    const next = { file, parsed: readTrailFile(tree, file) };
    if (pending) yield { file: pending.file, parsed: await pending.parsed };
    pending = next;
  }
  if (pending) yield { file: pending.file, parsed: await pending.parsed };
}

/** Every event of every source, in source order then file order; issues reported, never thrown. */
export async function* readCloudTrail(sources: string | readonly string[], options: ReadOptions = {}): AsyncGenerator<CloudTrailEvent> {
  const window = options.window ?? {};
  const filter = Boolean(window.start || window.end);
  for (const source of typeof sources === 'string' ? [sources] : sources) {
    for await (const { file, parsed } of readTrailFiles(source, options)) {
      if (parsed.issue) options.onIssue?.(parsed.issue);
      options.onFile?.(file, parsed.events.length);
      for (const event of parsed.events) if (!filter || inWindow(event.eventTime, window)) yield event;
    }
  }
}

export type { ReadIssue, ParsedFile } from './parse-bytes.js';
export type { TrailFile, TrailTree } from './trail-tree.js';
