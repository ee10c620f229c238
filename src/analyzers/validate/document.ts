/**
 * The policy text as validation sees it. Two readings of one text: `jsonc-parser` gives every
 * element its offset (for line/column spans), keeps duplicate keys visible and turns syntax errors
 * into positions; the model's policy parser (`src/model/policy/`, the one every other layer uses)
 * gives the typed AST whose JSON pointers map back onto those offsets. Grammar checks read the
 * raw views (they must see malformed documents); semantic checks read the AST and ask the engine.
 */
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { parsePolicy, type Policy, type PolicyType, type Statement } from '../../model/policy/index.js';
import type { Position } from './types.js';
import { lineIndex, type LineIndex } from './line-index.js';

type Json = Record<string, unknown>;

/** One element value with its pointer (`/Statement/0/Action/1`). */
export interface Located<T> {
  value: T;
  pointer: string;
}

export interface StatementView {
  index: number;
  pointer: string;
  raw: Json;
  sid?: unknown;
  effect?: unknown;
  /** The element that names actions (`Action` or `NotAction`), normalised to a list. */
  actionKey?: 'Action' | 'NotAction';
  actions: Located<unknown>[];
  resourceKey?: 'Resource' | 'NotResource';
  resources: Located<unknown>[];
  principalKey?: 'Principal' | 'NotPrincipal';
  principal?: unknown;
  condition?: unknown;
  /** The model's AST of this statement, when the whole document parses. */
  ast?: Statement;
}

export interface PolicyDocumentView {
  text: string;
  root: Node;
  value: unknown;
  statements: StatementView[];
  /** Where `Statement` is, if anywhere (`/Statement`). */
  statementPointer?: string;
  /** Line starts of `text`, built once: every span is a binary search, not a rescan. */
  lines: LineIndex;
  /** The model's AST (same pointers as the views), when the model parser accepts the document. */
  policy?: Policy;
  /** Why the model parser refused the document (grammar checks report the details). */
  modelError?: string;
}

/** A JSON pointer segment, escaped per RFC 6901. */
export const seg = (s: string | number) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

const list = (value: unknown, pointer: string): Located<unknown>[] =>
  Array.isArray(value) ? value.map((v, i) => ({ value: v, pointer: `${pointer}/${i}` })) : value === undefined ? [] : [{ value, pointer }];

/** Parses `text`; returns the syntax errors instead when it is not JSON. */
export function readPolicyDocument(text: string, type: PolicyType = 'identity'): { view?: PolicyDocumentView; syntaxErrors: { offset: number; length: number; message: string }[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) return { syntaxErrors: errors.map((e) => ({ offset: e.offset, length: e.length, message: printParseErrorCode(e.error) })) };
  const value: unknown = getNodeValue(root);
  const statements: StatementView[] = [];
  let statementPointer: string | undefined;
  if (value && typeof value === 'object' && !Array.isArray(value) && 'Statement' in value) {
    statementPointer = '/Statement';
    const raw = (value as Json).Statement;
    const items = Array.isArray(raw) ? raw.map((s, i) => ({ s, p: `/Statement/${i}` })) : [{ s: raw, p: '/Statement' }];
    items.forEach(({ s, p }, index) => {
      if (!s || typeof s !== 'object' || Array.isArray(s)) return;
      const st = s as Json;
      const actionKey = 'Action' in st ? 'Action' : 'NotAction' in st ? 'NotAction' : undefined;
      const resourceKey = 'Resource' in st ? 'Resource' : 'NotResource' in st ? 'NotResource' : undefined;
      const principalKey = 'Principal' in st ? 'Principal' : 'NotPrincipal' in st ? 'NotPrincipal' : undefined;
      statements.push({
        index, pointer: p, raw: st, sid: st.Sid, effect: st.Effect,
        ...(actionKey ? { actionKey } : {}), actions: actionKey ? list(st[actionKey], `${p}/${actionKey}`) : [],
        ...(resourceKey ? { resourceKey } : {}), resources: resourceKey ? list(st[resourceKey], `${p}/${resourceKey}`) : [],
        ...(principalKey ? { principalKey, principal: st[principalKey] } : {}),
        ...('Condition' in st ? { condition: st.Condition } : {}),
      });
    });
  }
  const view: PolicyDocumentView = { text, root, value, statements, ...(statementPointer ? { statementPointer } : {}), lines: lineIndex(text) };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    try {
      view.policy = parsePolicy(value, { id: 'validated-policy', type });
      const byPointer = new Map(view.policy.statements.map((st) => [st.pointer, st]));
      for (const sv of statements) {
        const ast = byPointer.get(sv.pointer);
        if (ast) sv.ast = ast;
      }
    } catch (err) {
      view.modelError = err instanceof Error ? err.message : String(err);
    }
  }
  return { view, syntaxErrors: [] };
}

/** Line and column (1-based) of one offset (one-shot; use a `LineIndex` for many). */
export function positionOf(text: string, offset: number): Position {
  return lineIndex(text).position(offset);
}

/** The text span of the element at `pointer` (the nearest existing ancestor when it is absent). */
export function spanOf(view: PolicyDocumentView, pointer: string): { start: Position; end: Position } {
  const path = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let node: Node | undefined;
  for (let n = path.length; n >= 0 && !node; n--) node = n === 0 ? view.root : findNodeAtLocation(view.root, path.slice(0, n));
  const target = node ?? view.root;
  // A property's span starts at its key (as Access Analyzer points at `"Resource": ...`).
  const from = target.parent?.type === 'property' && target.parent.children?.[1] === target ? target.parent : target;
  return { start: view.lines.position(from.offset), end: view.lines.position(target.offset + target.length) };
}

/** Every object member of the tree with its pointer, duplicates included (for key checks). */
export function objectMembers(view: PolicyDocumentView): { keys: { key: string; pointer: string }[]; pointer: string }[] {
  const out: { keys: { key: string; pointer: string }[]; pointer: string }[] = [];
  const walk = (node: Node, pointer: string) => {
    if (node.type === 'object') {
      const keys = (node.children ?? []).map((prop) => {
        const key = String(prop.children?.[0]?.value);
        return { key, pointer: `${pointer}/${seg(key)}` };
      });
      out.push({ keys, pointer });
      for (const prop of node.children ?? []) if (prop.children?.[1]) walk(prop.children[1], `${pointer}/${seg(String(prop.children[0]?.value))}`);
    } else if (node.type === 'array') (node.children ?? []).forEach((c, i) => walk(c, `${pointer}/${i}`));
  };
  walk(view.root, '');
  return out;
}
