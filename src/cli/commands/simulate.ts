/**
 * `cordon simulate`: authorizes one request with the engine and prints the decision and the
 * statements that decided it. The decision is data, so a successful evaluation exits 0 whatever
 * it says; errors exit 2.
 *
 * Policies come from snapshot inputs (`--snapshot`, repeatable: GAAD JSON, resource lists, org
 * trees or Cordon snapshots, read by `loadSnapshotFiles`) or from files (`--policy FILE`, repeatable). Pairing of `--policy` with `--policy-type`: a
 * `--policy-type` applies to every `--policy` that follows it, until the next `--policy-type`;
 * `--policy` flags written before the first `--policy-type` take that first type (so
 * `--policy f.json --policy-type scp` works too); with no `--policy-type` at all they are
 * identity policies. Each `scp`/`rcp` file is one level of the OU path, in the order given.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { CommandModule } from '../command-module.js';
import { action } from '../command-module.js';
import { globalOptions, outputFormat } from '../context.js';
import { printJson, printTable, warn } from '../output.js';
import { InputError, UsageError } from '../../model/errors.js';
import { parsePolicy, type Policy, type PolicyType } from '../../model/policy/index.js';
import type { Snapshot } from '../../model/snapshot/types.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import { compileSnapshot, evaluateRequest, type AuthorizationRequest, type AuthorizationResult, type EvaluationInput, type MatchedStatement } from '../../engine/index.js';
import { arnAccount } from '../../engine/arn-pattern.js';
import { loadCatalog } from '../../catalog/index.js';
import type { AuthorizationModel } from '../../engine/index.js';

const TYPES = ['identity', 'resource', 'boundary', 'scp', 'rcp', 'session'] as const;
type CliPolicyType = (typeof TYPES)[number];

const EXAMPLES = `
Examples:
  $ cordon simulate --policy alice.json --policy-type resource --policy bucket-policy.json \\
      --principal arn:aws:iam::111111111111:user/alice --action s3:GetObject \\
      --resource arn:aws:s3:::bucket-b/report.csv --resource-account 222222222222
  $ cordon simulate --snapshot snapshot.json --principal arn:aws:iam::111111111111:role/app \\
      --action iam:PassRole --resource arn:aws:iam::111111111111:role/admin --output json
  $ cordon simulate --policy p.json --principal arn:aws:iam::1:user/a --action s3:GetObject \\
      --resource arn:aws:s3:::b/k --context aws:SourceIp=203.0.113.7 --unknown aws:MultiFactorAuthPresent

--policy-type applies to the --policy flags after it (flags before the first one take its type);
default identity. Exit code 0 whatever the decision; 2 on errors.
`;

let seq = 0;
interface Ordered {
  value: string;
  seq: number;
}
const collect = (value: string, prev: Ordered[] = []): Ordered[] => [...prev, { value, seq: seq++ }];

interface Opts {
  snapshot?: Ordered[];
  policy?: Ordered[];
  policyType?: Ordered[];
  principal: string;
  action: string;
  resource: string;
  cloud?: string;
  scope?: string;
  dataAction?: string;
  permission?: string;
  time?: string;
  resourceAccount?: string;
  principalAccount?: string;
  context?: Ordered[];
  unknown?: Ordered[];
}

/** Pairs each --policy with its type following the documented rule. */
export function pairPolicies(policies: Ordered[], types: Ordered[]): { file: string; type: CliPolicyType }[] {
  for (const t of types) if (!(TYPES as readonly string[]).includes(t.value)) throw new UsageError(`--policy-type must be one of ${TYPES.join('|')}, got \`${t.value}\``);
  return policies.map((p) => {
    const before = types.filter((t) => t.seq < p.seq);
    const type = before.length > 0 ? before[before.length - 1]!.value : (types[0]?.value ?? 'identity');
    return { file: p.value, type: type as CliPolicyType };
  });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read \`${file}\`: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // parsePolicy also accepts URL-encoded text and reports JSON errors with the file
  }
}

function inputFromPolicies(pairs: { file: string; type: CliPolicyType }[], principal: string, principalAccount?: string): EvaluationInput {
  const input: EvaluationInput = { identity: [], principal: { arn: principal, account: principalAccount ?? arnAccount(principal) } };
  for (const { file, type } of pairs) {
    const raw = readJson(file);
    const policy: Policy = parsePolicy(raw as string | object, { id: file, type: type as PolicyType, source: file });
    if (type === 'identity') input.identity.push(policy);
    else if (type === 'resource') {
      if (input.resourcePolicy) throw new UsageError('only one --policy of type resource may be given');
      input.resourcePolicy = policy;
    } else if (type === 'boundary') {
      if (input.boundary) throw new UsageError('only one --policy of type boundary may be given');
      input.boundary = policy;
    } else if (type === 'scp') (input.scps ??= []).push([policy]);
    else if (type === 'rcp') (input.rcps ??= []).push([policy]);
    else (input.sessionPolicies ??= []).push(policy);
  }
  return input;
}

function parseContext(entries: Ordered[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const { value } of entries) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`--context must be key=value, got \`${value}\``);
    const key = value.slice(0, eq);
    const v = value.slice(eq + 1);
    const prev = out[key];
    out[key] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

