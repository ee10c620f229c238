/**
 * `cordon demo`: the whole product on one laptop, against a local AWS sandbox (moto_server), no
 * AWS account needed. Prints each step and a summary of what was really found.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { UsageError } from '../../model/errors.js';
import { SEVERITIES } from '../../model/finding.js';
import { generalisedText, runDemo, type DemoSummary } from '../../sandbox/demo/run-demo.js';
import { issueToken } from '../../server/auth.js';
import { startServer } from '../../server/http-server.js';
import { storePorts } from '../../server/store-ports.js';
import { productionPorts } from '../../server/wiring.js';
import { openStore } from '../../store/index.js';

export const demoCommand: CommandModule = {
  register(program: Command) {
    program
      .command('demo')
      .description('run the whole product end to end on a local sandbox (no AWS account needed)')
      .option('--keep', 'keep the sandbox running after the demo')
      .option('--port <port>', 'loopback port for the sandbox')
      .option('--out <dir>', 'where the demo writes its store, CloudTrail history, reports and HTML report')
      .option('--serve [port]', 'afterwards, keep the API and web UI running on the demo data (default port 8080; Ctrl-C stops)')
      .addHelpText('after', '\nExamples:\n  $ cordon demo\n  $ cordon demo --keep --port 5000 --out ./demo-output\n  $ cordon demo --serve 8080          # then open the printed URL and paste the printed token\n')
      .action(
        action(async (flags: { keep?: boolean; port?: string; out?: string; serve?: boolean | string }) => {
          const port = flags.port === undefined ? undefined : Number(flags.port);
          if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new UsageError(`--port must be 1-65535, got \`${flags.port}\``);
          const servePort = flags.serve === undefined ? undefined : flags.serve === true ? 8080 : Number(flags.serve);
          if (servePort !== undefined && (!Number.isInteger(servePort) || servePort < 0 || servePort > 65535)) throw new UsageError(`--serve port must be 0-65535, got \`${String(flags.serve)}\``);
          const stamp = new Date().toISOString().replace(/[:.]/g, '-');
          const outDir = flags.out ?? join('.cordon', 'demo', stamp);
          // --serve: refuse a taken port before spending half a minute on the demo.
          if (servePort) await assertPortFree(servePort);
          const started = Date.now();
          const say = (line: string) => process.stdout.write(`${line}\n`);
          say('Cordon demo: the Acme account in a local AWS sandbox\n');
          const summary = await runDemo({ port, outDir, keep: flags.keep || servePort !== undefined, say: (l) => say(`  ${l}`) });
          const active = summary.findings.filter((f) => f.status === 'ACTIVE');
          // Headline counts are ACTIVE findings; the statuses add up to the total.
          const byType = [...new Set(active.map((f) => f.type))].sort().map((t) => `${t} ${active.filter((f) => f.type === t).length}`);
          const count = (status: string) => summary.findings.filter((f) => f.status === status).length;
          say('\nWhat Cordon found:');
          say(`  findings: ${summary.findings.length} = ${active.length} active + ${count('ARCHIVED')} archived (by rule) + ${count('RESOLVED')} resolved (remediated)`);
          say(`  active by type: ${byType.join(', ')}`);
          say(`  by severity: ${SEVERITIES.map((s) => `${s} ${active.filter((f) => f.severity === s).length}`).join(', ')}`);
          for (const f of summary.findings.filter((x) => x.type === 'PrivilegeEscalation')) say(`  escalation: ${f.title}`);
          for (const f of summary.findings.filter((x) => x.type === 'ExternalAccess' || x.type === 'PublicAccess')) say(`  ${f.status === 'ACTIVE' ? '' : `(${f.status.toLowerCase()}) `}exposure: ${f.title}`);
          const alertRuleIds = [...new Set(summary.alerts.flatMap((a) => a.rules.map((r) => r.id)))].sort();
          say(`  alerts: ${summary.alerts.length} (one per event, ${summary.alerts.reduce((n, a) => n + a.rules.length, 0)} rule matches) from ${alertRuleIds.length} rules (${alertRuleIds.slice(0, 8).join(', ')}${alertRuleIds.length > 8 ? ', …' : ''})`);
          if (summary.rightSizing) say(`  least privilege: build-runner used ${summary.rightSizing.usedActions.length} actions (${summary.rightSizing.usedActions.join(', ')}); generated policy allows ${summary.rightSizing.proof.allowed}/${summary.rightSizing.proof.checked} observed calls → ${summary.rightSizing.policyFile}; ${generalisedText(summary.rightSizing)}`);
          if (summary.remediation) say(`  remediation: ${summary.remediation.summary} → finding ${summary.remediation.status} after re-scan`);
          if (summary.containment) say(`  containment of carol: verified ${summary.containment.verified}, released ${summary.containment.released}; report ${summary.containment.report}`);
          for (const s of summary.skipped) say(`  skipped: ${s}`);
          say(`\nHTML report: ${summary.reportPath}`);
          say(`Store: ${join(outDir, 'cordon.db')} (try: cordon findings list --db ${join(outDir, 'cordon.db')})`);
          say(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
          if (servePort !== undefined) await serveDemo(summary, servePort, say);
          return 0 as const;
        }),
      );
  },
};

/**
 * Serves the demo's store with the API and UI, wired to the still-running sandbox (so containment
 * and remediation from the UI act on it), with a fresh admin token printed once. Runs until
 * SIGINT/SIGTERM, then stops the server, the store and the sandbox.
 */
async function serveDemo(summary: DemoSummary, port: number, say: (line: string) => void): Promise<void> {
  const store = await openStore(summary.storePath);
  const aws = { endpointUrl: summary.endpoint, region: summary.region };
  try {
    const { token } = await issueToken(storePorts(store).tokens, 'demo', 'admin');
    const server = await startServer({ ports: productionPorts(store, { aws, reportDir: summary.reportDir }), host: '127.0.0.1', port, log: () => {} });
    say(`\nServing the demo data at ${server.url}/ (admin token, shown once: ${token})`);
    say('Press Ctrl-C to stop the server and the sandbox.');
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void server.close().then(done, done);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  } finally {
    await store.close();
    await summary.stopSandbox?.();
  }
}

/** Fails with the fix when `port` is taken on 127.0.0.1. */
async function assertPortFree(port: number): Promise<void> {
  const { createServer } = await import('node:net');
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new UsageError(`port ${port} is already in use: pick another with \`--serve PORT\``)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
