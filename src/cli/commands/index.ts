/**
 * Every CLI command, listed explicitly as `{name, load}`. A command's module (and the AWS SDK
 * clients it pulls in) is imported only when that command runs, so `cordon simulate` does not pay
 * for the SDK; `cordon --help` loads none (it lists the summaries). Add a command by writing one file in this folder
 * and adding a line here; the order is the order of `cordon --help`.
 */
import type { CommandModule } from '../command-module.js';

export interface CommandEntry {
  /** The top-level word, as typed after `cordon`. */
  readonly name: string;
  /** One line for `cordon --help`; equals the module's own description (test/cli/program.test.ts). */
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'demo', summary: 'run the whole product end to end on a local sandbox (no AWS account needed)', load: async () => (await import('./demo.js')).demoCommand },
  { name: 'collect', summary: 'collect a live account or organization (IAM, SCPs/RCPs, resource policies) into a snapshot file through the AWS SDK', load: async () => (await import('./collect.js')).collectCommand },
  { name: 'scan', summary: 'analyze a snapshot: escalation paths, risky permissions, external/public access, unused access', load: async () => (await import('./scan.js')).scanCommand },
  { name: 'findings', summary: 'list, show, archive and import stored findings', load: async () => (await import('./findings.js')).findingsCommand },
  { name: 'scans', summary: 'list and show recorded scans', load: async () => (await import('./scans.js')).scansCommand },
  { name: 'archive-rules', summary: 'archive rules: Access Analyzer filters that archive matching findings', load: async () => (await import('./archive-rules.js')).archiveRulesCommand },
  { name: 'serve', summary: 'serve the HTTP API and the web UI (bearer tokens from `cordon tokens create`)', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'tokens', summary: 'API tokens for `cordon serve` (stored hashed; roles viewer|responder|admin)', load: async () => (await import('./tokens.js')).tokensCommand },
  { name: 'detect', summary: 'run detection rules (CIS, IAM changes, high-value) over CloudTrail files, directories or S3', load: async () => (await import('./detect.js')).detectCommand },
  { name: 'watch', summary: 'watch CloudTrail continuously (SQS with EventBridge or S3 notifications, or a directory) and send alerts', load: async () => (await import('./watch.js')).watchCommand },
  { name: 'timeline', summary: 'replay IAM and resource-policy changes from CloudTrail over a snapshot: when each escalation path or exposure appeared or was resolved, and by which event', load: async () => (await import('./timeline.js')).timelineCommand },
  { name: 'validate', summary: 'check an IAM policy file like Access Analyzer ValidatePolicy (ERROR, SECURITY_WARNING, WARNING, SUGGESTION with line numbers)', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'check', summary: 'custom policy checks for CI: no-new-access, access-not-granted, no-public-access (PASS/FAIL)', load: async () => (await import('./check.js')).checkCommand },
  { name: 'generate-policy', summary: 'generate a least-privilege policy from CloudTrail activity of one principal (proven with the engine)', load: async () => (await import('./generate-policy.js')).generatePolicyCommand },
  { name: 'activity', summary: 'where CloudTrail activity is read from: set up Athena over an organization trail', load: async () => (await import('./activity.js')).activityCommand },
  { name: 'simulate', summary: 'authorize one request with the engine and explain the decision', load: async () => (await import('./simulate.js')).simulateCommand },
  { name: 'remediate', summary: 'plan (default), apply or roll back the remediation of a finding: exact AWS CLI commands and the same change through the SDK', load: async () => (await import('./remediate.js')).remediateCommand },
  { name: 'contain', summary: 'contain a compromised IAM user, role or Identity Center user (dry-run unless --apply)', load: async () => (await import('./contain.js')).containCommand },
  { name: 'release', summary: 'undo a containment from its report (dry-run unless --apply)', load: async () => (await import('./release.js')).releaseCommand },
  { name: 'permissions', summary: "print Cordon's own least-privilege IAM policy for a deployment role (collector, watcher, responder)", load: async () => (await import('./permissions.js')).permissionsCommand },
];
