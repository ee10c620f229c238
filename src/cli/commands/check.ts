/**
 * `cordon check no-new-access | access-not-granted | no-public-access`: custom policy checks for
 * CI pipelines with Access Analyzer's semantics. Prints PASS or FAIL with the reasons (statement
 * index and Sid); exit 0 PASS, 1 FAIL, 2 unreadable or malformed input.
 */
import type { Command } from 'commander';
import { checkAccessNotGranted, checkNoNewAccess, checkNoPublicAccess, type CustomCheckOutcome } from '../../analyzers/checks/index.js';
import { loadCatalog } from '../../catalog/index.js';
import { UsageError } from '../../model/errors.js';
import { parsePolicy } from '../../model/policy/index.js';
import type { PolicyType } from '../../model/policy/ast.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { printJson } from '../output.js';
import { readPolicyText } from './validate.js';

const EXAMPLES = `
Examples:
  $ cordon check no-new-access --new candidate.json --existing deployed.json
  $ cordon check access-not-granted --policy role.json --actions iam:PassRole,s3:DeleteBucket --resources 'arn:aws:s3:::prod-*'
  $ cordon check no-public-access --policy bucket-policy.json --resource-type AWS::S3::Bucket --output json

Exit codes: 0 PASS, 1 FAIL, 2 unreadable file or bad flags.
`;

const POLICY_TYPES: Record<string, PolicyType> = { identity: 'identity', resource: 'resource', trust: 'trust' };

function readPolicy(file: string, type: PolicyType) {
  return parsePolicy(readPolicyText(file), { id: file, type, source: file });
}

function report(check: string, outcome: CustomCheckOutcome, cmd: Command): 0 | 1 {
  const format = outputFormat(globalOptions(cmd), ['table', 'json'], 'table');
  if (format === 'json') printJson({ check, ...outcome });
  else {
    process.stdout.write(`${outcome.result}: ${outcome.message}\n`);
    for (const r of outcome.reasons) process.stdout.write(`  - ${r.message} [${r.pointer || '/'}]\n`);
  }
  return outcome.result === 'PASS' ? 0 : 1;
}

const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);

export const checkCommand: CommandModule = {
  register(program: Command) {
    const check = program.command('check').description('custom policy checks for CI: no-new-access, access-not-granted, no-public-access (PASS/FAIL)').addHelpText('after', EXAMPLES);
    check
      .command('no-new-access')
      .description('FAIL when the new policy grants anything the existing one does not (a containment proof, not a text diff)')
      .requiredOption('--new <file>', 'the candidate policy')
      .requiredOption('--existing <file>', 'the reference policy')
      .option('--type <type>', 'identity|resource|trust', 'identity')
      .action(action(async (flags: { new: string; existing: string; type: string }, cmd: Command) => {
        const type = POLICY_TYPES[flags.type];
        if (!type) throw new UsageError(`--type must be identity|resource|trust, got \`${flags.type}\``);
        const catalog = await loadCatalog();
        return report('no-new-access', checkNoNewAccess(readPolicy(flags.new, type), readPolicy(flags.existing, type), catalog), cmd);
      }));
    check
      .command('access-not-granted')
      .description('FAIL when the policy grants any of the actions (on any of the resources, when given)')
      .requiredOption('--policy <file>', 'the policy to check')
      .requiredOption('--actions <list>', 'comma-separated actions, e.g. iam:PassRole,s3:DeleteBucket')
      .option('--resources <list>', 'comma-separated resource ARNs')
      .option('--type <type>', 'identity|resource|trust', 'identity')
      .action(action(async (flags: { policy: string; actions: string; resources?: string; type: string }, cmd: Command) => {
        const type = POLICY_TYPES[flags.type];
        if (!type) throw new UsageError(`--type must be identity|resource|trust, got \`${flags.type}\``);
        const actions = list(flags.actions);
        if (actions.length === 0 || actions.some((a) => !a.includes(':'))) throw new UsageError(`--actions must be service:Action names, got \`${flags.actions}\``);
        return report('access-not-granted', checkAccessNotGranted(readPolicy(flags.policy, type), { actions, ...(flags.resources ? { resources: list(flags.resources) } : {}) }), cmd);
      }));
    check
      .command('no-public-access')
      .description('FAIL when the resource policy grants access to anyone')
      .requiredOption('--policy <file>', 'the resource policy')
      .requiredOption('--resource-type <type>', 'e.g. AWS::S3::Bucket, AWS::KMS::Key, AWS::SQS::Queue, AWS::IAM::AssumeRolePolicyDocument')
      .action(action(async (flags: { policy: string; resourceType: string }, cmd: Command) => {
        const type: PolicyType = flags.resourceType === 'AWS::IAM::AssumeRolePolicyDocument' ? 'trust' : 'resource';
        return report('no-public-access', checkNoPublicAccess(readPolicy(flags.policy, type), flags.resourceType), cmd);
      }));
  },
};
