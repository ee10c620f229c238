/**
 * Tokenizer for the CEL subset of IAM Conditions (https://cloud.google.com/iam/docs/conditions-overview):
 * identifiers, string/number/bool/null literals, operators and punctuation. Linear in the input.
 */

export type TokenKind = 'ident' | 'string' | 'number' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** For string tokens: the unescaped value; for numbers: the parsed value. */
  value?: string | number;
  offset: number;
}

/** A syntax error in a condition, with the character offset where it was found. */
export class CelSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const TWO_CHAR = new Set(['&&', '||', '==', '!=', '<=', '>=']);
const ONE_CHAR = new Set(['<', '>', '!', '+', '-', '*', '/', '%', '.', ',', '(', ')', '[', ']', '{', '}', ':', '?']);
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '/': '/' };

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

/** Splits `text` into tokens; throws `CelSyntaxError` on an unknown character or unterminated string. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isIdentStart(c)) {
      while (i < text.length && (isIdentStart(text[i]!) || (text[i]! >= '0' && text[i]! <= '9'))) i++;
      out.push({ kind: 'ident', text: text.slice(start, i), offset: start });
      continue;
    }
    if (c >= '0' && c <= '9') {
      while (i < text.length && ((text[i]! >= '0' && text[i]! <= '9') || text[i] === '.' || text[i] === 'e' || text[i] === 'E')) i++;
      if (text[i] === 'u' || text[i] === 'U') i++;
      const raw = text.slice(start, i).replace(/[uU]$/, '');
      out.push({ kind: 'number', text: text.slice(start, i), value: Number(raw), offset: start });
      continue;
    }
    if (c === '"' || c === "'" || ((c === 'r' || c === 'R') && (text[i + 1] === '"' || text[i + 1] === "'"))) {
      const raw = c === 'r' || c === 'R';
      if (raw) i++;
      const quote = text[i]!;
      const triple = text.startsWith(quote.repeat(3), i);
      const close = triple ? quote.repeat(3) : quote;
      i += close.length;
      let value = '';
      for (;;) {
        if (i >= text.length) throw new CelSyntaxError('unterminated string', start);
        if (text.startsWith(close, i)) {
          i += close.length;
          break;
        }
        if (text[i] === '\\' && !raw) {
          const e = text[i + 1] ?? '';
          value += ESCAPES[e] ?? e;
          i += 2;
          continue;
        }
        value += text[i];
        i++;
      }
      out.push({ kind: 'string', text: text.slice(start, i), value, offset: start });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR.has(two)) {
      out.push({ kind: 'op', text: two, offset: start });
      i += 2;
      continue;
    }
    if (ONE_CHAR.has(c)) {
      out.push({ kind: 'op', text: c, offset: start });
      i++;
      continue;
    }
    throw new CelSyntaxError(`unexpected character \`${c}\``, start);
  }
  out.push({ kind: 'eof', text: '', offset: text.length });
  return out;
}
