/**
 * Recursive-descent parser for the CEL grammar IAM Conditions use: ternary, `||`, `&&`,
 * relations (incl. `in`), arithmetic, unary `!`/`-`, member selection, calls, indexing, list and
 * map literals. Produces a small typed tree the evaluator walks; nothing is evaluated here.
 */
import { CelSyntaxError, tokenize, type Token } from './lexer.js';

export type CelNode =
  | { kind: 'lit'; value: string | number | boolean | null }
  | { kind: 'ident'; name: string }
  | { kind: 'select'; operand: CelNode; field: string }
  | { kind: 'call'; fn: string; target?: CelNode; args: CelNode[] }
  | { kind: 'index'; operand: CelNode; index: CelNode }
  | { kind: 'list'; items: CelNode[] }
  | { kind: 'map'; entries: { key: CelNode; value: CelNode }[] }
  | { kind: 'unary'; op: '!' | '-'; operand: CelNode }
  | { kind: 'binary'; op: string; left: CelNode; right: CelNode }
  | { kind: 'cond'; test: CelNode; then: CelNode; else: CelNode };

const RELATIONS = new Set(['<', '<=', '>', '>=', '==', '!=', 'in']);
// Nesting limit: conditions are at most 12 logical operators (IAM quota); this bounds recursion.
const MAX_DEPTH = 64;

/** Parses a CEL expression; throws `CelSyntaxError` with the offset of the problem. */
export function parseCel(text: string): CelNode {
  const tokens = tokenize(text);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos]!;
  const isOp = (t: string): boolean => peek().kind === 'op' && peek().text === t;
  const expect = (t: string): void => {
    if (!isOp(t)) throw new CelSyntaxError(`expected \`${t}\`, found \`${peek().text || 'end'}\``, peek().offset);
    pos++;
  };

  function expr(): CelNode {
    if (++depth > MAX_DEPTH) throw new CelSyntaxError('expression nested too deeply', peek().offset);
    const test = or();
    let node = test;
    if (isOp('?')) {
      pos++;
      const then = or();
      expect(':');
      node = { kind: 'cond', test, then, else: expr() };
    }
    depth--;
    return node;
  }
  function or(): CelNode {
    let left = and();
    while (isOp('||')) {
      pos++;
      left = { kind: 'binary', op: '||', left, right: and() };
    }
    return left;
  }
  function and(): CelNode {
    let left = relation();
    while (isOp('&&')) {
      pos++;
      left = { kind: 'binary', op: '&&', left, right: relation() };
    }
    return left;
  }
  function relation(): CelNode {
    let left = addition();
    for (;;) {
      const t = peek();
      const op = t.kind === 'op' && RELATIONS.has(t.text) ? t.text : t.kind === 'ident' && t.text === 'in' ? 'in' : undefined;
      if (!op) return left;
      pos++;
      left = { kind: 'binary', op, left, right: addition() };
    }
  }
  function addition(): CelNode {
    let left = multiplication();
    while (isOp('+') || isOp('-')) {
      const op = tokens[pos++]!.text;
      left = { kind: 'binary', op, left, right: multiplication() };
    }
    return left;
  }
  function multiplication(): CelNode {
    let left = unary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = tokens[pos++]!.text;
      left = { kind: 'binary', op, left, right: unary() };
    }
    return left;
  }
  function unary(): CelNode {
    if (isOp('!') || isOp('-')) {
      const op = tokens[pos++]!.text as '!' | '-';
      return { kind: 'unary', op, operand: unary() };
    }
    return member();
  }
  function args(close: string): CelNode[] {
    const out: CelNode[] = [];
    if (isOp(close)) {
      pos++;
      return out;
    }
    for (;;) {
      out.push(expr());
      if (isOp(',')) {
        pos++;
        if (isOp(close)) break;
        continue;
      }
      break;
    }
    expect(close);
    return out;
  }
  function member(): CelNode {
    let node = primary();
    for (;;) {
      if (isOp('.')) {
        pos++;
        const t = peek();
        if (t.kind !== 'ident') throw new CelSyntaxError('expected a field name after `.`', t.offset);
        pos++;
        if (isOp('(')) {
          pos++;
          node = { kind: 'call', fn: t.text, target: node, args: args(')') };
        } else node = { kind: 'select', operand: node, field: t.text };
      } else if (isOp('[')) {
        pos++;
        const index = expr();
        expect(']');
        node = { kind: 'index', operand: node, index };
      } else return node;
    }
  }
  function primary(): CelNode {
    const t = peek();
    pos++;
    if (t.kind === 'string') return { kind: 'lit', value: t.value as string };
    if (t.kind === 'number') return { kind: 'lit', value: t.value as number };
    if (t.kind === 'ident') {
      if (t.text === 'true' || t.text === 'false') return { kind: 'lit', value: t.text === 'true' };
      if (t.text === 'null') return { kind: 'lit', value: null };
      if (isOp('(')) {
        pos++;
        return { kind: 'call', fn: t.text, args: args(')') };
      }
      return { kind: 'ident', name: t.text };
    }
    if (t.kind === 'op' && t.text === '(') {
      const inner = expr();
      expect(')');
      return inner;
    }
    if (t.kind === 'op' && t.text === '[') return { kind: 'list', items: args(']') };
    if (t.kind === 'op' && t.text === '{') {
      const entries: { key: CelNode; value: CelNode }[] = [];
      while (!isOp('}')) {
        const key = expr();
        expect(':');
        entries.push({ key, value: expr() });
        if (isOp(',')) pos++;
        else break;
      }
      expect('}');
      return { kind: 'map', entries };
    }
    throw new CelSyntaxError(`unexpected \`${t.text || 'end of expression'}\``, t.offset);
  }

  const root = expr();
  if (peek().kind !== 'eof') throw new CelSyntaxError(`unexpected \`${peek().text}\` after the expression`, peek().offset);
  return root;
}
