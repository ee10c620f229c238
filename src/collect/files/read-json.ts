/**
 * Reads a JSON input file, turning a syntax error into an `InputError` that names the file,
 * line and column (so "truncated JSON" is reported precisely, not as a stack trace).
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../../model/errors.js';

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses `text` as JSON; errors carry file, line and column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position ? lineColumn(text, Number(position[1])) : text.trim().length === 0 ? { line: 1, column: 1 } : lineColumn(text, text.length);
    throw new InputError(`\`${file}\` is not valid JSON (line ${where.line}, column ${where.column}): ${message}`, { file, ...where }, { cause: err });
  }
}

/** Reads and parses a JSON file. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read \`${file}\`: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file }, { cause: err });
  }
  return parseJsonText(text, file);
}
