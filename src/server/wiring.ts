/**
 * Composes the server's ports from the real modules: the store, the engine (simulate), plus the
 * action modules that are part of this build. A module not wired here answers 501
 * `not_implemented`.
 */
import type { CordonStore } from '../store/index.js';
import type { ServerPorts } from './ports.js';
import { engineSimulatePort } from './simulate-port.js';
import { storePorts } from './store-ports.js';

/** Options that reach the action modules. */
export interface WiringOptions {
  /** AWS settings for live scans, remediation and containment. */
  aws?: { profile?: string; region?: string; endpointUrl?: string };
}

/** The ports `cordon serve` runs with. */
export function productionPorts(store: CordonStore, _options: WiringOptions = {}): ServerPorts {
  return { ...storePorts(store), simulate: engineSimulatePort() };
}
