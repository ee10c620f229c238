/**
 * Printing for the CLI: machine output on stdout, human progress and warnings on stderr.
 */

/** Writes `value` as pretty JSON followed by a newline to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A column of a text table: header and how to read a cell from a row. */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => string | number | boolean | undefined | null;
  /** Longest a cell may be before it is cut with an ellipsis. */
  maxWidth?: number;
}

/** Renders rows as an aligned plain-text table (no colours, so it survives pipes and logs). */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) =>
    columns.map((col) => {
      const raw = col.cell(row);
      const text = raw === undefined || raw === null ? '' : String(raw);
      const max = col.maxWidth ?? 80;
      return text.length > max ? `${text.slice(0, max - 1)}…` : text;
    }),
  );
  const widths = columns.map((col, i) => Math.max(col.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  return `${out.join('\n')}\n`;
}

/** Prints a table to stdout. */
export function printTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): void {
  process.stdout.write(renderTable(rows, columns));
}

/** Human-facing message on stderr, silenced by `--quiet`. */
export function info(message: string, quiet = false): void {
  if (!quiet) process.stderr.write(`${message}\n`);
}

/** Warning on stderr; never silenced, because it tells the user something was skipped. */
export function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}
