/**
 * Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"): `${aws:username}`,
 * `${aws:PrincipalTag/team}`, the escapes `${*}`, `${?}`, `${$}` (literal characters, never
 * wildcards) and defaults `${aws:username, 'anonymous'}`. Variables are substituted only in
 * policies with `"Version": "2012-10-17"`; in older versions `${...}` is literal text. A variable
 * whose key is missing from the request context and has no default makes the element (resource
 * pattern or condition value) not match, as AWS documents.
 */
import { QMARK, STAR, type GlobToken } from './wildcard.js';

/** A variable reference inside a pattern. */
export interface VariableRef {
  variable: string;
  /** Lower-cased key, for case-insensitive lookup. */
  key: string;
  default?: string;
}

/** A pattern part before substitution. */
export type TemplatePart = GlobToken | VariableRef;

/** Marker for a context key whose value the caller does not know. */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** Reads a (lower-cased) context key: its value(s), undefined when absent, UNKNOWN when unknown. */
export type ContextLookup = (lowerKey: string) => string | readonly string[] | undefined | typeof UNKNOWN;

function pushLiteral(out: TemplatePart[], s: string): void {
  const last = out[out.length - 1];
  if (typeof last === 'string') out[out.length - 1] = last + s;
  else if (s) out.push(s);
}

function parseRef(body: string): VariableRef | string {
  const trimmed = body.trim();
  if (trimmed === '*') return '*';
  if (trimmed === '?') return '?';
  if (trimmed === '$') return '$';
  const comma = trimmed.indexOf(',');
  if (comma < 0) return { variable: trimmed, key: trimmed.toLowerCase() };
  const variable = trimmed.slice(0, comma).trim();
  const def = trimmed.slice(comma + 1).trim();
  const unquoted = def.length >= 2 && def.startsWith("'") && def.endsWith("'") ? def.slice(1, -1) : def;
  return { variable, key: variable.toLowerCase(), default: unquoted };
}

/**
 * Parses pattern text into parts. `wildcards` makes `*`/`?` wildcards (resources, `*Like`);
 * `variables` enables `${...}` substitution (policy version 2012-10-17).
 */
export function parseTemplate(text: string, wildcards: boolean, variables: boolean): TemplatePart[] {
  const out: TemplatePart[] = [];
  let i = 0;
  let litStart = 0;
  // No local `flush` closure: the tsx loader wraps every named closure in a `__name` call
  // (Object.defineProperty) per parse, which was 13% of a cold decision.
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (variables && c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
      const close = text.indexOf('}', i + 2);
      if (close > 0) {
        if (i > litStart) pushLiteral(out, text.slice(litStart, i));
        const ref = parseRef(text.slice(i + 2, close));
        if (typeof ref === 'string') pushLiteral(out, ref);
        else out.push(ref);
        i = close + 1;
        litStart = i;
        continue;
      }
    }
    if (wildcards && (c === 42 /* * */ || c === 63) /* ? */) {
      if (i > litStart) pushLiteral(out, text.slice(litStart, i));
      out.push(c === 42 ? STAR : QMARK);
      litStart = i + 1;
    }
    i++;
  }
  if (text.length > litStart) pushLiteral(out, text.slice(litStart));
  return out;
}

/** true when the parts contain a variable reference. */
export function hasVariables(parts: readonly TemplatePart[]): boolean {
  return parts.some((p) => typeof p === 'object');
}

/**
 * Substitutes the variables of `parts`. Returns the glob tokens, `null` when a variable is missing
 * (no default) so the element cannot match, or UNKNOWN when a variable's key is unknown.
 */
export function resolveTemplate(parts: readonly TemplatePart[], lookup: ContextLookup): GlobToken[] | null | typeof UNKNOWN {
  const out: GlobToken[] = [];
  let unknown = false;
  for (const p of parts) {
    if (typeof p !== 'object') {
      out.push(p);
      continue;
    }
    const v = lookup(p.key);
    if (v === UNKNOWN) {
      unknown = true;
      continue;
    }
    let value: string | undefined;
    if (typeof v === 'string') value = v;
    else if (v !== undefined && v.length === 1) value = v[0];
    // Multivalued keys cannot be used as variables; AWS treats them as absent.
    if (value === undefined) {
      if (p.default === undefined) return null;
      value = p.default;
    }
    out.push(value);
  }
  return unknown ? UNKNOWN : out;
}

/** Substitutes variables and returns plain text (for non-wildcard operators), or null/UNKNOWN. */
export function resolveText(parts: readonly TemplatePart[], lookup: ContextLookup): string | null | typeof UNKNOWN {
  const tokens = resolveTemplate(parts, lookup);
  if (tokens === null || tokens === UNKNOWN) return tokens;
  let s = '';
  for (const t of tokens) s += t === STAR ? '*' : t === QMARK ? '?' : t;
  return s;
}
