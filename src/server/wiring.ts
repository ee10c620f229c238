/**
 * Composes the server's ports from the real modules: the store, the engine (simulate), the
 * analyzers (scans) and the actions layer (containment, remediation). A module not wired here answers 501
 * `not_implemented`.
 */
import { loadSnapshotFiles } from '../collect/index.js';
import type { Snapshot } from '../model/snapshot/types.js';
import { directoryReportSink } from '../store/report-dir.js';
import { createContainmentGateway } from '../aws/containment-gateway.js';
import { createRemediationGateway } from '../aws/remediation-gateway.js';
import { remediationService } from '../actions/remediate/index.js';
import { collectAccount } from '../collect/live/collect-account.js';
import { actionsRemediationPort } from './remediation-port.js';
import type { AwsTarget } from '../aws/client-config.js';
import type { CordonStore } from '../store/index.js';
import { actionsContainmentPort } from './containment-port.js';
import type { ServerPorts } from './ports.js';
import { listReportKeys } from './report-listing.js';
import { scanRunner } from './scan-runner.js';
import { engineSimulatePort } from './simulate-port.js';
import { storePorts } from './store-ports.js';

/** Default directory of containment reports. */
export const DEFAULT_REPORT_DIR = './.cordon/reports';

/** Options that reach the action modules. */
export interface WiringOptions {
  /** AWS settings for live scans, remediation and containment. */
  aws?: AwsTarget;
  /** Where containment reports are written (default ./.cordon/reports). */
  reportDir?: string;
  /** Progress lines of long actions (the server log). */
  progress?: (line: string) => void;
}

/** The ports `cordon serve` runs with. */
export function productionPorts(store: CordonStore, options: WiringOptions = {}): ServerPorts {
  const reportDir = options.reportDir ?? DEFAULT_REPORT_DIR;
  const files = async (paths: string[]): Promise<Snapshot> => (await loadSnapshotFiles(paths)).snapshot;
  const ports = storePorts(store);
  const start = scanRunner(store, { files });
  return {
    ...ports,
    scans: { ...ports.scans, ...(start ? { start } : {}) },
    simulate: engineSimulatePort(files),
    // Remediation proves each change on a live collection of the account before applying it.
    remediation: actionsRemediationPort(remediationService({
      store,
      gateway: () => createRemediationGateway(options.aws ?? {}),
      snapshot: () => collectAccount(options.aws ?? {}),
      target: options.aws ?? {},
      ...(options.progress ? { log: options.progress } : {}),
    })),
    containment: actionsContainmentPort({
      gateway: () => createContainmentGateway(options.aws ?? {}),
      sink: directoryReportSink(reportDir),
      listKeys: () => listReportKeys(reportDir),
      ...(options.progress ? { progress: options.progress } : {}),
    }),
  };
}
