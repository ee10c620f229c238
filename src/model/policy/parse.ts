/**
 * Parser from a policy document (JSON text, URL-encoded JSON text, or an object) to the typed AST
 * of `ast.ts`. Every node carries its RFC 6901 pointer; every malformed input raises a
 * `MalformedPolicyError` naming the pointer, never a TypeError.
 */
import { MalformedPolicyError } from '../errors.js';
import type {
  ActionBlock,
  ConditionClause,
  Located,
  Policy,
  PolicyType,
  PrincipalBlock,
  PrincipalType,
  ResourceBlock,
  Statement,
} from './ast.js';

/** What the caller knows about the document being parsed. */
export interface PolicyMeta {
  id: string;
  type: PolicyType;
  source?: string;
}

const PRINCIPAL_TYPES: readonly PrincipalType[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);

/** Longest string accepted in a policy element (action, resource, principal, condition value). */
export const MAX_POLICY_STRING = 4096;

/** Escapes one RFC 6901 reference token. */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Turns the raw input into a JSON value. IAM APIs return documents %-encoded; a text that does not
 * start with `{` after trimming is URL-decoded first.
 */
export function decodePolicyText(text: string, source?: string): unknown {
  let body = text.trim();
  if (!body.startsWith('{') && body.includes('%')) {
    try {
      body = decodeURIComponent(body.replace(/\+/g, ' ')).trim();
    } catch {
      throw new MalformedPolicyError('policy document is neither JSON nor valid URL-encoded JSON', { file: source, pointer: '' });
    }
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    // Position only: V8's message quotes the text, and a document may come from a caller-named file.
    const at = /at position (\d+)/.exec(err instanceof Error ? err.message : '');
    throw new MalformedPolicyError(`policy document is not valid JSON${at ? ` (at character ${at[1]})` : ''}`, { file: source, pointer: '' });
  }
}

class Parser {
  constructor(private readonly meta: PolicyMeta) {}

  fail(message: string, pointer: string): never {
    throw new MalformedPolicyError(message, { file: this.meta.source, pointer });
  }

  /** A string or a non-empty array of strings; numbers and booleans are stringified (AWS accepts them). */
  strings(value: unknown, pointer: string, what: string): Located[] {
    if (!Array.isArray(value)) return [this.one(value, pointer, what)];
    const out: Located[] = [];
    for (let i = 0; i < value.length; i++) out.push(this.one(value[i], `${pointer}/${i}`, what));
    return out;
  }

  one(v: unknown, p: string, what: string, capped = true): Located {
    if (typeof v === 'string') {
      // AWS caps ARNs at 2,048 characters and whole policies at 20 KB; a longer element is hostile or broken.
      if (capped && v.length > MAX_POLICY_STRING) this.fail(`${what} is ${v.length} characters long; at most ${MAX_POLICY_STRING} are accepted`, p);
      return { value: v, pointer: p };
    }
    if (typeof v === 'number' || typeof v === 'boolean') return { value: String(v), pointer: p };
    return this.fail(`${what} must be a string or an array of strings`, p);
  }

  document(doc: unknown): Policy {
    if (!isObject(doc)) this.fail('policy document must be a JSON object', '');
    const version = doc['Version'];
    if (version !== undefined && typeof version !== 'string') this.fail('`Version` must be a string', '/Version');
    const policyId = doc['Id'];
    if (policyId !== undefined && typeof policyId !== 'string') this.fail('`Id` must be a string', '/Id');
    const raw = doc['Statement'];
    if (raw === undefined) this.fail('policy document has no `Statement`', '/Statement');
    const statements = Array.isArray(raw)
      ? raw.map((s, i) => this.statement(s, i, `/Statement/${i}`))
      : [this.statement(raw, 0, '/Statement')];
    const policy: Policy = { id: this.meta.id, type: this.meta.type, statements };
    if (version !== undefined) policy.version = version;
    if (policyId !== undefined) policy.policyId = policyId;
    if (this.meta.source !== undefined) policy.source = this.meta.source;
    return policy;
  }

