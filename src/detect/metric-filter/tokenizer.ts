/**
 * Tokenizer of CloudWatch Logs JSON filter patterns. Bare values run to the next space, `)`, `}`,
 * `&&` or `||` (so `123.123.*` and `CreateTrail` need no quotes); quoted strings take `\"` and `\\`.
 */
import { PatternError } from '../errors.js';

export type TokenKind = '{' | '}' | '(' | ')' | '&&' | '||' | 'op' | 'selector' | 'string' | 'bare' | 'eof';

/** One token and the 1-based column where it starts. */
export interface Token {
  kind: TokenKind;
  text: string;
  column: number;
}

const OPS = ['!=', '<=', '>=', '=', '<', '>'];
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Splits a pattern into tokens; unterminated strings and stray characters are `PatternError`s. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const err = (message: string, at: number): never => {
    throw new PatternError(`${message} at column ${at + 1}`, { column: at + 1 });
  };
  while (i < text.length) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '{' || c === '}' || c === '(' || c === ')') {
      out.push({ kind: c, text: c, column: start + 1 });
      i++;
    } else if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      out.push({ kind: text.slice(i, i + 2) as '&&' | '||', text: text.slice(i, i + 2), column: start + 1 });
      i += 2;
    } else if (OPS.some((op) => text.startsWith(op, i))) {
      const op = OPS.find((o) => text.startsWith(o, i))!;
      out.push({ kind: 'op', text: op, column: start + 1 });
      i += op.length;
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) err('unterminated string', start);
        const ch = text[i]!;
        if (ch === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (ch === '"') {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      out.push({ kind: 'string', text: value, column: start + 1 });
    } else {
      while (i < text.length && !isSpace(text[i]!) && !')}('.includes(text[i]!) && !text.startsWith('&&', i) && !text.startsWith('||', i) && !(c === '$' ? '=!<>' : '"').includes(text[i]!)) i++;
      if (i === start) err(`unexpected character \`${c}\``, start);
      const word = text.slice(start, i);
      out.push({ kind: c === '$' ? 'selector' : 'bare', text: word, column: start + 1 });
    }
  }
  out.push({ kind: 'eof', text: '', column: text.length + 1 });
  return out;
}
