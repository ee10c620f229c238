/**
 * Server ports seeded with the fixture findings and alert. `withActions` adds recording fakes for
 * remediation, containment and simulation (their real modules have their own tests).
 */
import type { ServerPorts } from '../../../src/server/ports.js';
import { ALERT, activeFindings } from './fixtures.js';
import { memoryPorts } from './memory-ports.js';

/** Fresh ports for one test file. */
export async function serverPortsForTest(options: { withActions?: boolean } = {}): Promise<ServerPorts> {
  const ports: ServerPorts = memoryPorts(activeFindings(), [structuredClone(ALERT)]);
  if (!options.withActions) return ports;
  return {
    ...ports,
    remediation: {
      plan: async (findingId) => ({ findingId, steps: [], cli: `aws iam put-role-policy --role-name x --policy-name ${findingId}` }),
      apply: async (findingId) => ({ findingId, applied: true }),
      rollback: async (findingId) => ({ findingId, rolledBack: true }),
      cliForAlerts: async (ids) => ({ alertIdVsCliScript: Object.fromEntries(ids.map((id) => [id, `aws iam detach ${id}`])), cliDescription: 'commands' }),
    },
    containment: {
      contain: async (req) => ({ dryRun: !req.apply, principal: req.name, steps: [] }),
      release: async (req) => ({ dryRun: !req.apply, report: req.report }),
      reports: async () => [],
    },
    simulate: { simulate: async () => ({ decision: 'Allowed', explanation: [] }) },
  };
}
