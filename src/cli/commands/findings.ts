/**
 * `cordon findings list|show|archive|unarchive|import`: the findings in the store (docs/store.md).
 * Listing is a query, so it exits 0 whatever it finds (scans and checks are what exit 1).
 */
import type { Command } from 'commander';
import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { info, printJson, printTable } from '../output.js';
import { InputError, NotFoundError, UsageError } from '../../model/errors.js';
import { FINDING_STATUSES, SEVERITIES } from '../../model/finding.js';
import type { Evidence, Finding, FindingDraft, FindingStatus, Severity } from '../../model/finding.js';
import { withStore } from '../../store/index.js';
import { parseJsonText } from '../../collect/files/read-json.js';
import type { FindingQuery } from '../../store/index.js';

/** Who the CLI acts as in the status history. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** Reads `--max-items`: a positive integer. */
export function parseMaxItems(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max-items must be a positive integer, got \`${value}\``);
  return n;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (!(allowed as readonly string[]).includes(upper)) throw new UsageError(`${flag} must be one of ${allowed.join('|')}, got \`${value}\``);
  return upper as T;
}

const COLUMNS = [
  { header: 'ID', cell: (f: Finding) => f.id },
  { header: 'STATUS', cell: (f: Finding) => f.status },
  { header: 'SEVERITY', cell: (f: Finding) => f.severity },
  { header: 'TYPE', cell: (f: Finding) => f.type },
  { header: 'RESOURCE', cell: (f: Finding) => f.resource, maxWidth: 60 },
  { header: 'TITLE', cell: (f: Finding) => f.title, maxWidth: 60 },
];

/**
 * The finding schema (docs/finding.schema.json) as an import check. Lifecycle fields (`status`,
 * `createdAt`, `updatedAt`) may be absent: importing runs the lifecycle and sets them.
 */
let importValidator: ValidateFunction | undefined;
function validateImported(): ValidateFunction {
  if (importValidator) return importValidator;
  const schema = JSON.parse(readFileSync(new URL('../../../docs/finding.schema.json', import.meta.url), 'utf8')) as { required: string[]; $schema?: string };
  const lifecycle = new Set(['status', 'createdAt', 'updatedAt']);
  const relaxed = { ...schema, required: schema.required.filter((k) => !lifecycle.has(k)) };
  delete relaxed.$schema;
  const ajv = new Ajv({ allErrors: false, strict: false });
  // RFC 3339 date-times, as the schema declares them (ajv knows no formats without a plug-in).
  ajv.addFormat('date-time', (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)));
  importValidator = ajv.compile(relaxed);
  return importValidator;
}

/** Reads drafts from a JSON file (`-` for stdin): an array, or `{"findings": [...]}`, each valid against the finding schema. */
export function readDrafts(file: string): FindingDraft[] {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read findings: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file });
  }
  const parsed = parseJsonText(text, file === '-' ? 'stdin' : file);
  const list = Array.isArray(parsed) ? parsed : (parsed as { findings?: unknown })?.findings;
  if (!Array.isArray(list)) throw new InputError('expected a JSON array of findings or {"findings": [...]}', { file });
  const pointerBase = Array.isArray(parsed) ? '' : '/findings';
  const validate = validateImported();
  list.forEach((f: unknown, i) => {
    if (validate(f)) return;
    const e = validate.errors?.[0];
    const pointer = `${pointerBase}/${i}${e?.instancePath ?? ''}`;
    const extra = e?.keyword === 'additionalProperties' ? ` (\`${String((e.params as { additionalProperty?: string }).additionalProperty).slice(0, 80)}\`)` : e?.keyword === 'enum' ? ` (${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join('|')})` : '';
    throw new InputError(`finding ${i} does not match docs/finding.schema.json at ${pointer}: ${e?.message ?? 'invalid'}${extra}`, { file, pointer });
  });
  return list as FindingDraft[];
}

