/**
 * Archive rules: named Access Analyzer filters. New findings matching one are archived on arrival
 * (by the lifecycle); `apply` archives existing ACTIVE findings retroactively (ApplyArchiveRule).
 */
import { matchesFilter, parseArchiveFilter, validateRuleName } from '../../findings/archive-filter.js';
import type { FilterJson } from '../../findings/archive-filter.js';
import type { ActiveArchiveRule, StatusEvent } from '../../findings/lifecycle.js';
import { CordonError, NotFoundError } from '../../model/errors.js';
import type { SqlDriver, SqlExecutor } from '../sql/driver.js';
import { chunks, placeholders } from '../sql/driver.js';
import type { Actor, ArchiveRule, ArchiveRuleInput, ArchiveRulesRepository } from '../types.js';
import { FINDING_COLUMNS, findingFromRow, writeEvents } from './finding-rows.js';
import type { FindingRow } from './finding-rows.js';

/** Creating a rule whose name is taken. */
export class ConflictError extends CordonError {
  constructor(message: string) {
    super('conflict', message);
  }
}

interface RuleRow {
  name: string;
  filter: string;
  description: string | null;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

function ruleFromRow(row: RuleRow): ArchiveRule {
  const rule: ArchiveRule = { id: row.name, name: row.name, filter: JSON.parse(row.filter) as FilterJson, createdAt: row.created_at, updatedAt: row.updated_at };
  if (row.description !== null) rule.description = row.description;
  if (row.created_by !== null) rule.createdBy = row.created_by;
  return rule;
}

/** Every stored rule, parsed, in name order (the lifecycle's archive-on-arrival input). */
export async function loadActiveRules(db: SqlExecutor): Promise<ActiveArchiveRule[]> {
  const rows = await db.all<RuleRow>('SELECT * FROM archive_rules ORDER BY name');
  return rows.map((r) => ({ name: r.name, filter: parseArchiveFilter(JSON.parse(r.filter) as unknown) }));
}

const LOCK = { lock: 'findings' };

/** The archive-rules repository over a SQL driver. */
export function archiveRulesRepository(db: SqlDriver): ArchiveRulesRepository {
  const get = async (name: string) => {
    const row = await db.get<RuleRow>('SELECT * FROM archive_rules WHERE name = ?', [name]);
    return row ? ruleFromRow(row) : undefined;
  };
  return {
    async create(input: ArchiveRuleInput, by: Actor, now = new Date().toISOString()): Promise<ArchiveRule> {
      validateRuleName(input.name);
      const filter = parseArchiveFilter(input.filter);
      const inserted = await db.run(
        'INSERT INTO archive_rules (name, filter, description, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
        [input.name, JSON.stringify(filter.json), input.description ?? null, now, now, by.actor],
      );
      if (inserted === 0) throw new ConflictError(`archive rule \`${input.name}\` already exists`);
      return (await get(input.name))!;
    },

    async update(name: string, input: Omit<ArchiveRuleInput, 'name'>, _by: Actor, now = new Date().toISOString()): Promise<ArchiveRule> {
      const filter = parseArchiveFilter(input.filter);
      const changed = await db.run('UPDATE archive_rules SET filter = ?, description = ?, updated_at = ? WHERE name = ?', [JSON.stringify(filter.json), input.description ?? null, now, name]);
      if (changed === 0) throw new NotFoundError('archive rule', name);
      return (await get(name))!;
    },

    async list(): Promise<ArchiveRule[]> {
      return (await db.all<RuleRow>('SELECT * FROM archive_rules ORDER BY name')).map(ruleFromRow);
    },

    get,

    async delete(name: string): Promise<void> {
      const changed = await db.run('DELETE FROM archive_rules WHERE name = ?', [name]);
      if (changed === 0) throw new NotFoundError('archive rule', name);
    },

    async apply(name: string, by: Actor, now = new Date().toISOString()): Promise<{ archived: string[] }> {
      return db.transaction(async (tx) => {
        const row = await tx.get<RuleRow>('SELECT * FROM archive_rules WHERE name = ?', [name]);
        if (!row) throw new NotFoundError('archive rule', name);
        const filter = parseArchiveFilter(JSON.parse(row.filter) as unknown);
        const active = await tx.all<FindingRow>(`SELECT ${FINDING_COLUMNS} FROM findings WHERE status = 'ACTIVE' ORDER BY id`);
        const archived = active.map(findingFromRow).filter((f) => matchesFilter(filter, f)).map((f) => f.id);
        for (const part of chunks(archived, 900)) {
          await tx.run(`UPDATE findings SET status = 'ARCHIVED', updated_at = ? WHERE id IN ${placeholders(part.length)}`, [now, ...part]);
        }
        const events: StatusEvent[] = archived.map((id) => ({ findingId: id, at: now, change: 'archived', from: 'ACTIVE', to: 'ARCHIVED', by: 'rule', ruleName: name, actor: by.actor }));
        await writeEvents(tx, events);
        return { archived };
      }, LOCK);
    },
  };
}
