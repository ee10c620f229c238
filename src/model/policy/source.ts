/**
 * Reading a policy from its text, with source positions: the one place where policy text becomes
 * both the raw JSON value (what grammar checks must see, malformed documents included) and the
 * model's AST (`parsePolicy`, same JSON pointers), and where a pointer becomes a line/column span.
 * `jsonc-parser` is used for its offsets only: it keeps duplicate keys visible and turns syntax
 * errors into positions. Everything is linear in the text: one parse, one line index, and each span
 * is a tree walk along one pointer plus a binary search.
 */
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Policy } from './ast.js';
import { parsePolicy, pointerToken, type PolicyMeta } from './parse.js';

/** A line/column position, both 1-based, with the 0-based offset it was computed from. */
export interface SourcePosition {
  line: number;
  column: number;
  offset: number;
}

/** A text's line starts, built once; `steps` counts the work done so tests can bound it. */
export interface LineIndex {
  /** Line and column (1-based) of an offset; offsets past the end clamp to the end of the text. */
  position(offset: number): SourcePosition;
  /** Characters scanned while building plus binary-search iterations so far. */
  readonly steps: number;
}

/** Builds the line index of `text` in one pass. */
export function lineIndex(text: string): LineIndex {
  const starts: number[] = [0];
  let steps = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  steps += text.length;
  return {
    get steps() {
      return steps;
    },
    position(offset: number): SourcePosition {
      const at = Math.max(0, Math.min(offset, text.length));
      // The last line start <= at (INVARIANT: starts is sorted and starts[0] = 0).
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        steps++;
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
    },
  };
}

/** The keys of one JSON object as written (duplicates and case variants kept), with pointers. */
export interface SourceObject {
  pointer: string;
  keys: { key: string; pointer: string }[];
}

/** A policy text read once: raw value, the model's AST when it accepts the document, positions. */
export interface PolicySource {
  text: string;
  /** The JSON value as written (malformed policies included). */
  value: unknown;
  /** The model's AST (pointers as in `value`), when `parsePolicy` accepts the document. */
  policy?: Policy;
  /** Why `parsePolicy` refused the document (its `MalformedPolicyError` message). */
  modelError?: string;
  /** Line starts of `text`. */
  lines: LineIndex;
  /** The span of the element at `pointer` (the nearest existing ancestor when it is absent); a property's span starts at its key. */
  span(pointer: string): { start: SourcePosition; end: SourcePosition };
  /** Every object of the document with its keys as written, in document order. */
  objects(): SourceObject[];
  /** When the text is a non-empty JSON array of objects: each element's offset and length. */
  documents(): { offset: number; length: number }[] | undefined;
}

/** A JSON syntax error: where, how long, and jsonc-parser's error name. */
export interface SourceSyntaxError {
  offset: number;
  length: number;
  message: string;
}

function decodePointer(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Reads a policy text: the syntax errors when it is not JSON, else its `PolicySource`. The model's
 * AST is attached when the text is a JSON object the model parser accepts (`meta` names it).
 */
export function readPolicySource(text: string, meta: PolicyMeta): { source?: PolicySource; syntaxErrors: SourceSyntaxError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) return { syntaxErrors: errors.map((e) => ({ offset: e.offset, length: e.length, message: printParseErrorCode(e.error) })) };
  const value: unknown = getNodeValue(root);
  const lines = lineIndex(text);
  const source: PolicySource = {
    text,
    value,
    lines,
    span(pointer) {
      const path = decodePointer(pointer);
      let node: Node | undefined;
      for (let n = path.length; n >= 0 && !node; n--) node = n === 0 ? root : findNodeAtLocation(root, path.slice(0, n));
      const target = node ?? root;
      // A property's span starts at its key (as Access Analyzer points at `"Resource": ...`).
      const from = target.parent?.type === 'property' && target.parent.children?.[1] === target ? target.parent : target;
      return { start: lines.position(from.offset), end: lines.position(target.offset + target.length) };
    },
    objects() {
      const out: SourceObject[] = [];
      const walk = (node: Node, pointer: string) => {
        if (node.type === 'object') {
          const keys = (node.children ?? []).map((prop) => {
            const key = String(prop.children?.[0]?.value);
            return { key, pointer: `${pointer}/${pointerToken(key)}` };
          });
          out.push({ keys, pointer });
          for (const prop of node.children ?? []) if (prop.children?.[1]) walk(prop.children[1], `${pointer}/${pointerToken(String(prop.children[0]?.value))}`);
        } else if (node.type === 'array') (node.children ?? []).forEach((c, i) => walk(c, `${pointer}/${i}`));
      };
      walk(root, '');
      return out;
    },
    documents() {
      const items = root.type === 'array' ? (root.children ?? []) : [];
      return items.length > 0 && items.every((c) => c.type === 'object') ? items.map((c) => ({ offset: c.offset, length: c.length })) : undefined;
    },
  };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    try {
      source.policy = parsePolicy(value, meta);
    } catch (err) {
      source.modelError = err instanceof Error ? err.message : String(err);
    }
  }
  return { source, syntaxErrors: [] };
}
