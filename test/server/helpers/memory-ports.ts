/**
 * In-memory server ports for tests that do not need the real store (and a fallback while the
 * store is not wired). Paging uses the item index as the cursor.
 */
import { NotFoundError } from '../../../src/model/errors.js';
import type { Alert } from '../../../src/model/alert.js';
import type { Finding } from '../../../src/model/finding.js';
import type { ArchiveRuleRecord, Page, ServerPorts, TokenInfo } from '../../../src/server/ports.js';

function page<T>(all: T[], limit: number, cursor?: string): Page<T> {
  const start = cursor ? Number(cursor) : 0;
  const items = all.slice(start, start + limit);
  return start + limit < all.length ? { items, nextCursor: String(start + limit) } : { items };
}

/** Ports over plain arrays; `findings`/`alerts` are the seeded data (mutated by archive). */
export function memoryPorts(findings: Finding[] = [], alerts: Alert[] = []): ServerPorts & { tokenRows: Array<TokenInfo & { hash: string }> } {
  const tokenRows: Array<TokenInfo & { hash: string }> = [];
  const rules: ArchiveRuleRecord[] = [];
  const scans: Array<{ id: string } & Record<string, unknown>> = [];
  const setStatus = (id: string, status: Finding['status']) => {
    const f = findings.find((x) => x.id === id);
    if (!f) throw new NotFoundError('finding', id);
    f.status = status;
    return f;
  };
  return {
    tokenRows,
    findings: {
      list: async (q) =>
        page(
          findings.filter((f) => (!q.status || f.status === q.status) && (!q.type || f.type === q.type) && (!q.severity || f.severity === q.severity) && (!q.accountId || f.accountId === q.accountId)),
          q.limit,
          q.cursor,
        ),
      get: async (id) => findings.find((f) => f.id === id),
      archive: async (id) => setStatus(id, 'ARCHIVED'),
      unarchive: async (id) => setStatus(id, 'ACTIVE'),
    },
    scans: {
      list: async (limit, cursor) => page(scans, limit, cursor),
      get: async (id) => scans.find((s) => s.id === id),
      start: async (req) => {
        const scan = { id: `scan${scans.length + 1}`, inputs: req.snapshot ?? [], actor: req.actor };
        scans.push(scan);
        return scan;
      },
    },
    rules: {
      list: async () => rules,
      get: async (id) => rules.find((r) => r.id === id),
      create: async (input) => {
        const rule = { id: `rule${rules.length + 1}`, ...input };
        rules.push(rule);
        return rule;
      },
      update: async (id, input) => {
        const rule = rules.find((r) => r.id === id);
        if (!rule) throw new NotFoundError('archive rule', id);
        Object.assign(rule, input);
        return rule;
      },
      remove: async (id) => {
        const i = rules.findIndex((r) => r.id === id);
        if (i < 0) throw new NotFoundError('archive rule', id);
        rules.splice(i, 1);
      },
      apply: async (id) => {
        if (!rules.some((r) => r.id === id)) throw new NotFoundError('archive rule', id);
        return { archived: [] };
      },
    },
    alerts: {
      list: async (q) => page(alerts.filter((a) => (!q.severity || a.severity === q.severity) && (!q.ruleId || a.ruleId === q.ruleId)), q.limit, q.cursor),
      get: async (id) => alerts.find((a) => a.id === id),
    },
    tokens: {
      create: async ({ name, role, hash }) => {
        const row = { id: `tok${tokenRows.length + 1}`, name, role, hash, createdAt: new Date(0).toISOString() };
        tokenRows.push(row);
        const { hash: _h, ...info } = row;
        return info;
      },
      findByHash: async (hash) => tokenRows.find((t) => t.hash === hash && !t.revokedAt),
      list: async () => tokenRows.map(({ hash: _h, ...info }) => info),
      revoke: async (id) => {
        const row = tokenRows.find((t) => t.id === id);
        if (!row) throw new NotFoundError('token', id);
        row.revokedAt = new Date(0).toISOString();
      },
    },
  };
}
