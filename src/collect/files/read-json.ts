/**
 * Reads a JSON input file, turning a syntax error into an `InputError` that names the file,
 * line and column (so "truncated JSON" is reported precisely, not as a stack trace).
 *
 * INVARIANT: no message built here quotes the input. V8's own messages do (`Unexpected token 'r',
 * "root:x:0:0:"... is not valid JSON`), and a file named by an API caller may be `/etc/shadow`, so
 * only V8's content-free phrases are kept and the position is found without echoing text.
 * A leading UTF-8 byte order mark is accepted (RFC 8259 §8.1 lets parsers ignore it; Windows
 * tools write one). Nesting deeper than `MAX_JSON_DEPTH` is refused before anything recursive
 * (policy parsing, printing) sees the value.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseTolerant, type ParseError } from 'jsonc-parser';
import { InputError } from '../../model/errors.js';

/** Deepest nesting of arrays and objects accepted in any JSON input. */
export const MAX_JSON_DEPTH = 256;

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

/** `text` without a leading UTF-8 byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Offset of the first bracket that opens level `max + 1`, or -1. One pass, no recursion; string
 * contents (and their escapes) are skipped.
 */
export function tooDeepAt(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}

/** The phrase of a V8 JSON error that holds no input text, and the offset when V8 gives one. */
function describe(message: string, text: string): { reason: string; offset: number } {
  const position = /at position (\d+)/.exec(message);
  if (message.startsWith('Unexpected end')) return { reason: 'unexpected end of input', offset: text.length };
  if (position && (message.startsWith('Expected') || message.startsWith('Unexpected non-whitespace') || message.startsWith('Bad'))) {
    return { reason: message.slice(0, message.indexOf(' in JSON')).toLowerCase(), offset: Number(position[1]) };
  }
  // "Unexpected token 'x', "…" is not valid JSON": quotes the input, so only the position is kept.
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { reason: 'unexpected character', offset: errors[0]?.offset ?? (position ? Number(position[1]) : 0) };
}

/** Where and why `JSON.parse(text)` failed with `error`, in words that never quote the input. */
export function describeJsonError(error: unknown, text: string): { reason: string; line: number; column: number } {
  const { reason, offset } = describe((error as Error).message, text);
  return { reason, ...lineColumn(text, offset) };
}

/** Parses `text` as JSON (BOM accepted, depth bounded); errors carry file, line and column, never content. */
export function parseJsonText(text: string, file: string): unknown {
  const body = stripBom(text);
  const deep = tooDeepAt(body);
  if (deep >= 0) {
    const where = lineColumn(body, deep);
    throw new InputError(`\`${file}\` is nested too deeply at line ${where.line}, column ${where.column} (more than ${MAX_JSON_DEPTH} levels)`, { file, ...where });
  }
  try {
    return JSON.parse(body);
  } catch (err) {
    const { reason, offset } = describe((err as Error).message, body);
    const where = lineColumn(body, offset);
    throw new InputError(`\`${file}\` is not valid JSON (line ${where.line}, column ${where.column}): ${reason}`, { file, ...where });
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