// IAM principal ARNs a request can come from (IAM User Guide, "IAM identifiers", ARNs): users and
// roles (with paths), the account root, assumed-role sessions and federated users; or a service
// principal such as `lambda.amazonaws.com`.
const PRINCIPAL_ARN = /^arn:aws(?:-cn|-us-gov|-iso|-iso-[a-z])?:(?:iam::\d{12}:(?:root|(?:user|role)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+)|sts::\d{12}:(?:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+|federated-user\/[\w+=,.@-]+))$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?$/;
const ACTION = /^([a-z0-9-]+):([A-Za-z0-9]+)$/;

/**
 * Checks the AWS request flags before anything is evaluated: a malformed principal or action would
 * otherwise come back as a confident `ImplicitlyDenied`. Throws a `UsageError` naming the flag.
 */
export async function validateAwsRequestFlags(opts: Pick<Opts, 'principal' | 'action' | 'resource'>): Promise<void> {
  if (!PRINCIPAL_ARN.test(opts.principal) && !SERVICE_PRINCIPAL.test(opts.principal)) {
    throw new UsageError(`--principal \`${opts.principal}\` is not a principal ARN (arn:aws:iam::ACCOUNT:user/NAME, role/NAME, root, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) or a service principal`);
  }
  if (opts.action.includes('*') || opts.action.includes('?')) throw new UsageError(`--action \`${opts.action}\` is a pattern: a request names one action, e.g. s3:GetObject`);
  const m = ACTION.exec(opts.action);
  if (!m) throw new UsageError(`--action \`${opts.action}\` has no service prefix: write service:Action, e.g. s3:GetObject`);
  let known: boolean;
  try {
    known = (await loadCatalog({ services: [m[1]!] })).isKnownAction(opts.action);
  } catch {
    throw new UsageError(`--action \`${opts.action}\`: unknown service prefix \`${m[1]}\``);
  }
  if (!known) throw new UsageError(`--action \`${opts.action}\` is not an action of \`${m[1]}\` in the service authorization reference`);
  if (opts.resource !== '*' && !opts.resource.startsWith('arn:')) throw new UsageError(`--resource \`${opts.resource}\` is not an ARN or \`*\``);
}

/**
 * The principal must be in the snapshot (a user, a role, a session of a known role, the root of a
 * collected account) or be a service principal: anything else has no identity policies to read,
 * and "ImplicitlyDenied" would be an answer about nothing.
 */
export function checkPrincipalKnown(model: AuthorizationModel, principal: string): void {
  if (SERVICE_PRINCIPAL.test(principal)) return;
  const parts = principal.split(':');
  const account = parts[4] ?? '';
  const resource = parts.slice(5).join(':');
  const principals = model.principals();
  if (resource === 'root' && principals.some((p) => p.accountId === account)) return;
  if (resource.startsWith('assumed-role/')) {
    const role = resource.split('/')[1];
    if (principals.some((p) => p.kind === 'role' && p.accountId === account && p.name === role)) return;
  } else if (principals.some((p) => p.arn === principal)) return;
  throw new UsageError(`--principal \`${principal}\` is not in the snapshot (no such user, role or account)`);
}

