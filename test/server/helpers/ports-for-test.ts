/**
 * Server ports over a real, temporary SQLite store seeded through the store API with the fixture
 * findings (one scan) and alert. `withActions` adds recording fakes for remediation, containment
 * and simulation (their real modules have their own tests); the scan runner records an empty
 * scan of the given inputs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type CordonStore } from '../../../src/store/index.js';
import type { ServerPorts } from '../../../src/server/ports.js';
import { storePorts } from '../../../src/server/store-ports.js';
import { ALERT, ESCALATION, EXTERNAL, RISKY } from './fixtures.js';

/** Ports plus the store behind them and a cleanup. */
export interface TestPorts {
  ports: ServerPorts;
  store: CordonStore;
  close(): Promise<void>;
}

const NOW = '2026-01-01T00:00:00.000Z';

/** A temporary SQLite store holding the fixtures. */
export async function seededStore(): Promise<{ store: CordonStore; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-server-'));
  const store = await openStore(join(dir, 'cordon.db'));
  await store.scans.record({ scope: 'account:111122223333', findings: [ESCALATION, EXTERNAL, RISKY], now: NOW, actor: 'test' });
  await store.alerts.insert([structuredClone(ALERT)], { now: NOW });
  return { store, dir };
}

/** Fresh store-backed ports for one test file. */
export async function serverPortsForTest(options: { withActions?: boolean } = {}): Promise<TestPorts> {
  const { store, dir } = await seededStore();
  const base = storePorts(store);
  base.scans.start = async (req) => {
    const result = await store.scans.record({ scope: 'test', inputs: { snapshot: req.snapshot ?? [] }, findings: [], now: NOW, actor: req.actor });
    return (await store.scans.get(result.scanId))!;
  };
  const close = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  if (!options.withActions) return { ports: base, store, close };
  return {
    store,
    close,
    ports: {
      ...base,
      remediation: {
        plan: async (findingId) => ({ findingId, steps: [], cli: `aws iam put-role-policy --role-name x --policy-name ${findingId}` }),
        apply: async (findingId) => ({ findingId, applied: true }),
        rollback: async (findingId) => ({ findingId, rolledBack: true }),
        cliForAlerts: async (ids) => ({ alertIdVsCliScript: Object.fromEntries(ids.map((id) => [id, `aws iam detach ${id}`])), cliDescription: 'commands' }),
      },
      containment: {
        contain: async (req) => ({ dryRun: !req.apply, principal: req.name, steps: [] }),
        release: async (req) => ({ dryRun: !req.apply, report: { key: req.report, status: req.apply ? 'released' : 'contained', release: { steps: [{ description: 'delete the deny policy', status: req.apply ? 'done' : 'pending' }], unrestorable: ['login profile password'] } } }),
        reports: async () => [{ key: '2026/01/01/10/00/exec1.json', executionId: 'exec1', target: { type: 'iam-user', name: 'mallory' }, status: 'contained', startedAt: '2026-01-01T10:00:00Z', updatedAt: '2026-01-01T10:00:05Z', verified: true }],
      },
      simulate: { simulate: async () => ({ decision: 'Allowed', explanation: [] }) },
    },
  };
}