function register(program: Command): void {
  const findings = program.command('findings').description('list, show, archive and import stored findings');

  findings
    .command('list')
    .description('list stored findings (ordered by id)')
    .option('--status <status>', `ACTIVE|ARCHIVED|RESOLVED`)
    .option('--type <type>', 'finding type, e.g. ExternalAccess')
    .option('--severity <severity>', SEVERITIES.join('|'))
    .option('--resource <arn>', 'resource ARN')
    .option('--account <id>', 'account id')
    .option('--max-items <n>', 'return at most n findings and a nextToken')
    .option('--starting-token <token>', 'continue from a nextToken')
    .addHelpText('after', '\nExamples:\n  $ cordon findings list --status ACTIVE --severity HIGH\n  $ cordon findings list --output json --db postgres://cordon@db:5432/cordon\n')
    .action(
      action(async (opts: Record<string, string | undefined>, cmd: Command) => {
        const g = globalOptions(cmd);
        const format = outputFormat(g, ['table', 'json'] as const, 'table');
        const query: FindingQuery = {
          status: oneOf<FindingStatus>('--status', opts.status, FINDING_STATUSES),
          severity: oneOf<Severity>('--severity', opts.severity, SEVERITIES),
          type: opts.type as FindingQuery['type'],
          resource: opts.resource,
          accountId: opts.account,
        };
        const max = parseMaxItems(opts.maxItems);
        const { items, nextToken } = await withStore(g.db, async (store) => {
          if (max !== undefined) {
            const page = await store.findings.list({ ...query, limit: max, cursor: opts.startingToken });
            return { items: page.items, nextToken: page.nextCursor };
          }
          const all: Finding[] = [];
          let cursor = opts.startingToken;
          do {
            const page = await store.findings.list({ ...query, limit: 1000, cursor });
            all.push(...page.items);
            cursor = page.nextCursor;
          } while (cursor);
          return { items: all, nextToken: undefined as string | undefined };
        });
        if (format === 'json') printJson(nextToken ? { findings: items, nextToken } : { findings: items });
        else {
          printTable(items, COLUMNS);
          if (nextToken) info(`more: --starting-token ${nextToken}`, g.quiet);
        }
      }),
    );

  findings
    .command('show <id>')
    .description('show one finding and its status history')
    .addHelpText('after', '\nExamples:\n  $ cordon findings show 3f2a9c0d1e4b5a6978877665544332211 --output json\n')
    .action(
      action(async (id: string, _opts: unknown, cmd: Command) => {
        const g = globalOptions(cmd);
        const format = outputFormat(g, ['table', 'json'] as const, 'table');
        const { finding, history } = await withStore(g.db, async (store) => {
          const f = await store.findings.get(id);
          if (!f) throw new NotFoundError('finding', id);
          return { finding: f, history: await store.findings.history(id) };
        });
        if (format === 'json') printJson({ finding, history });
        else {
          const fields: [string, unknown][] = Object.entries(finding).filter(([, v]) => typeof v !== 'object');
          printTable(fields, [
            { header: 'FIELD', cell: (r) => r[0] },
            { header: 'VALUE', cell: (r) => String(r[1]), maxWidth: 100 },
          ]);
          if (finding.path?.length) {
            process.stdout.write('\nPath:\n');
            finding.path.forEach((step, i) => {
              process.stdout.write(`  ${i + 1}. ${step.from} -> ${step.to}: ${step.description}${step.actions.length ? ` [${step.actions.join(', ')}]` : ''}\n`);
              for (const e of step.evidence) process.stdout.write(`       ${evidenceLine(e)}\n`);
            });
          }
          if (finding.evidence?.length) {
            process.stdout.write('\nEvidence:\n');
            for (const e of finding.evidence) process.stdout.write(`  ${evidenceLine(e)}\n`);
          }
          process.stdout.write('\nHistory:\n');
          printTable(history, [
            { header: 'AT', cell: (e) => e.at },
            { header: 'CHANGE', cell: (e) => e.change },
            { header: 'STATUS', cell: (e) => `${e.from ?? '-'} -> ${e.to}` },
            { header: 'BY', cell: (e) => e.by },
            { header: 'WHO', cell: (e) => e.actor ?? e.ruleName ?? e.scanId ?? '' },
            { header: 'REASON', cell: (e) => e.reason ?? '' },
          ]);
        }
      }),
    );

  for (const [verb, description] of [
    ['archive', 'archive a finding (ACTIVE -> ARCHIVED)'],
    ['unarchive', 'unarchive a finding (ARCHIVED -> ACTIVE)'],
  ] as const) {
    findings
      .command(`${verb} <id>`)
      .description(description)
      .option('--reason <text>', 'why (kept in the history)')
      .addHelpText('after', `\nExamples:\n  $ cordon findings ${verb} 3f2a9c0d1e4b5a69 --reason "accepted risk, ticket SEC-42"\n`)
      .action(
        action(async (id: string, opts: { reason?: string }, cmd: Command) => {
          const g = globalOptions(cmd);
          const format = outputFormat(g, ['table', 'json'] as const, 'table');
          const by = { actor: cliActor(), ...(opts.reason ? { reason: opts.reason } : {}) };
          const finding = await withStore(g.db, (store) => (verb === 'archive' ? store.findings.archive(id, by) : store.findings.unarchive(id, by)));
          if (format === 'json') printJson({ finding });
          else process.stdout.write(`${finding.id} ${finding.status}\n`);
        }),
      );
  }

  findings
    .command('import <file>')
    .description('record a scan from a JSON array of findings (drafts), running the lifecycle')
    .option('--scope <scope>', 'what the scan covered; findings of this scope absent from the file become RESOLVED', 'default')
    .addHelpText('after', '\nExamples:\n  $ cordon findings import findings.json --scope accounts:111122223333\n  $ cordon scan --snapshot gaad.json --output json | jq .findings | cordon findings import -\n')
    .action(
      action(async (file: string, opts: { scope: string }, cmd: Command) => {
        const g = globalOptions(cmd);
        const format = outputFormat(g, ['table', 'json'] as const, 'table');
        const drafts = readDrafts(file);
        const result = await withStore(g.db, (store) => {
          info(`recording a scan of ${drafts.length} findings (scope ${opts.scope}) in ${store.location}`, g.quiet);
          return store.scans.record({ scope: opts.scope, findings: drafts, now: new Date().toISOString(), actor: cliActor(), inputs: { import: file } });
        });
        if (format === 'json') printJson(result);
        else printTable([result], Object.keys(result).map((k) => ({ header: k, cell: (r: typeof result) => r[k as keyof typeof result] })));
      }),
    );
}

/** The `findings` command group. */
export const findingsCommand: CommandModule = { register };

/** One evidence item as a line: the policy, where in it, and what it contributes. */
function evidenceLine(e: Evidence): string {
  const where = [e.policyType, e.sid ? `Sid ${e.sid}` : e.statementIndex !== undefined ? `statement ${e.statementIndex}` : undefined, e.pointer].filter(Boolean).join(', ');
  return `${e.policy}${where ? ` (${where})` : ''}${e.note ? `: ${e.note}` : ''}`;
}
