/**
 * A compiled rule set: every pattern compiled once, rules indexed by the eventName/eventSource
 * their pattern requires, so an event is tested only against rules that can match it. Produces
 * alerts in the schema of `model/alert.ts` with ids derived from ruleId + eventId.
 */
import type { RuleMatch } from '../model/alert.js';
import type { CloudTrailEvent } from '../model/cloudtrail.js';
import { hash } from 'node:crypto';
import { cloudTrailEnvelope } from './eventbridge/envelope.js';
import { compileEventPattern, eventPatternHints, type IndexHints } from './eventbridge/index.js';
import { PatternError } from './errors.js';
import { admitsAll, eventPatternGuards, filterGuards, type FieldGuard } from './dispatch.js';
import { compileFilter, filterHints, parseFilterPattern } from './metric-filter/index.js';
import type { DetectionRule, RuleContext } from './rule-types.js';

interface CompiledRule {
  rule: DetectionRule;
  order: number;
  /** EventBridge patterns see the envelope; metric filters see the record. */
  onEnvelope: boolean;
  matches: (subject: unknown) => boolean;
  hints: IndexHints;
  /** Necessary fields checked on the record before `matches` runs (dispatch.ts). */
  guards: FieldGuard[];
}

/** Compiles one rule; a bad pattern throws `PatternError` naming the rule. */
export function compileRule(rule: DetectionRule, order = 0): CompiledRule {
  try {
    if ('eventbridge' in rule.pattern) {
      const p = rule.pattern.eventbridge;
      return { rule, order, onEnvelope: true, matches: compileEventPattern(p), hints: eventPatternHints(p), guards: eventPatternGuards(p) };
    }
    const ast = parseFilterPattern(rule.pattern.metricFilter);
    return { rule, order, onEnvelope: false, matches: compileFilter(ast), hints: filterHints(ast), guards: filterGuards(ast) };
  } catch (err) {
    if (err instanceof PatternError) throw new PatternError(`rule \`${rule.id}\`: ${err.message}`, { ...err.location, file: err.location.file ?? rule.id });
    throw err;
  }
}

/** Derives the alert id (hex, stable): one alert per rule and event, however often it is read. */
export function alertId(ruleId: string, eventId: string): string {
  // Same value as findingId('alert', ruleId, eventId); the one-shot hash avoids a Hash object per alert.
  return hash('sha256', `alert\u0000${ruleId}\u0000${eventId}`, 'hex').slice(0, 32);
}

/** The fields every rule match carries: its rule, its event, who acted and where. */
export function ruleMatch(rule: Pick<DetectionRule, 'id' | 'severity'>, event: CloudTrailEvent, actor: string, accountId: string, summary: string): RuleMatch {
  return {
    id: alertId(rule.id, event.eventID),
    ruleId: rule.id,
    severity: rule.severity,
    eventId: event.eventID,
    eventTime: event.eventTime,
    eventName: event.eventName,
    eventSource: event.eventSource,
    accountId,
    region: event.awsRegion ?? '',
    actor,
    summary,
    event,
  };
}

/** Builds the alert for a rule that matched. */
export function buildAlert(rule: DetectionRule, event: CloudTrailEvent, detail?: string): RuleMatch {
  const who = event.userIdentity;
  const actor = who?.arn ?? who?.sessionContext?.sessionIssuer?.arn ?? (who?.type === 'AWSService' ? String(who.invokedBy ?? 'AWSService') : (who?.principalId ?? who?.type ?? 'unknown'));
  return ruleMatch(rule, event, actor, event.recipientAccountId ?? who?.accountId ?? '', `${rule.title}: ${event.eventName}${detail ? ` ${detail}` : ` by ${actor}`}`);
}

/** Compiled, indexed rules. */
export class RuleSet {
  readonly rules: readonly DetectionRule[];
  private readonly byName = new Map<string, CompiledRule[]>();
  private readonly bySource = new Map<string, CompiledRule[]>();
  private readonly always: CompiledRule[] = [];
  /** Candidates per eventName+eventSource, computed once (bounded: real trails have a few thousand pairs). */
  private readonly candidateCache = new Map<string, Map<string, CompiledRule[]>>();
  private cached = 0;

  constructor(rules: readonly DetectionRule[], private readonly ctx: RuleContext) {
    const ids = new Set<string>();
    for (const r of rules) {
      if (ids.has(r.id)) throw new PatternError(`duplicate rule id \`${r.id}\``, { file: r.id });
      ids.add(r.id);
    }
    this.rules = rules;
    rules.forEach((rule, i) => {
      const c = compileRule(rule, i);
      if (c.hints.eventNames) for (const n of c.hints.eventNames) push(this.byName, n, c);
      else if (c.hints.eventSources) for (const s of c.hints.eventSources) push(this.bySource, s, c);
      else this.always.push(c);
    });
  }

  /** Alerts of one event, in rule order. */
  evaluate(event: CloudTrailEvent): RuleMatch[] {
    const candidates = this.candidates(event.eventName, event.eventSource);
    if (candidates.length === 0) return [];
    let envelope: unknown;
    const out: RuleMatch[] = [];
    for (const c of candidates) {
      if (c.guards.length > 0 && !admitsAll(c.guards, event as unknown as Record<string, unknown>)) continue;
      const subject = c.onEnvelope ? (envelope ??= cloudTrailEnvelope(event)) : event;
      if (!c.matches(subject)) continue;
      let detail: string | undefined;
      if (c.rule.check) {
        const result = c.rule.check(event, this.ctx);
        if (result === false || result === undefined) continue;
        if (typeof result === 'string') detail = result;
      }
      out.push(buildAlert(c.rule, event, detail));
    }
    return out;
  }

  /** Rules whose index admits this eventName/eventSource, in rule order. */
  private candidates(eventName: string, eventSource: string): CompiledRule[] {
    // Two lookups with the event's own strings: no key string is built per event.
    let byName = this.candidateCache.get(eventSource);
    let list = byName?.get(eventName);
    if (!list) {
      const named = this.byName.get(eventName);
      const sourced = this.bySource.get(eventSource);
      list = named || sourced ? [...(named ?? []), ...(sourced ?? []), ...this.always].sort((a, b) => a.order - b.order) : this.always;
      if (this.cached < 100_000) {
        if (!byName) this.candidateCache.set(eventSource, (byName = new Map()));
        byName.set(eventName, list);
        this.cached++;
      }
    }
    return list;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
