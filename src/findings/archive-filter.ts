/**
 * The archive-rule filter language of IAM Access Analyzer (CreateArchiveRule's `filter`: a map
 * from filter key to a Criterion with `eq`, `neq`, `contains` and `exists`), parsed once into a
 * typed filter and matched against findings in linear time. Keys are ANDed; the values of one
 * operator are ORed (`eq`, `contains`) or must all differ (`neq`); several operators on one key
 * are ANDed.
 */
import type { Finding } from '../model/finding.js';
import { CordonError } from '../model/errors.js';
import type { ErrorDetail } from '../model/errors.js';
import { filterKeyReader } from './filter-keys.js';
import type { KeyReader } from './filter-keys.js';

/** One Criterion as Access Analyzer's API documents it. */
export interface Criterion {
  eq?: string[];
  neq?: string[];
  contains?: string[];
  exists?: boolean;
}

/** A filter as the user writes it: `{"principal.AWS": {"eq": ["111122223333"]}}`. */
export type FilterJson = Record<string, Criterion>;

/** Operators, as data: name and what its value must be. */
export const FILTER_OPERATORS = ['eq', 'neq', 'contains', 'exists'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Access Analyzer's bounds on a Criterion's value list. */
const MIN_VALUES = 1;
const MAX_VALUES = 20;

/** A parsed filter: each clause pairs a key's reader with its criterion. */
export interface ArchiveFilter {
  /** The filter as given (normalised), to store and print back. */
  json: FilterJson;
  clauses: readonly { key: string; read: KeyReader; criterion: Criterion }[];
}

/** An archive-rule filter that is not valid; `details` name the bad key or operator with a pointer. */
export class InvalidFilterError extends CordonError {
  constructor(message: string, details: ErrorDetail[]) {
    super('invalid_filter', message, details);
  }
}

function pointerOf(...parts: string[]): string {
  return parts.map((p) => `/${p.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

function fail(message: string, pointer: string, file?: string): never {
  throw new InvalidFilterError(message, [{ message, pointer, ...(file ? { file } : {}) }]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseValues(value: unknown, key: string, op: string, file?: string): string[] {
  const at = pointerOf(key, op);
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(`\`${key}\`: \`${op}\` must be an array of strings`, at, file);
  const list = value as string[];
  if (list.length < MIN_VALUES || list.length > MAX_VALUES) fail(`\`${key}\`: \`${op}\` must have ${MIN_VALUES} to ${MAX_VALUES} values, got ${list.length}`, at, file);
  // isPublic is a Boolean key: accept "TRUE"/"False" as Access Analyzer's console does.
  return key === 'isPublic' ? list.map((v) => v.toLowerCase()) : list;
}

/**
 * Parses and validates a filter (an object, or JSON text). Throws `InvalidFilterError` naming the
 * unknown key, unknown operator or bad value, with a JSON pointer to it.
 */
export function parseArchiveFilter(input: unknown, file?: string): ArchiveFilter {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      fail(`filter is not valid JSON: ${(err as Error).message}`, '', file);
    }
  }
  if (!isRecord(value)) fail('filter must be a JSON object mapping filter keys to criteria', '', file);
  const keys = Object.keys(value).sort();
  if (keys.length === 0) fail('filter must have at least one key', '', file);
  const clauses: ArchiveFilter['clauses'][number][] = [];
  const json: FilterJson = {};
  for (const key of keys) {
    const read = filterKeyReader(key);
    if (!read) fail(`unknown filter key \`${key}\``, pointerOf(key), file);
    const raw = value[key];
    if (!isRecord(raw)) fail(`\`${key}\`: criterion must be an object with eq, neq, contains or exists`, pointerOf(key), file);
    const criterion: Criterion = {};
    for (const op of Object.keys(raw)) {
      if (!(FILTER_OPERATORS as readonly string[]).includes(op)) fail(`\`${key}\`: unknown operator \`${op}\` (expected eq, neq, contains or exists)`, pointerOf(key, op), file);
      if (op === 'exists') {
        if (typeof raw[op] !== 'boolean') fail(`\`${key}\`: \`exists\` must be true or false`, pointerOf(key, op), file);
        criterion.exists = raw[op] as boolean;
      } else {
        criterion[op as 'eq' | 'neq' | 'contains'] = parseValues(raw[op], key, op, file);
      }
    }
    if (Object.keys(criterion).length === 0) fail(`\`${key}\`: criterion needs at least one operator`, pointerOf(key), file);
    json[key] = criterion;
    clauses.push({ key, read, criterion });
  }
  return { json, clauses };
}

/** Does one criterion hold for the values a finding has (`undefined`: key absent)? */
export function criterionMatches(criterion: Criterion, values: readonly string[] | undefined): boolean {
  const present = values !== undefined && values.length > 0;
  if (criterion.exists !== undefined && criterion.exists !== present) return false;
  if (criterion.eq && !(present && values.some((v) => criterion.eq!.includes(v)))) return false;
  // An absent key equals nothing, so every `neq` holds for it.
  if (criterion.neq && present && values.some((v) => criterion.neq!.includes(v))) return false;
  if (criterion.contains && !(present && values.some((v) => criterion.contains!.some((s) => v.includes(s))))) return false;
  return true;
}

/** True when the finding satisfies every clause of the filter. */
export function matchesFilter(filter: ArchiveFilter, finding: Finding): boolean {
  return filter.clauses.every((c) => criterionMatches(c.criterion, c.read(finding)));
}

/** Access Analyzer's archive-rule name rule: 1-255 chars, a letter then letters, digits, `_ . -`. */
export function validateRuleName(name: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/.test(name)) {
    throw new InvalidFilterError(`invalid archive rule name \`${name}\`: a letter, then up to 254 letters, digits, \`_\`, \`.\` or \`-\``, [{ message: 'invalid rule name' }]);
  }
}
