/**
 * Recursive-descent parser of CloudWatch Logs JSON filter patterns. Precedence, as documented:
 * parentheses, then `&&`, then `||` — so `A || B && C` is `A || (B && C)` (the CIS 4.1 trap).
 */
import { PatternError } from '../errors.js';
import type { ComparisonOp, FilterNode, FilterValue, Selector, SelectorStep } from './ast.js';
import { tokenize, type Token } from './tokenizer.js';

// Signed numbers are documented (`{ $.latency > +1000 }`, Filter pattern syntax, JSON log events).
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Parses a whole pattern `{ ... }` into its tree. */
export function parseFilterPattern(text: string): FilterNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const next = () => tokens[pos++]!;
  const err = (message: string, tok: Token = peek()): never => {
    throw new PatternError(`${message} at column ${tok.column}`, { column: tok.column });
  };
  const expect = (kind: Token['kind'], what: string) => (peek().kind === kind ? next() : err(`expected ${what}, found ${describe(peek())}`));
  const keyword = (tok: Token, word: string) => tok.kind === 'bare' && tok.text.toUpperCase() === word;

  const parseOr = (): FilterNode => {
    const first = parseAnd();
    const items = [first];
    while (peek().kind === '||') {
      next();
      items.push(parseAnd());
    }
    return items.length === 1 ? first : { type: 'or', items, column: first.column };
  };
  const parseAnd = (): FilterNode => {
    const first = parsePrimary();
    const items = [first];
    while (peek().kind === '&&') {
      next();
      items.push(parsePrimary());
    }
    return items.length === 1 ? first : { type: 'and', items, column: first.column };
  };
  const parsePrimary = (): FilterNode => {
    const tok = peek();
    if (tok.kind === '(') {
      next();
      const inner = parseOr();
      expect(')', '`)`');
      return inner;
    }
    if (tok.kind !== 'selector') return err(`expected a selector like \`$.field\` or \`(\`, found ${describe(tok)}`);
    next();
    const selector = parseSelector(tok);
    const after = peek();
    if (keyword(after, 'IS')) {
      next();
      const what = next();
      if (keyword(what, 'NULL')) return { type: 'isNull', selector, column: tok.column };
      if (keyword(what, 'TRUE') || keyword(what, 'FALSE')) return { type: 'isBool', selector, value: keyword(what, 'TRUE'), column: tok.column };
      return err('expected NULL, TRUE or FALSE after IS', what);
    }
    if (keyword(after, 'NOT')) {
      next();
      if (!keyword(peek(), 'EXISTS')) err('expected EXISTS after NOT');
      next();
      return { type: 'notExists', selector, column: tok.column };
    }
    if (after.kind !== 'op') return err(`expected a comparison operator, IS or NOT EXISTS after \`${selector.text}\``, after);
    next();
    const op = after.text as ComparisonOp;
    const valueTok = next();
    let value: FilterValue;
    if (valueTok.kind === 'string') value = { kind: 'string', text: valueTok.text, quoted: true };
    else if (valueTok.kind === 'bare') value = NUMBER.test(valueTok.text) ? { kind: 'number', value: Number(valueTok.text), text: valueTok.text } : { kind: 'string', text: valueTok.text, quoted: false };
    else return err(`expected a value after \`${op}\`, found ${describe(valueTok)}`, valueTok);
    if (value.kind === 'string' && op !== '=' && op !== '!=') err(`\`${op}\` compares numbers; \`${value.text}\` is not a number`, valueTok);
    return { type: 'compare', selector, op, value, column: tok.column };
  };

  const open = expect('{', '`{` (JSON filter patterns are written `{ $.field = value }`)');
  const root = parseOr();
  expect('}', '`}`');
  if (peek().kind !== 'eof') err(`unexpected ${describe(peek())} after the closing \`}\``);
  void open;
  return root;
}

function describe(tok: Token): string {
  return tok.kind === 'eof' ? 'end of pattern' : `\`${tok.text}\``;
}

/** `$.a.b[0][*].c` → steps; malformed selectors are errors at their column. */
export function parseSelector(tok: Token): Selector {
  const text = tok.text;
  const err = (message: string, offset: number): never => {
    throw new PatternError(`${message} at column ${tok.column + offset}`, { column: tok.column + offset });
  };
  if (!text.startsWith('$')) err('a selector starts with `$`', 0);
  const steps: SelectorStep[] = [];
  let i = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '.') {
      let j = i + 1;
      while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
      const name = text.slice(i + 1, j);
      if (name === '') err('empty property name in selector', i);
      steps.push(name === '*' ? { kind: 'any' } : { kind: 'key', name });
      i = j;
    } else if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) err('missing `]` in selector', i);
      const inside = text.slice(i + 1, close);
      if (inside === '*') steps.push({ kind: 'any' });
      else if (/^\d+$/.test(inside)) steps.push({ kind: 'index', index: Number(inside) });
      else err(`array index must be a number or \`*\`, found \`${inside}\``, i);
      i = close + 1;
    } else err(`unexpected \`${c}\` in selector`, i);
  }
  if (steps.length === 0) err('a selector names a field: `$.field`', 0);
  return { text, steps };
}
