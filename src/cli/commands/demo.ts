/**
 * `cordon demo`: the whole product on one laptop against the embedded sandbox.
 * Until the demo issue lands this prints the plan of the demo and exits 0.
 */
import type { Command } from 'commander';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';

const DEMO_PLAN = [
  'start the AWS sandbox (moto_server) on a free loopback port',
  'build a small organization in it: teams, roles, escalation paths, external trust, public bucket',
  'write a matching CloudTrail history, including an IAM backdoor event',
  'collect -> scan -> findings (with an archive rule applied)',
  'detect over the CloudTrail history',
  'generate a least-privilege policy for one role',
  'remediate the external-access finding, re-scan: RESOLVED',
  'contain and release a compromised user',
  'write an HTML report',
];

export const demoCommand: CommandModule = {
  register(program: Command) {
    program
      .command('demo')
      .description('run the whole product end to end on a local sandbox (no AWS account needed)')
      .option('--keep', 'keep the sandbox running after the demo')
      .option('--port <port>', 'loopback port for the sandbox')
      .addHelpText('after', '\nExamples:\n  $ cordon demo\n  $ cordon demo --keep --port 5000\n')
      .action(
        action(() => {
          process.stdout.write('Cordon demo (not yet implemented end to end; this is its plan):\n');
          DEMO_PLAN.forEach((step, i) => process.stdout.write(`  ${i + 1}. ${step}\n`));
          return 0;
        }),
      );
  },
};