async function loadSnapshot(files: string[]): Promise<Snapshot> {
  const { snapshot, issues } = await loadSnapshotFiles(files);
  for (const i of issues) warn(`${i.file ?? ''}${i.pointer ? `#${i.pointer}` : ''}: ${i.message}`);
  return snapshot;
}

const COLUMNS = [
  { header: 'EFFECT', cell: (m: MatchedStatement) => m.effect + (m.conditional ? '?' : '') },
  { header: 'TYPE', cell: (m: MatchedStatement) => m.policyType },
  { header: 'POLICY', cell: (m: MatchedStatement) => m.policyId, maxWidth: 70 },
  { header: 'STATEMENT', cell: (m: MatchedStatement) => m.statementIndex },
  { header: 'SID', cell: (m: MatchedStatement) => m.sid },
  { header: 'POINTER', cell: (m: MatchedStatement) => m.pointer },
];

function print(result: AuthorizationResult, request: AuthorizationRequest, format: 'json' | 'table'): void {
  if (format === 'json') {
    printJson({ request, ...result });
    return;
  }
  const possible = result.certainty === 'possible' ? ' (for some values of the unknown keys)' : '';
  process.stdout.write(`${result.decision}${possible}\n`);
  // A service rule decides whatever the statements say: name it, then show the statements anyway.
  if (result.serviceRule) process.stdout.write(`decided by the AWS service rule ${result.serviceRule} (src/engine/service-rules.ts)\n`);
  if (result.explanation.length === 0) process.stdout.write('no statement matched\n');
  else printTable(result.explanation, COLUMNS);
}

/** The AWS path of `simulate`: validated flags, then a snapshot, the live account or policy files. */
async function simulateAws(opts: Opts, g: ReturnType<typeof globalOptions>, request: AuthorizationRequest): Promise<AuthorizationResult> {
  await validateAwsRequestFlags(opts);
  let model: AuthorizationModel;
  if (opts.snapshot?.length) model = compileSnapshot(await loadSnapshot(opts.snapshot.map((f) => f.value)));
  // Neither snapshot nor policies: the account behind the global AWS flags, collected live.
  // (imported on demand: the SDK clients cost a second of start-up that file-based runs do not need)
  else if (!opts.policy?.length) model = compileSnapshot(await (await import('../../collect/live/collect-account.js')).collectAccount({ profile: g.profile, region: g.region, endpointUrl: g.endpointUrl }));
  else return evaluateRequest(inputFromPolicies(pairPolicies(opts.policy ?? [], opts.policyType ?? []), opts.principal, opts.principalAccount), request);
  checkPrincipalKnown(model, opts.principal);
  return model.evaluate(request);
}

export const simulateCommand: CommandModule = {
  register(program: Command) {
    program
      .command('simulate')
      .description('authorize one request with the engine and explain the decision')
      .option('--snapshot <file>', 'snapshot input: GAAD JSON, resources, org tree or Cordon snapshot files or directories (repeatable)', collect)
      .option('--policy <file>', 'a policy document (repeatable)', collect)
      .option('--policy-type <type>', `type of the --policy flags that follow: ${TYPES.join('|')}`, collect)
      .requiredOption('--principal <arn>', 'calling principal ARN')
      .option('--action <action>', 'action, e.g. s3:GetObject (required for AWS)')
      .option('--cloud <cloud>', 'aws (default), azure or gcp')
      .option('--scope <scope>', 'Azure ARM scope: /subscriptions/..., a resource group or resource id (with --cloud azure)')
      .option('--data-action <operation>', 'Azure data action instead of --action (with --cloud azure)')
      .option('--permission <permission>', 'GCP permission, e.g. storage.objects.get (with --cloud gcp)')
      .option('--time <iso-time>', 'GCP request.time for IAM Conditions (with --cloud gcp)')
      .option('--resource <arn>', 'resource ARN (or *); required for AWS and GCP')
      .option('--resource-account <id>', 'account owning the resource (S3 ARNs carry none)')
      .option('--principal-account <id>', 'account of the principal (default: from its ARN)')
      .option('--context <key=value>', 'condition context entry (repeatable; repeat a key for several values)', collect)
      .option('--unknown <key>', 'a context key whose value is unknown (attacker-chosen); repeatable, or `all` for every missing key', collect)
      .addHelpText('after', EXAMPLES)
      .action(
        action(async (opts: Opts, cmd: Command) => {
          const g = globalOptions(cmd);
          const format = outputFormat(g, ['table', 'json'] as const, 'table');
          if (opts.snapshot?.length && opts.policy?.length) throw new UsageError('--snapshot and --policy cannot be combined');
          if (opts.cloud === 'azure') return (await import('./azure-simulate.js')).simulateAzure({ ...opts, snapshot: (opts.snapshot ?? []).map((f) => f.value), context: (opts.context ?? []).map((c) => c.value) }, format);
          if (!opts.resource) throw new UsageError("required option '--resource <arn>' not specified");
          if (opts.cloud === 'gcp') return (await import('./gcp-simulate.js')).simulateGcp({ ...opts, snapshot: (opts.snapshot ?? []).map((f) => f.value) }, format);
          if (opts.cloud !== undefined && opts.cloud !== 'aws') throw new UsageError(`--cloud must be aws, azure or gcp, got \`${opts.cloud}\``);
          if (!opts.action) throw new UsageError("required option '--action <action>' not specified");
          const request: AuthorizationRequest = { principal: opts.principal, action: opts.action, resource: opts.resource };
          if (opts.resourceAccount) request.resourceAccount = opts.resourceAccount;
          if (opts.context?.length) request.context = parseContext(opts.context);
          const unknown = (opts.unknown ?? []).map((u) => u.value);
          if (unknown.includes('all')) request.unknownKeys = 'all-missing';
          else if (unknown.length) request.unknownKeys = unknown;
          print(await simulateAws(opts, g, request), request, format);
          return 0 as const;
        }),
      );
  },
};
