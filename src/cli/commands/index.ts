/**
 * Every CLI command, listed explicitly as `{name, load}`. A command's module (and the AWS SDK
 * clients it pulls in) is imported only when that command runs, so `cordon simulate` does not pay
 * for the SDK; `cordon --help` loads them all. Add a command by writing one file in this folder
 * and adding a line here; the order is the order of `cordon --help`.
 */
import type { CommandModule } from '../command-module.js';

export interface CommandEntry {
  /** The top-level word, as typed after `cordon`. */
  readonly name: string;
  readonly load: () => Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'demo', load: async () => (await import('./demo.js')).demoCommand },
  { name: 'collect', load: async () => (await import('./collect.js')).collectCommand },
  { name: 'scan', load: async () => (await import('./scan.js')).scanCommand },
  { name: 'findings', load: async () => (await import('./findings.js')).findingsCommand },
  { name: 'scans', load: async () => (await import('./scans.js')).scansCommand },
  { name: 'archive-rules', load: async () => (await import('./archive-rules.js')).archiveRulesCommand },
  { name: 'serve', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'tokens', load: async () => (await import('./tokens.js')).tokensCommand },
  { name: 'detect', load: async () => (await import('./detect.js')).detectCommand },
  { name: 'watch', load: async () => (await import('./watch.js')).watchCommand },
  { name: 'validate', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'check', load: async () => (await import('./check.js')).checkCommand },
  { name: 'generate-policy', load: async () => (await import('./generate-policy.js')).generatePolicyCommand },
  { name: 'simulate', load: async () => (await import('./simulate.js')).simulateCommand },
  { name: 'remediate', load: async () => (await import('./remediate.js')).remediateCommand },
  { name: 'contain', load: async () => (await import('./contain.js')).containCommand },
  { name: 'release', load: async () => (await import('./release.js')).releaseCommand },
];
