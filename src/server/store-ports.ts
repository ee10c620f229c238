/**
 * Adapts the store (`CordonStore`, src/store) to the server's ports. Kept apart from the routes
 * so the HTTP layer does not depend on the store's exact shapes.
 */
import type { CordonStore } from '../store/index.js';
import type { ServerPorts } from './ports.js';

/** The store-backed ports; action ports (remediation, containment, simulate, scan runner) are added by `wiring.ts`. */
export function storePorts(store: CordonStore): ServerPorts {
  return {
    findings: {
      list: (q) =>
        store.findings.list({
          ...(q.status ? { status: q.status } : {}),
          ...(q.type ? { type: q.type } : {}),
          ...(q.severity ? { severity: q.severity } : {}),
          ...(q.accountId ? { accountId: q.accountId } : {}),
          limit: q.limit,
          ...(q.cursor ? { cursor: q.cursor } : {}),
        }),
      get: (id) => store.findings.get(id),
      archive: (id, by) => store.findings.archive(id, by),
      unarchive: (id, by) => store.findings.unarchive(id, by),
      history: (id) => store.findings.history(id),
    },
    scans: {
      list: (limit, cursor) => store.scans.list({ limit, ...(cursor ? { cursor } : {}) }),
      get: (id) => store.scans.get(id),
    },
    rules: {
      list: () => store.archiveRules.list(),
      get: (id) => store.archiveRules.get(id),
      create: (input, by) => store.archiveRules.create(input, by),
      update: (id, input, by) => store.archiveRules.update(id, { filter: input.filter, ...(input.description !== undefined ? { description: input.description } : {}) }, by),
      remove: (id, by) => store.archiveRules.delete(id, by),
      apply: (id, by) => store.archiveRules.apply(id, by),
    },
    alerts: {
      list: (q) =>
        store.alerts.list({
          ...(q.severity ? { severity: q.severity } : {}),
          ...(q.ruleId ? { ruleId: q.ruleId } : {}),
          ...(q.accountId ? { accountId: q.accountId } : {}),
          ...(q.actor ? { actor: q.actor } : {}),
          limit: q.limit,
          ...(q.cursor ? { cursor: q.cursor } : {}),
        }),
      get: (id) => store.alerts.get(id),
    },
    tokens: {
      create: (input) => store.tokens.create(input),
      findByHash: (hash) => store.tokens.findByHash(hash),
      list: () => store.tokens.list(),
      revoke: (id) => store.tokens.revoke(id),
      touch: (id, now) => store.tokens.touch(id, now),
    },
  };
}
