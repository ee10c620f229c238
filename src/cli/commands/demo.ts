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
import { runDemo } from '../../sandbox/demo/run-demo.js';

export const demoCommand: CommandModule = {
  register(program: Command) {
    program
      .command('demo')
      .description('run the whole product end to end on a local sandbox (no AWS account needed)')
      .option('--keep', 'keep the sandbox running after the demo')
      .option('--port <port>', 'loopback port for the sandbox')
      .option('--out <dir>', 'where the demo writes its store, CloudTrail history, reports and HTML report')
      .addHelpText('after', '\nExamples:\n  $ cordon demo\n  $ cordon demo --keep --port 5000 --out ./demo-output\n')
      .action(
        action(async (flags: { keep?: boolean; port?: string; out?: string }) => {
          const port = flags.port === undefined ? undefined : Number(flags.port);
          if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new UsageError(`--port must be 1-65535, got \`${flags.port}\``);
          const stamp = new Date().toISOString().replace(/[:.]/g, '-');
          const outDir = flags.out ?? join('.cordon', 'demo', stamp);
          const started = Date.now();
          const say = (line: string) => process.stdout.write(`${line}\n`);
          say('Cordon demo: the Acme account in a local AWS sandbox\n');
          const summary = await runDemo({ port, outDir, keep: flags.keep, say: (l) => say(`  ${l}`) });
          const active = summary.findings.filter((f) => f.status === 'ACTIVE');
          const byType = [...new Set(summary.findings.map((f) => f.type))].sort().map((t) => `${t} ${summary.findings.filter((f) => f.type === t).length}`);
          say('\nWhat Cordon found:');
          say(`  findings: ${summary.findings.length} (${active.length} active, ${summary.archived} archived by rule) — ${byType.join(', ')}`);
          say(`  by severity: ${SEVERITIES.map((s) => `${s} ${active.filter((f) => f.severity === s).length}`).join(', ')}`);
          for (const f of summary.findings.filter((x) => x.type === 'PrivilegeEscalation')) say(`  escalation: ${f.title}`);
          for (const f of summary.findings.filter((x) => x.type === 'ExternalAccess' || x.type === 'PublicAccess')) say(`  ${f.status === 'ARCHIVED' ? '(archived) ' : ''}exposure: ${f.title}`);
          say(`  alerts: ${summary.alerts.length} from ${new Set(summary.alerts.map((a) => a.ruleId)).size} rules (${[...new Set(summary.alerts.map((a) => a.ruleId))].sort().slice(0, 8).join(', ')}${summary.alerts.length > 8 ? ', …' : ''})`);
          if (summary.containment) say(`  containment of carol: verified ${summary.containment.verified}, released ${summary.containment.released}; report ${summary.containment.report}`);
          for (const s of summary.skipped) say(`  skipped: ${s}`);
          say(`\nHTML report: ${summary.reportPath}`);
          say(`Store: ${join(outDir, 'cordon.db')} (try: cordon findings list --db ${join(outDir, 'cordon.db')})`);
          say(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
          return 0 as const;
        }),
      );
  },
};
