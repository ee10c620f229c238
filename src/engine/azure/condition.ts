/**
 * Azure ABAC conditions (role assignment and deny assignment `condition`, version 2.0): parsed by
 * a hand-written scanner and recursive-descent parser (no regex built from the text), evaluated in
 * three-valued logic. An attribute the request does not carry is `unknown`, so a grant behind it is
 * "conditional", as in the AWS engine. Grammar from Microsoft Learn, "Azure role assignment
 * condition format and syntax" (https://learn.microsoft.com/azure/role-based-access-control/conditions-format).
 */
import { compileGlob } from '../../model/policy/glob.js';
import type { Tri } from '../types.js';
import { and3, not3, or3 } from '../tri.js';
import { azureActionMatches } from './actions.js';

export type CondNode =
  | { kind: 'and' | 'or'; left: CondNode; right: CondNode }
  | { kind: 'not'; arg: CondNode }
  | { kind: 'action'; sub: boolean; pattern: string }
  | { kind: 'exists'; negate: boolean; attribute: string }
  | { kind: 'compare'; attribute: string; operator: string; values: string[] };

/** What a condition is evaluated against. Attribute keys are lowercase `@Source[name]`. */
export interface ConditionContext {
  action: string;
  subOperation?: string;
  attributes: ReadonlyMap<string, readonly string[]>;
}

