/**
 * A JSON array written element by element, byte-identical to `JSON.stringify(items, null, 2)`
 * followed by a newline: a scan of 80,000 findings no longer builds (twice) one string of
 * hundreds of megabytes before writing it. JSON strings hold no raw newline, so re-indenting an
 * element's lines by two spaces is exact.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Writable } from 'node:stream';

/** One element as it appears inside a pretty-printed array (indented, without separator). */
export function arrayElement(value: unknown): string {
  return `  ${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}`;
}

/** Elements per write: few enough to keep each chunk small, many enough to keep writes few. */
const PER_CHUNK = 256;

/** The array's text in chunks of up to PER_CHUNK elements. */
export function* jsonArrayChunks(items: readonly unknown[]): Generator<string> {
  if (items.length === 0) {
    yield '[]\n';
    return;
  }
  for (let i = 0; i < items.length; i += PER_CHUNK) {
    const part = items.slice(i, i + PER_CHUNK).map(arrayElement).join(',\n');
    yield `${i === 0 ? '[\n' : ',\n'}${part}${i + PER_CHUNK >= items.length ? '\n]\n' : ''}`;
  }
}

/** Writes the array to a stream, waiting for `drain` when its buffer is full. */
export async function writeJsonArray(items: readonly unknown[], out: Writable): Promise<void> {
  for (const chunk of jsonArrayChunks(items)) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
}

/** Writes the array to a file (created or truncated). */
export function writeJsonArrayFile(items: readonly unknown[], path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of jsonArrayChunks(items)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
