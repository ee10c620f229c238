/**
 * Streaming writers for `cordon detect` alerts: each alert is written when it is produced, so
 * memory does not grow with the number of alerts (a 300,000-event run used to fail building one
 * JSON string: `Invalid string length`). `json` is one JSON array written element by element
 * (byte-identical to `JSON.stringify(alerts, null, 2)`), `jsonl` one alert per line, `table`
 * fixed-width columns (widths cannot depend on rows not read yet). An alert is one event with the
 * rules it matched (`rules`), so a row lists them all.
 */
import type { Writable } from 'node:stream';
import { alertRules, type Alert } from '../../model/alert.js';
import { arrayElement } from '../json-array.js';

/** Where alerts go, one at a time or a file's worth at once. */
export interface AlertWriter {
  write(alert: Alert): Promise<void>;
  /** Writes `count` alerts already framed by `frameAlert` for this format, as one chunk. */
  writeFramed(chunk: string, count: number): Promise<void>;
  /** Closes the document: the array's `]`, or `no alerts` for a table. */
  end(): Promise<void>;
}

/** Output formats of `detect`. */
export const DETECT_FORMATS = ['json', 'jsonl', 'table'] as const;
export type DetectFormat = (typeof DETECT_FORMATS)[number];

/** Writes with backpressure: waits for `drain` when the stream's buffer is full. */
function sink(out: Writable): (text: string) => Promise<void> {
  return (text) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve)));
}

const COLUMNS: { header: string; width: number; cell: (a: Alert) => string }[] = [
  { header: 'TIME', width: 24, cell: (a) => a.eventTime },
  { header: 'SEVERITY', width: 8, cell: (a) => a.severity },
  // One alert per event: every rule it matched, the top (highest severity) one first.
  { header: 'RULES', width: 48, cell: (a) => alertRules(a).map((r) => r.id).join(',') },
  { header: 'EVENT', width: 32, cell: (a) => a.eventName },
  { header: 'ACCOUNT', width: 12, cell: (a) => a.accountId },
  { header: 'ACTOR', width: 48, cell: (a) => a.actor },
  { header: 'SUMMARY', width: 100, cell: (a) => a.summary },
];

function tableLine(values: string[]): string {
  return values.map((v, i) => {
    const w = COLUMNS[i]!.width;
    // One alert, one line: newlines and tabs inside a cell (user-controlled event text) become spaces.
    const flat = v.replace(/[\r\n\t]/g, ' ');
    const cut = flat.length > w ? `${flat.slice(0, w - 1)}…` : flat;
    return cut.padEnd(w);
  }).join('  ').trimEnd();
}

/**
 * One alert as it appears in `format`, framed so that framed alerts simply concatenate: a jsonl
 * line, a table line, or a JSON array element with its leading `,` (the writer turns the first
 * one's into `[`). detect's worker threads frame alerts so the main thread only writes them.
 * JSON strings hold no raw newline, so re-indenting the element's lines for the array is exact.
 */
export function frameAlert(format: DetectFormat, a: Alert): string {
  if (format === 'jsonl') return `${JSON.stringify(a)}\n`;
  if (format === 'json') return `,\n${arrayElement(a)}`;
  return `${tableLine(COLUMNS.map((c) => c.cell(a) ?? ''))}\n`;
}

/** A writer of `format` over `out` (stdout in the CLI). */
export function alertWriter(format: DetectFormat, out: Writable): AlertWriter {
  const put = sink(out);
  let count = 0;
  const writeFramed = (chunk: string, n: number): Promise<void> => {
    if (n === 0) return Promise.resolve();
    const first = count === 0;
    count += n;
    if (first && format === 'json') return put(`[${chunk.slice(1)}`);
    if (first && format === 'table') return put(`${tableLine(COLUMNS.map((c) => c.header))}\n${tableLine(COLUMNS.map((c) => '-'.repeat(c.width)))}\n${chunk}`);
    return put(chunk);
  };
  return {
    write: (a) => writeFramed(frameAlert(format, a), 1),
    writeFramed,
    end: () => (format === 'json' ? put(count === 0 ? '[]\n' : '\n]\n') : format === 'table' && count === 0 ? put('no alerts\n') : Promise.resolve()),
  };
}
