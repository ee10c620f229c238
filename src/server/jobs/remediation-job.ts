/**
 * Remediation (plan, apply, rollback) as a worker job: the proof before an apply collects the
 * account and compiles it with the engine, which is long CPU work, so under `cordon serve` it runs
 * in a job worker with the store opened through the worker's own connection and the AWS gateway
 * built there (AWS settings cross as plain data; credentials come from the default chain as usual).
 */
import { remediationService } from '../../actions/remediate/index.js';
import { createRemediationGateway } from '../../aws/remediation-gateway.js';
import type { AwsTarget } from '../../aws/client-config.js';
import { collectAccount } from '../../collect/live/collect-account.js';
import { openStore } from '../../store/index.js';
import { actionsRemediationPort } from '../remediation-port.js';

/** One remediation call. */
export interface RemediationJob {
  kind: 'remediation';
  op: 'plan' | 'apply' | 'rollback';
  findingId: string;
  strategy?: string;
  actor: string;
  /** The store as `--db` names it. */
  db: string;
  aws: AwsTarget;
}

/** Runs one remediation call against a store connection of its own. */
export async function runRemediationJob(job: RemediationJob): Promise<unknown> {
  const store = await openStore(job.db, { skipMigrations: true });
  try {
    const port = actionsRemediationPort(remediationService({ store, gateway: () => createRemediationGateway(job.aws), snapshot: () => collectAccount(job.aws), target: job.aws }));
    const strategy = job.strategy !== undefined ? { strategy: job.strategy } : {};
    if (job.op === 'plan') return await port.plan(job.findingId, strategy);
    if (job.op === 'apply') return await port.apply(job.findingId, { ...strategy, actor: job.actor });
    return await port.rollback(job.findingId, { actor: job.actor });
  } finally {
    await store.close();
  }
}
