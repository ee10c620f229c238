/**
 * Cloud Asset exports (`gcloud asset export --content-type=iam-policy|resource --output-path=gs://...`)
 * are newline-delimited JSON: one asset per line. The shared JSON reader reads one document per
 * file, so `loadSnapshotFiles` falls back to this for files that are not one JSON document.
 */
import { classifyGcpItem } from './formats.js';

/** The rows of an NDJSON Cloud Asset export, or undefined when `text` is not one (any other line). */
export function cloudAssetRows(text: string): unknown[] | undefined {
  const rows: unknown[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split('\n')) {
    if (line.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return undefined;
    }
    if (classifyGcpItem(row) === undefined) return undefined;
    rows.push(row);
  }
  return rows.length > 0 ? rows : undefined;
}