  statement(raw: unknown, index: number, pointer: string): Statement {
    if (!isObject(raw)) this.fail('statement must be a JSON object', pointer);
    for (const key of Object.keys(raw)) {
      if (!STATEMENT_KEYS.has(key)) this.fail(`unknown statement element \`${key}\``, `${pointer}/${pointerToken(key)}`);
    }
    const effect = raw['Effect'];
    if (effect !== 'Allow' && effect !== 'Deny') this.fail('`Effect` must be `Allow` or `Deny`', `${pointer}/Effect`);
    const sid = raw['Sid'];
    if (sid !== undefined && typeof sid !== 'string') this.fail('`Sid` must be a string', `${pointer}/Sid`);
    const action = this.block(raw, pointer, 'Action', 'NotAction', true) as ActionBlock;
    const resource = this.block(raw, pointer, 'Resource', 'NotResource', false) as ResourceBlock | undefined;
    const principal = this.principal(raw, pointer);
    const conditions = raw['Condition'] === undefined ? [] : this.conditions(raw['Condition'], `${pointer}/Condition`);
    const st: Statement = { effect, action, conditions, index, pointer };
    if (sid !== undefined) st.sid = sid;
    if (resource) st.resource = resource;
    if (principal) st.principal = principal;
    return st;
  }

  block(raw: Record<string, unknown>, pointer: string, pos: 'Action' | 'Resource', neg: 'NotAction' | 'NotResource', required: boolean): ActionBlock | ResourceBlock | undefined {
    const hasPos = raw[pos] !== undefined;
    const hasNeg = raw[neg] !== undefined;
    if (hasPos && hasNeg) this.fail(`statement has both \`${pos}\` and \`${neg}\``, `${pointer}/${neg}`);
    if (!hasPos && !hasNeg) {
      if (required) this.fail(`statement has neither \`${pos}\` nor \`${neg}\``, pointer);
      return undefined;
    }
    const kind = hasPos ? pos : neg;
    const p = `${pointer}/${kind}`;
    const patterns = this.strings(raw[kind], p, `\`${kind}\``);
    if (patterns.length === 0) this.fail(`\`${kind}\` must not be empty`, p);
    return { kind, patterns, pointer: p } as ActionBlock | ResourceBlock;
  }

  principal(raw: Record<string, unknown>, pointer: string): PrincipalBlock | undefined {
    const hasPos = raw['Principal'] !== undefined;
    const hasNeg = raw['NotPrincipal'] !== undefined;
    if (hasPos && hasNeg) this.fail('statement has both `Principal` and `NotPrincipal`', `${pointer}/NotPrincipal`);
    if (!hasPos && !hasNeg) return undefined;
    const kind = hasPos ? 'Principal' : 'NotPrincipal';
    const p = `${pointer}/${kind}`;
    const value = raw[kind];
    if (value === '*') return { kind, wildcard: true, values: [], pointer: p };
    // Lenient: a bare principal string (`"Principal": "arn:aws:iam::1:root"`) is read as an AWS
    // principal. AWS requires the object form, but older tools and test corpora write this one.
    if (typeof value === 'string') return { kind, wildcard: false, values: [{ type: 'AWS', value: this.one(value, p, `\`${kind}\``) }], pointer: p };
    if (!isObject(value)) this.fail(`\`${kind}\` must be \`"*"\` or an object of principal types`, p);
    const values: PrincipalBlock['values'] = [];
    for (const [type, list] of Object.entries(value)) {
      const tp = `${p}/${pointerToken(type)}`;
      if (!PRINCIPAL_TYPES.includes(type as PrincipalType)) this.fail(`unknown principal type \`${type}\``, tp);
      for (const v of this.strings(list, tp, `principal \`${type}\``)) values.push({ type: type as PrincipalType, value: v });
    }
    return { kind, wildcard: false, values, pointer: p };
  }

