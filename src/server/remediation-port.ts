/** The remediation port over the actions layer's remediation service (plans, apply, rollback, seed CLI). */
import type { RemediationService } from '../actions/remediate/index.js';
import { UsageError } from '../model/errors.js';
import type { RemediationPort } from './ports.js';

const strategyOf = (s: string | undefined) => {
  if (s === undefined || s === 'deny' || s === 'trim') return s ?? 'deny';
  throw new UsageError(`strategy must be deny|trim, got \`${s}\``);
};

export function actionsRemediationPort(service: RemediationService): RemediationPort {
  return {
    plan: (findingId, options) => service.plan(findingId, strategyOf(options.strategy)),
    async apply(findingId, options) {
      const { applied: stepsApplied, ...r } = await service.apply(findingId, { strategy: strategyOf(options.strategy), actor: options.actor });
      return { applied: true, stepsApplied, ...r };
    },
    async rollback(findingId, options) {
      const r = await service.rollback(findingId, { actor: options.actor });
      return { rolledBack: true, ...r };
    },
    cliForAlerts: (ids) => service.cliForAlerts(ids),
  };
}
