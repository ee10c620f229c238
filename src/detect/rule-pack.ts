/**
 * User rule packs (`--rules DIR`): JSON files holding one rule, an array of rules, or
 * `{"rules": [...]}`. Validated here (pure); patterns are compiled so a bad one is reported with
 * its file and the pointer/column of the bad part. User rules are pattern-only (no check hooks).
 */
import { InputError } from '../model/errors.js';
import { SEVERITIES, type Severity } from '../model/finding.js';
import { PatternError } from './errors.js';
import { compileRule } from './rule-set.js';
import type { DetectionRule } from './rule-types.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ID = /^[a-z0-9][a-z0-9.\-_]*$/;

/** Parses one rule-pack document; `file` labels errors. */
export function parseRulePack(doc: unknown, file: string): DetectionRule[] {
  const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.rules) ? doc.rules : [doc];
  const base = Array.isArray(doc) ? '' : isObject(doc) && Array.isArray(doc.rules) ? '/rules' : null;
  return list.map((raw, i) => parseRule(raw, file, base === null ? '' : `${base}/${i}`));
}

function parseRule(raw: unknown, file: string, pointer: string): DetectionRule {
  const bad = (message: string, at = ''): never => {
    throw new InputError(message, { file, pointer: `${pointer}${at}` || '/' });
  };
  if (!isObject(raw)) bad('a rule must be a JSON object');
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || !ID.test(r.id)) bad('`id` must be lowercase letters, digits, `.`, `-` or `_`', '/id');
  if (typeof r.title !== 'string' || r.title === '') bad('`title` is required', '/title');
  const severity = typeof r.severity === 'string' ? r.severity.toUpperCase() : '';
  if (!(SEVERITIES as readonly string[]).includes(severity)) bad(`\`severity\` must be one of ${SEVERITIES.join(', ')}`, '/severity');
  const p = r.pattern;
  if (!isObject(p) || (('eventbridge' in p) === ('metricFilter' in p))) bad('`pattern` must be {"eventbridge": {...}} or {"metricFilter": "{ ... }"}', '/pattern');
  const pattern = p as Record<string, unknown>;
  if ('metricFilter' in pattern && typeof pattern.metricFilter !== 'string') bad('`metricFilter` must be a string', '/pattern/metricFilter');
  if ('eventbridge' in pattern && !isObject(pattern.eventbridge)) bad('`eventbridge` must be an object', '/pattern/eventbridge');
  const rule: DetectionRule = {
    id: r.id as string,
    title: r.title as string,
    severity: severity as Severity,
    pattern: 'eventbridge' in pattern ? { eventbridge: pattern.eventbridge as Record<string, unknown> } : { metricFilter: pattern.metricFilter as string },
    rationale: typeof r.rationale === 'string' ? r.rationale : '',
    references: Array.isArray(r.references) ? r.references.map(String) : [],
  };
  try {
    compileRule(rule);
  } catch (err) {
    if (err instanceof PatternError) {
      const where = err.location.pointer ? `/pattern/eventbridge${err.location.pointer === '/' ? '' : err.location.pointer}` : '/pattern/metricFilter';
      throw new InputError(err.message, { file, pointer: `${pointer}${where}`, column: err.location.column });
    }
    throw err;
  }
  return rule;
}