  conditions(raw: unknown, pointer: string): ConditionClause[] {
    if (!isObject(raw)) this.fail('`Condition` must be an object of operators', pointer);
    const out: ConditionClause[] = [];
    for (const [operator, keys] of Object.entries(raw)) {
      const op = `${pointer}/${pointerToken(operator)}`;
      if (!isObject(keys)) this.fail(`condition operator \`${operator}\` must map keys to values`, op);
      const { baseOperator, setQualifier, ifExists } = splitOperator(operator);
      for (const [key, values] of Object.entries(keys)) {
        const kp = `${op}/${pointerToken(key)}`;
        if (values === null) this.fail(`condition key \`${key}\` has a null value`, kp);
        const clause: ConditionClause = { operator, baseOperator, ifExists, key, values: this.strings(values, kp, `condition key \`${key}\``), pointer: kp };
        if (setQualifier) clause.setQualifier = setQualifier;
        out.push(clause);
      }
    }
    return out;
  }
}

/** Splits `ForAnyValue:StringLikeIfExists` into its qualifier, base operator and IfExists flag. */
export function splitOperator(operator: string): { baseOperator: string; setQualifier?: 'ForAllValues' | 'ForAnyValue'; ifExists: boolean } {
  let rest = operator;
  let setQualifier: 'ForAllValues' | 'ForAnyValue' | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon).toLowerCase();
    if (q === 'forallvalues') setQualifier = 'ForAllValues';
    else if (q === 'foranyvalue') setQualifier = 'ForAnyValue';
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  // `Null` has no IfExists form; every other operator may carry the suffix.
  if (rest.length > 8 && rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -8);
  }
  return setQualifier ? { baseOperator: rest, setQualifier, ifExists } : { baseOperator: rest, ifExists };
}

/**
 * Parses a policy document into the typed AST. `input` is JSON text (possibly URL-encoded, as IAM
 * APIs return it) or an already-parsed object. Throws `MalformedPolicyError` with the pointer of
 * the first offending node.
 */
export function parsePolicy(input: string | object, meta: PolicyMeta): Policy {
  const doc = typeof input === 'string' ? decodePolicyText(input, meta.source) : input;
  return new Parser(meta).document(doc);
}

/**
 * Lenient reading, element by element, for validation (which must look into documents the model
 * refuses as a whole): each value of a string list read by the rules of `parsePolicy` (strings;
 * numbers and booleans stringified), a value the model refuses left out. Never throws; the caller's
 * grammar checks report what was left out. Pointers as in `parsePolicy`.
 */
export function readStringsLenient(value: unknown, pointer: string): Located[] {
  const p = new Parser({ id: 'lenient', type: 'identity' });
  const items = Array.isArray(value) ? value.map((v, i) => ({ v, at: `${pointer}/${i}` })) : value === undefined ? [] : [{ v: value, at: pointer }];
  const out: Located[] = [];
  for (const { v, at } of items) {
    try {
      // Uncapped: validation reports an over-long value by what it is (an invalid action or ARN).
      out.push(p.one(v, at, 'value', false));
    } catch (err) {
      if (!(err instanceof MalformedPolicyError)) throw err;
    }
  }
  return out;
}

/**
 * Lenient reading of a `Condition` element (see `readStringsLenient`): every operator block and key
 * read by the rules of `parsePolicy` on its own, a block that is not an object or a key the model
 * refuses left out; within a key, values the model refuses are left out.
 */
export function readConditionsLenient(value: unknown, pointer: string): ConditionClause[] {
  if (!isObject(value)) return [];
  const out: ConditionClause[] = [];
  for (const [operator, keys] of Object.entries(value)) {
    if (!isObject(keys)) continue;
    const op = `${pointer}/${pointerToken(operator)}`;
    const { baseOperator, setQualifier, ifExists } = splitOperator(operator);
    for (const [key, values] of Object.entries(keys)) {
      const kp = `${op}/${pointerToken(key)}`;
      if (values === null) continue;
      const clause: ConditionClause = { operator, baseOperator, ifExists, key, values: readStringsLenient(values, kp), pointer: kp };
      if (setQualifier) clause.setQualifier = setQualifier;
      out.push(clause);
    }
  }
  return out;
}
