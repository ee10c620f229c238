/**
 * `cordon validate POLICY.json --type identity|resource|trust|scp|rcp`: Access Analyzer-style
 * policy checks, offline, with line/column spans. Exit 1 on ERROR or SECURITY_WARNING (the
 * findings a pipeline should block on), 0 otherwise, 2 when the file cannot be read.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isBlocking, validatePolicy, VALIDATED_POLICY_TYPES, type ValidatedPolicyType, type ValidationFinding } from '../../analyzers/validate/index.js';
import { catalogServiceKeys, loadCatalog } from '../../catalog/index.js';
import { servicesReferenced } from '../../analyzers/validate/services-referenced.js';
import { validationToSarif } from '../../findings/render/validation-sarif.js';
import { InputError, UsageError } from '../../model/errors.js';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { printJson, printTable } from '../output.js';

const EXAMPLES = `
Examples:
  $ cordon validate policy.json --type identity
  $ cordon validate bucket-policy.json --type resource --resource-type AWS::S3::Bucket --output json
  $ cordon validate scp.json --type scp --output sarif > validate.sarif

Exit codes: 0 no ERROR or SECURITY_WARNING, 1 at least one, 2 unreadable file or bad flags.
`;

/** Reads a policy file as text (validation needs the original text for positions). */
export function readPolicyText(file: string): string {
  try {
    // A leading UTF-8 BOM is accepted, as by every Cordon JSON reader (docs/decisions.md, hardening).
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new InputError(`cannot read \`${file}\`: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file });
  }
}

export function policyType(value: string): ValidatedPolicyType {
  if (!(VALIDATED_POLICY_TYPES as readonly string[]).includes(value)) throw new UsageError(`--type must be one of ${VALIDATED_POLICY_TYPES.join('|')}, got \`${value}\``);
  return value as ValidatedPolicyType;
}

export const validateCommand: CommandModule = {
  register(program: Command) {
    program
      .command('validate <policy>')
      .description('check an IAM policy file like Access Analyzer ValidatePolicy (ERROR, SECURITY_WARNING, WARNING, SUGGESTION with line numbers)')
      .option('--type <type>', `policy type: ${VALIDATED_POLICY_TYPES.join('|')}`, 'identity')
      .option('--resource-type <type>', 'for resource policies: e.g. AWS::S3::Bucket, AWS::KMS::Key, AWS::SQS::Queue')
      .addHelpText('after', EXAMPLES)
      .action(
        action(async (file: string, flags: { type: string; resourceType?: string }, cmd: Command) => {
          const g = globalOptions(cmd);
          const format = outputFormat(g, ['table', 'json', 'sarif'], 'table');
          const type = policyType(flags.type);
          const text = readPolicyText(file);
          // Only the services the policy names (much faster start-up); the whole catalog when in doubt.
          const services = flags.resourceType ? undefined : servicesReferenced(text, new Set(await catalogServiceKeys()));
          const catalog = await loadCatalog({ details: true, ...(services ? { services } : {}) });
          const findings = validatePolicy(text, { type, catalog, ...(flags.resourceType ? { resourceType: flags.resourceType } : {}) });
          if (format === 'json') printJson({ file, policyType: type, findings });
          else if (format === 'sarif') printJson(validationToSarif(file, findings, (createRequire(import.meta.url)('../../../package.json') as { version: string }).version));
          else if (findings.length === 0) process.stdout.write(`${file}: no findings\n`);
          else printTable(findings, COLUMNS(file));
          return findings.some(isBlocking) ? 1 : 0;
        }),
      );
  },
};

const COLUMNS = (file: string) => [
  { header: 'LOCATION', cell: (f: ValidationFinding) => `${file}:${f.span.start.line}:${f.span.start.column}` },
  { header: 'TYPE', cell: (f: ValidationFinding) => f.findingType },
  { header: 'CODE', cell: (f: ValidationFinding) => f.issueCode },
  { header: 'DETAILS', cell: (f: ValidationFinding) => f.findingDetails },
];
