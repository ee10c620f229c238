/**
 * `cordon permissions`: Cordon's own least-privilege IAM policies, printed from the declarations
 * every AWS call is checked against (src/aws/permissions/declarations.ts).
 */
import type { Command } from 'commander';
import { PERMISSION_DECLARATIONS, ROLE_COMMANDS, type CordonRole } from '../../aws/permissions/declarations.js';
import { CORDON_ROLES, rolePolicy } from '../../aws/permissions/policy.js';
import { UsageError } from '../../model/errors.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';

const EXAMPLES = `
Examples:
  $ cordon permissions --role collector > collector-policy.json
  $ aws iam create-policy --policy-name CordonCollector --policy-document file://collector-policy.json
  $ cordon permissions --role responder --output table
`;

export const permissionsCommand: CommandModule = {
  register(program: Command) {
    program
      .command('permissions')
      .description("print Cordon's own least-privilege IAM policy for a deployment role (collector, watcher, responder)")
      .requiredOption('--role <role>', `one of ${CORDON_ROLES.join('|')}`)
      .addHelpText('after', EXAMPLES)
      .action(
        action((flags: { role: string }, cmd: Command) => {
          const opts = globalOptions(cmd);
          const format = outputFormat(opts, ['json', 'table'], 'json');
          if (!(CORDON_ROLES as string[]).includes(flags.role)) throw new UsageError(`--role must be one of ${CORDON_ROLES.join('|')}, got \`${flags.role}\``);
          const role = flags.role as CordonRole;
          if (format === 'json') {
            process.stdout.write(`${JSON.stringify(rolePolicy(role), null, 2)}\n`);
            return 0;
          }
          const commands = new Set<string>(ROLE_COMMANDS[role]);
          for (const d of PERMISSION_DECLARATIONS.filter((row) => commands.has(row.command))) {
            process.stdout.write(`${d.command} · ${d.step}: ${d.rationale}\n  ${d.actions.join(' ')}\n`);
          }
          return 0;
        }),
      );
  },
};
