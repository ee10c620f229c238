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

/** Where alerts go, one at a time. */
export interface AlertWriter {
  write(alert: Alert): Promise<void>;
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

/** A writer of `format` over `out` (stdout in the CLI). */
export function alertWriter(format: DetectFormat, out: Writable): AlertWriter {
  const put = sink(out);
  let count = 0;
  if (format === 'jsonl') {
    return { write: (a) => put(`${JSON.stringify(a)}\n`), end: async () => undefined };
  }
  if (format === 'json') {
    return {
      // JSON strings hold no raw newline, so re-indenting the element's lines is exact.
      write: (a) => put(`${count++ === 0 ? '[\n' : ',\n'}  ${JSON.stringify(a, null, 2).replaceAll('\n', '\n  ')}`),
      end: () => put(count === 0 ? '[]\n' : '\n]\n'),
    };
  }
  return {
    async write(a) {
      if (count++ === 0) await put(`${tableLine(COLUMNS.map((c) => c.header))}\n${tableLine(COLUMNS.map((c) => '-'.repeat(c.width)))}\n`);
      await put(`${tableLine(COLUMNS.map((c) => c.cell(a) ?? ''))}\n`);
    },
    end: () => (count === 0 ? put('no alerts\n') : Promise.resolve()),
  };
}
