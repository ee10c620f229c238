/**
 * The rules of `detect` and `watch` from their flags: the built-in packs (opt-in catch-alls only
 * with `--include-info`), `--rules DIR` packs, the zone of trust, and the `--min-severity` floor.
 * Plain data in, so a detect worker thread builds the very same rule set from the same flags.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ruleContext } from '../../detect/context.js';
import { DEFAULT_MIN_SEVERITY } from '../../detect/group-matches.js';
import { parseRulePack } from '../../detect/rule-pack.js';
import { RuleSet } from '../../detect/rule-set.js';
import type { DetectionRule } from '../../detect/rule-types.js';
import { OPT_IN_RULE_IDS } from '../../detect/rules/iam.js';
import { BUILTIN_RULES } from '../../detect/rules/index.js';
import { InputError, UsageError } from '../../model/errors.js';
import { SEVERITIES, type Severity } from '../../model/finding.js';
import { info } from '../output.js';

/** The rule flags (structured-cloneable: workers receive them as they are). */
export interface RuleFlags {
  rules?: string[];
  builtinRules?: boolean;
  trustedAccounts?: string;
  orgId?: string;
  minSeverity?: string;
  includeInfo?: boolean;
}

/** Loads the built-in rules (opt-in catch-alls only with `--include-info`) and every `.json` rule file of the `--rules` directories (sorted). */
export async function loadRules(flags: RuleFlags): Promise<DetectionRule[]> {
  const rules: DetectionRule[] = flags.builtinRules === false ? [] : BUILTIN_RULES.filter((r) => flags.includeInfo || !OPT_IN_RULE_IDS.has(r.id));
  for (const dir of flags.rules ?? []) {
    const names = (await readdir(dir).catch((err: Error) => {
      throw new InputError(`cannot read rules directory \`${dir}\`: ${err.message}`, { file: dir });
    })).filter((n) => n.endsWith('.json')).sort();
    for (const name of names) {
      const file = join(dir, name);
      let doc: unknown;
      try {
        doc = JSON.parse(await readFile(file, 'utf8'));
      } catch (err) {
        throw new InputError(`rule file is not JSON: ${(err as Error).message}`, { file });
      }
      rules.push(...parseRulePack(doc, file));
    }
  }
  if (rules.length === 0) throw new UsageError('no rules: drop --no-builtin-rules or give --rules DIR');
  return rules;
}

/** Compiles the rule set with the zone-of-trust flags. */
export async function buildRuleSet(flags: RuleFlags): Promise<RuleSet> {
  const trusted = (flags.trustedAccounts ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return new RuleSet(await loadRules(flags), ruleContext({ trustedAccounts: trusted, orgId: flags.orgId }));
}

/** `--min-severity`: LOW unless given; INFO when `--include-info` asks for the catch-all. */
export function minSeverityOf(flags: RuleFlags): Severity {
  const value = (flags.minSeverity ?? (flags.includeInfo ? 'INFO' : DEFAULT_MIN_SEVERITY)).toUpperCase() as Severity;
  if (!SEVERITIES.includes(value)) throw new UsageError(`--min-severity must be one of ${SEVERITIES.join('|')}, got \`${flags.minSeverity}\``);
  return value;
}

/** Says when loaded rules can never alert because they sit below the floor (e.g. a user pack's INFO rules). */
export function noteRulesBelowFloor(rules: RuleSet, floor: Severity, quiet?: boolean): void {
  const below = rules.rules.filter((r) => SEVERITIES.indexOf(r.severity) > SEVERITIES.indexOf(floor));
  if (below.length) info(`${below.length} rule(s) below --min-severity ${floor} never alert: ${below.slice(0, 5).map((r) => r.id).join(', ')}${below.length > 5 ? ', …' : ''}`, quiet);
}

