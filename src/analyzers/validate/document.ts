/**
 * The policy text as validation sees it, read by the model (`src/model/policy/source.ts`, the one
 * policy reader): the raw JSON value with source positions (grammar checks must see malformed
 * documents, duplicate keys included) and the model's AST under the same JSON pointers (semantic
 * checks read it and ask the engine). Validation has no parser of its own; this file only builds
 * per-statement views over what the model read.
 */
import { readConditionsLenient, readPolicySource, readStringsLenient, type ConditionClause, type LineIndex, type Located as ModelLocated, type Policy, type PolicySource, type PolicyType, type SourceObject, type Statement } from '../../model/policy/index.js';
import type { Position } from './types.js';
import { lineIndex } from './line-index.js';

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
  /** The element that names actions (`Action` or `NotAction`). */
  actionKey?: 'Action' | 'NotAction';
  /**
   * Its patterns as the model reads them: the AST's `action.patterns` when the document parses,
   * else the model's lenient reading of that element (values the model refuses left out).
   */
  actions: ModelLocated[];
  resourceKey?: 'Resource' | 'NotResource';
  /** The resource patterns, read like `actions`. */
  resources: ModelLocated[];
  principalKey?: 'Principal' | 'NotPrincipal';
  principal?: unknown;
  /** The raw `Condition` element (grammar checks: its shape as written). */
  condition?: unknown;
  /** The condition clauses as the model reads them (AST, else the lenient reading), in document order. */
  conditions: ConditionClause[];
  /** The model's AST of this statement, when the whole document parses. */
  ast?: Statement;
}

export interface PolicyDocumentView {
  text: string;
  /** The model's reading of the text (positions, objects as written, AST). */
  source: PolicySource;
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

/** Reads `text` through the model; returns the syntax errors instead when it is not JSON. */
export function readPolicyDocument(text: string, type: PolicyType = 'identity'): { view?: PolicyDocumentView; syntaxErrors: { offset: number; length: number; message: string }[] } {
  const { source, syntaxErrors } = readPolicySource(text, { id: 'validated-policy', type });
  if (!source) return { syntaxErrors };
  const value = source.value;
  const statements: StatementView[] = [];
  let statementPointer: string | undefined;
  if (value && typeof value === 'object' && !Array.isArray(value) && 'Statement' in value) {
    statementPointer = '/Statement';
    const raw = (value as Json).Statement;
    const items = Array.isArray(raw) ? raw.map((s, i) => ({ s, p: `/Statement/${i}` })) : [{ s: raw, p: '/Statement' }];
    const byPointer = new Map((source.policy?.statements ?? []).map((st) => [st.pointer, st]));
    items.forEach(({ s, p }, index) => {
      if (!s || typeof s !== 'object' || Array.isArray(s)) return;
      const st = s as Json;
      const actionKey = 'Action' in st ? 'Action' : 'NotAction' in st ? 'NotAction' : undefined;
      const resourceKey = 'Resource' in st ? 'Resource' : 'NotResource' in st ? 'NotResource' : undefined;
      const principalKey = 'Principal' in st ? 'Principal' : 'NotPrincipal' in st ? 'NotPrincipal' : undefined;
      const ast = byPointer.get(p);
      statements.push({
        index, pointer: p, raw: st, sid: st.Sid, effect: st.Effect,
        ...(actionKey ? { actionKey } : {}), actions: ast ? ast.action.patterns : actionKey ? readStringsLenient(st[actionKey], `${p}/${actionKey}`) : [],
        ...(resourceKey ? { resourceKey } : {}), resources: ast ? (ast.resource?.patterns ?? []) : resourceKey ? readStringsLenient(st[resourceKey], `${p}/${resourceKey}`) : [],
        ...(principalKey ? { principalKey, principal: st[principalKey] } : {}),
        ...('Condition' in st ? { condition: st.Condition } : {}),
        conditions: ast ? ast.conditions : readConditionsLenient(st.Condition, `${p}/Condition`),
        ...(ast ? { ast } : {}),
      });
    });
  }
  const view: PolicyDocumentView = {
    text, source, value, statements, ...(statementPointer ? { statementPointer } : {}), lines: source.lines,
    ...(source.policy ? { policy: source.policy } : {}), ...(source.modelError !== undefined ? { modelError: source.modelError } : {}),
  };
  return { view, syntaxErrors: [] };
}

/** Line and column (1-based) of one offset (one-shot; use a `LineIndex` for many). */
export function positionOf(text: string, offset: number): Position {
  return lineIndex(text).position(offset);
}

/** The text span of the element at `pointer` (the nearest existing ancestor when it is absent). */
export function spanOf(view: PolicyDocumentView, pointer: string): { start: Position; end: Position } {
  return view.source.span(pointer);
}

/** Every object member of the tree with its pointer, duplicates included (for key checks). */
export function objectMembers(view: PolicyDocumentView): SourceObject[] {
  return view.source.objects();
}
