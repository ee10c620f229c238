/**
 * Parses the bytes of one CloudTrail file (plain or gzip, detected by magic number, not by name)
 * into records: one `JSON.parse` of the whole text (delivery objects, arrays, single records),
 * falling back to one event per line. A file that is neither is a `ReadIssue`, never an exception.
 */
import { gunzipSync } from 'node:zlib';
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import { normalizeRecord, recordsOf } from '../normalize.js';
import { withOrigin } from '../origin.js';
import { describeJsonError, lineColumn, MAX_JSON_DEPTH, tooDeepAt } from '../../collect/files/read-json.js';

/** A file or message that was skipped, and why (its name is always given). */
export interface ReadIssue {
  file: string;
  reason: string;
}

/** The outcome of parsing one file: its events, or why it was skipped (then `events` is empty). */
export interface ParsedFile {
  events: CloudTrailEvent[];
  issue?: ReadIssue;
  /** Records that were not objects (kept out of `events`). */
  skippedRecords: number;
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Largest decompressed CloudTrail file: CloudTrail delivers files of a few MB; a gzip member
 * expanding past this is a bomb, stopped by zlib before the output buffer grows further.
 */
export const MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

/** Deflate expands at most ~1032:1; a size hint beyond that is a lie. */
const MAX_DEFLATE_RATIO = 1032;
/** Largest output buffer allocated up front from a file's size hint. */
const MAX_HINTED_CHUNK = 8 * 1024 * 1024;

/**
 * zlib's output chunk for a gzip member: the size its trailer announces (ISIZE, the input size
 * mod 2^32), so a typical file decompresses into one buffer instead of 16 KB chunks joined at the
 * end (~13% of decompression CPU). Only a hint: a wrong or hostile ISIZE is bounded by the deflate
 * ratio and a cap, and zlib still grows the output as needed, up to `maxBytes`.
 */
function outputChunkSize(bytes: Buffer, maxBytes: number): number {
  const announced = bytes.length >= 18 ? bytes.readUInt32LE(bytes.length - 4) : 0;
  return Math.max(64, Math.min(announced + 64, bytes.length * MAX_DEFLATE_RATIO, MAX_HINTED_CHUNK, maxBytes));
}

/**
 * Decompresses when gzip (at most `maxBytes` of output); returns the UTF-8 text, without a BOM.
 * Synchronous zlib: CloudTrail objects are small (a few MB at most, ~60 KB typical) and the
 * asynchronous form's thread-pool round trips and 16 KB chunks cost more CPU than the
 * decompression itself (2,000 files: +1.4 s CPU, more than gunzip + JSON.parse together).
 */
export async function decodeText(bytes: Buffer, maxBytes = MAX_DECOMPRESSED_BYTES): Promise<string> {
  let raw: Buffer = bytes;
  if (isGzip(bytes)) {
    try {
      raw = gunzipSync(bytes, { maxOutputLength: maxBytes, chunkSize: outputChunkSize(bytes, maxBytes) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`expands past ${maxBytes} bytes`);
      throw err;
    }
  }
  const text = raw.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The file-level issue of a text nested deeper than `MAX_JSON_DEPTH`, or undefined. */
function depthIssue(text: string, name: string): ParsedFile | undefined {
  const deep = tooDeepAt(text);
  if (deep < 0) return undefined;
  const at = lineColumn(text, deep);
  return { events: [], skippedRecords: 0, issue: { file: name, reason: `nested too deeply at line ${at.line}, column ${at.column} (more than ${MAX_JSON_DEPTH} levels)` } };
}

/**
 * True when a parsed value nests containers more than `left` levels deep (the top-level value
 * counts as one). Recursion stops at the limit, so a hostile document cannot exhaust the stack.
 */
function deeperThan(value: unknown, left: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (left === 0) return true;
  // Scalars are tested here rather than by a call each: most values of a record are strings.
  let v: unknown;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (typeof (v = value[i]) === 'object' && v !== null && deeperThan(v, left - 1)) return true;
    return false;
  }
  const o = value as Record<string, unknown>;
  for (const k in o) if (typeof (v = o[k]) === 'object' && v !== null && deeperThan(v, left - 1)) return true;
  return false;
}

/**
 * Parses decoded text; `name` labels origins and issues. Depth is bounded without scanning the
 * text first: V8's `JSON.parse` is iterative (a 100,000-deep array parses without a stack
 * overflow), so the parsed value is walked with a depth limit instead (about a quarter of the
 * scan's cost on CloudTrail files), and only a file that fails it, or fails to parse, is scanned
 * for the exact line and column. The issue reported is the same as before.
 */
export function parseCloudTrailText(text: string, name: string): ParsedFile {
  let raws: unknown[] | undefined;
  let firstError: string | undefined;
  let doc: unknown;
  let parsed = false;
  try {
    doc = JSON.parse(text);
    parsed = true;
  } catch (err) {
    const deep = depthIssue(text, name);
    if (deep) return deep;
    // Line and column only: V8's message quotes the file's text.
    const why = describeJsonError(err, text);
    firstError = `${why.reason} at line ${why.line}, column ${why.column}`;
    raws = parseLines(text);
  }
  if (parsed) {
    const deep = deeperThan(doc, MAX_JSON_DEPTH) ? depthIssue(text, name) : undefined;
    if (deep) return deep;
    raws = recordsOf(doc);
    if (!raws) return { events: [], skippedRecords: 0, issue: { file: name, reason: 'no CloudTrail records (expected {"Records":[...]}, an array, or one event per line)' } };
  }
  if (!raws) return { events: [], skippedRecords: 0, issue: { file: name, reason: `not valid JSON: ${firstError ?? 'empty'}` } };
  const events: CloudTrailEvent[] = [];
  let skippedRecords = 0;
  for (let i = 0; i < raws.length; i++) {
    const event = normalizeRecord(raws[i], name, i);
    if (event) events.push(withOrigin(event, { file: name, index: i }));
    else skippedRecords++;
  }
  return { events, skippedRecords };
}

/** One JSON document per line; `undefined` unless every non-blank line parses (a truncated file is skipped whole). */
function parseLines(text: string): unknown[] | undefined {
  const out: unknown[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    try {
      const doc = JSON.parse(line);
      const records = recordsOf(doc);
      if (!records) return undefined;
      out.push(...records);
    } catch {
      return undefined;
    }
  }
  return out.length > 0 ? out : undefined;
}

/** Decodes and parses one file's bytes; decompression errors become a `ReadIssue`. */
export async function parseCloudTrailBytes(bytes: Buffer, name: string, maxBytes = MAX_DECOMPRESSED_BYTES): Promise<ParsedFile> {
  let text: string;
  try {
    text = await decodeText(bytes, maxBytes);
  } catch (err) {
    return { events: [], skippedRecords: 0, issue: { file: name, reason: `cannot decompress: ${(err as Error).message}` } };
  }
  return parseCloudTrailText(text, name);
}