export class ConditionSyntaxError extends Error {}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): CondNode {
    const node = this.or();
    this.ws();
    if (this.i < this.s.length) throw new ConditionSyntaxError(`unexpected \`${this.s.slice(this.i, this.i + 20)}\` at ${this.i}`);
    return node;
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i]!)) this.i++;
  }

  private word(w: string): boolean {
    this.ws();
    if (this.s.slice(this.i, this.i + w.length).toUpperCase() !== w.toUpperCase()) return false;
    const next = this.s[this.i + w.length];
    if (/^[A-Za-z]$/.test(w[0]!) && next !== undefined && /[A-Za-z0-9_]/.test(next)) return false;
    this.i += w.length;
    return true;
  }

  private or(): CondNode {
    let left = this.and();
    while (this.word('OR') || this.word('||')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): CondNode {
    let left = this.unary();
    while (this.word('AND') || this.word('&&')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): CondNode {
    if (this.word('NOT') || this.word('!')) return { kind: 'not', arg: this.unary() };
    return this.primary();
  }

  private primary(): CondNode {
    this.ws();
    if (this.s[this.i] === '(') {
      this.i++;
      const node = this.or();
      this.ws();
      if (this.s[this.i] !== ')') throw new ConditionSyntaxError(`missing \`)\` at ${this.i}`);
      this.i++;
      return node;
    }
    for (const [w, sub] of [['ActionMatches', false], ['SubOperationMatches', true]] as const) {
      if (this.word(w)) {
        this.ws();
        if (this.s[this.i] !== '{') throw new ConditionSyntaxError(`expected \`{\` after ${w}`);
        this.i++;
        const pattern = this.string();
        this.ws();
        if (this.s[this.i] !== '}') throw new ConditionSyntaxError(`expected \`}\` at ${this.i}`);
        this.i++;
        return { kind: 'action', sub, pattern };
      }
    }
    if (this.word('NotExists')) return { kind: 'exists', negate: true, attribute: this.attribute() };
    if (this.word('Exists')) return { kind: 'exists', negate: false, attribute: this.attribute() };
    const attribute = this.attribute();
    this.ws();
    const start = this.i;
    while (this.i < this.s.length && /[A-Za-z:]/.test(this.s[this.i]!)) this.i++;
    const operator = this.s.slice(start, this.i);
    if (!operator) throw new ConditionSyntaxError(`expected an operator at ${this.i}`);
    return { kind: 'compare', attribute, operator, values: this.values() };
  }

  private attribute(): string {
    this.ws();
    if (this.s[this.i] !== '@') throw new ConditionSyntaxError(`expected an attribute at ${this.i}`);
    const close = this.s.indexOf(']', this.i);
    if (close < 0) throw new ConditionSyntaxError('unterminated attribute');
    const text = this.s.slice(this.i, close + 1);
    this.i = close + 1;
    return text.toLowerCase();
  }

  private string(): string {
    this.ws();
    if (this.s[this.i] !== "'") throw new ConditionSyntaxError(`expected a quoted string at ${this.i}`);
    const close = this.s.indexOf("'", this.i + 1);
    if (close < 0) throw new ConditionSyntaxError('unterminated string');
    const text = this.s.slice(this.i + 1, close);
    this.i = close + 1;
    return text;
  }

  private scalar(): string {
    this.ws();
    if (this.s[this.i] === "'") return this.string();
    const start = this.i;
    while (this.i < this.s.length && !' \t\r\n,{}()'.includes(this.s[this.i]!)) this.i++;
    if (start === this.i) throw new ConditionSyntaxError(`expected a value at ${this.i}`);
    return this.s.slice(start, this.i);
  }

  private values(): string[] {
    this.ws();
    if (this.s[this.i] !== '{') return [this.scalar()];
    this.i++;
    const out: string[] = [];
    for (;;) {
      out.push(this.scalar());
      this.ws();
      if (this.s[this.i] === ',') { this.i++; continue; }
      if (this.s[this.i] === '}') { this.i++; return out; }
      throw new ConditionSyntaxError(`expected \`,\` or \`}\` at ${this.i}`);
    }
  }
}

/** Parses condition text; throws `ConditionSyntaxError` on text that is not the documented syntax. */
export function parseCondition(text: string): CondNode {
  return new Parser(text).parse();
}

function base(op: string, a: string, b: string): Tri {
  switch (op) {
    case 'stringequals': return a === b;
    case 'stringequalsignorecase': return a.toLowerCase() === b.toLowerCase();
    case 'stringlike': return compileGlob(b, false).test(a);
    case 'stringstartswith': return a.startsWith(b);
    case 'stringstartswithignorecase': return a.toLowerCase().startsWith(b.toLowerCase());
    case 'guidequals': return a.toLowerCase() === b.toLowerCase();
    case 'boolequals': return a.toLowerCase() === b.toLowerCase();
    case 'numericequals': return Number(a) === Number(b);
    case 'numericlessthan': return Number(a) < Number(b);
    case 'numericlessthanequals': return Number(a) <= Number(b);
    case 'numericgreaterthan': return Number(a) > Number(b);
    case 'numericgreaterthanequals': return Number(a) >= Number(b);
    case 'datetimeequals': return Date.parse(a) === Date.parse(b);
    case 'datetimegreaterthan': return Date.parse(a) > Date.parse(b);
    case 'datetimelessthan': return Date.parse(a) < Date.parse(b);
    default: return 'unknown'; // an operator Cordon does not know: the grant stays conditional
  }
}

/** `StringNotEquals` → base `StringEquals` negated; prefixes `ForAnyOfAnyValues:` etc. split off. */
function compare(operator: string, have: readonly string[], want: readonly string[]): Tri {
  const colon = operator.indexOf(':');
  const quant = colon >= 0 ? operator.slice(0, colon).toLowerCase() : '';
  let op = (colon >= 0 ? operator.slice(colon + 1) : operator).toLowerCase();
  const negate = op.includes('not');
  if (negate) op = op.replace('not', '');
  const one = (a: string, b: string): Tri => (negate ? not3(base(op, a, b)) : base(op, a, b));
  const anyOf = (xs: readonly string[], f: (x: string) => Tri): Tri => xs.reduce<Tri>((acc, x) => or3(acc, f(x)), false);
  const allOf = (xs: readonly string[], f: (x: string) => Tri): Tri => xs.reduce<Tri>((acc, x) => and3(acc, f(x)), true);
  switch (quant) {
    case 'foranyofanyvalues': return anyOf(have, (a) => anyOf(want, (b) => one(a, b)));
    case 'forallofanyvalues': return allOf(have, (a) => anyOf(want, (b) => one(a, b)));
    case 'foranyofallvalues': return anyOf(have, (a) => allOf(want, (b) => one(a, b)));
    case 'forallofallvalues': return allOf(have, (a) => allOf(want, (b) => one(a, b)));
    default: return have.length === 1 && want.length === 1 ? one(have[0]!, want[0]!) : anyOf(want, (b) => anyOf(have, (a) => one(a, b)));
  }
}

/** Evaluates a parsed condition; attributes absent from the context make their comparison unknown. */
export function evaluateCondition(node: CondNode, ctx: ConditionContext): Tri {
  switch (node.kind) {
    case 'and': return and3(evaluateCondition(node.left, ctx), evaluateCondition(node.right, ctx));
    case 'or': return or3(evaluateCondition(node.left, ctx), evaluateCondition(node.right, ctx));
    case 'not': return not3(evaluateCondition(node.arg, ctx));
    case 'action': return node.sub ? (ctx.subOperation === undefined ? false : azureActionMatches(node.pattern, ctx.subOperation)) : azureActionMatches(node.pattern, ctx.action);
    case 'exists': {
      const has = ctx.attributes.has(node.attribute);
      return has ? !node.negate : 'unknown';
    }
    case 'compare': {
      const have = ctx.attributes.get(node.attribute);
      return have === undefined ? 'unknown' : compare(node.operator, have, node.values);
    }
  }
}
