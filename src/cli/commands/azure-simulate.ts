/**
 * `cordon simulate --cloud azure`: one Azure request (`--principal OBJECT_ID`, `--action
 * Microsoft.Compute/virtualMachines/write` or `--data-action ...`, `--scope /subscriptions/...`)
 * decided on the Azure exports given with `--snapshot`, explained like the AWS engine: the
 * assignments that granted (role, scope, inherited or not, via which group, the matching pattern,
 * the condition's value), the deny assignments that overrode, and the PIM-eligible assignments
 * that could be activated. `--context '@Request[...]=value'` supplies ABAC attributes; missing ones
 * are unknown and make the answer conditional. Exit 0 whatever the decision; 2 on errors.
 */
import { UsageError } from '../../model/errors.js';
import { loadSnapshotFiles } from '../../collect/index.js';
import { emptyAzureSnapshot } from '../../model/azure/snapshot.js';
import { parseScope } from '../../model/azure/scope.js';
import { compileAzure, evaluateAzure, type AssignmentMatch, type AzureDecisionResult } from '../../engine/azure/index.js';
import { printJson, printTable, warn } from '../output.js';

export interface AzureSimulateOptions {
  snapshot: string[];
  principal: string;
  action?: string;
  dataAction?: string;
  scope?: string;
  resource?: string;
  context: string[];
}

const OPERATION = /^[A-Za-z0-9.]+\/[A-Za-z0-9./_-]+$/;

function attributes(entries: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of entries) {
    const eq = e.indexOf('=');
    if (eq <= 0 || !e.startsWith('@')) throw new UsageError(`--context with --cloud azure must be @Source[attribute]=value, got \`${e}\``);
    (out[e.slice(0, eq)] ??= []).push(e.slice(eq + 1));
  }
  return out;
}

const COLUMNS = [
  { header: 'TIER', cell: (m: AssignmentMatch) => m.tier + (m.conditionResult === 'unknown' ? '?' : '') },
  { header: 'ROLE', cell: (m: AssignmentMatch) => m.roleName },
  { header: 'SCOPE', cell: (m: AssignmentMatch) => m.scope + (m.inherited ? ' (inherited)' : ''), maxWidth: 80 },
  { header: 'VIA', cell: (m: AssignmentMatch) => m.via },
  { header: 'MATCHED', cell: (m: AssignmentMatch) => m.matched },
  { header: 'ASSIGNMENT', cell: (m: AssignmentMatch) => m.assignmentName },
];

function printText(r: AzureDecisionResult): void {
  process.stdout.write(`${r.decision}${r.certainty === 'conditional' ? ' (conditional: an ABAC condition depends on attributes not given)' : ''}\n`);
  for (const d of r.denies) process.stdout.write(`denied by deny assignment \`${d.name}\` at ${d.scope} (${d.matched})\n`);
  if (r.grants.length) printTable(r.grants, COLUMNS);
  else if (!r.denies.length) process.stdout.write('no role assignment grants it\n');
  if (r.couldActivate.length) {
    process.stdout.write('could activate (PIM-eligible):\n');
    printTable(r.couldActivate, COLUMNS);
  }
  for (const u of r.unknownRoles) process.stdout.write(`unknown role definition ${u}: its assignments were not evaluated\n`);
}

/** Runs the Azure simulation and prints it; returns the exit code. */
export async function simulateAzure(opts: AzureSimulateOptions, format: 'json' | 'table'): Promise<0> {
  const operation = opts.dataAction ?? opts.action;
  if (!operation) throw new UsageError('--action (or --data-action) is required with --cloud azure (e.g. Microsoft.Compute/virtualMachines/write)');
  if (opts.dataAction && opts.action) throw new UsageError('give --action or --data-action, not both');
  if (!OPERATION.test(operation)) throw new UsageError(`\`${operation}\` is not an Azure operation (Provider/resourceType/verb)`);
  const scope = opts.scope ?? opts.resource;
  if (!scope) throw new UsageError('--scope is required with --cloud azure (an ARM id: /subscriptions/..., a resource group, a resource, or /)');
  if (!scope.startsWith('/')) throw new UsageError(`--scope \`${scope}\` is not an ARM scope (it starts with /)`);
  if (parseScope(scope).level === 'resource' && !parseScope(scope).subscriptionId && !scope.toLowerCase().startsWith('/providers/microsoft.management/')) throw new UsageError(`--scope \`${scope}\` is not an ARM scope`);
  if (opts.snapshot.length === 0) throw new UsageError('--snapshot is required with --cloud azure (az/Graph exports or a Cordon snapshot)');
  const { snapshot, issues } = await loadSnapshotFiles(opts.snapshot);
  for (const i of issues) warn(`${i.file ?? ''}${i.pointer ? `#${i.pointer}` : ''}: ${i.message}`);
  if (!snapshot.azure) throw new UsageError('the --snapshot inputs hold no Azure exports');
  const az = { ...emptyAzureSnapshot(), ...snapshot.azure };
  const c = compileAzure(az);
  const known = c.assignmentsOf(opts.principal).length > 0 || [...c.identities(opts.principal)].length > 1
    || az.users.some((u) => u.id === opts.principal.toLowerCase()) || az.servicePrincipals.some((s) => s.id === opts.principal.toLowerCase());
  if (!known) throw new UsageError(`--principal \`${opts.principal}\` is not in the Azure inputs (no user, service principal, group membership or role assignment with that object id)`);
  const request = { principalId: opts.principal, action: operation, kind: opts.dataAction ? ('dataAction' as const) : ('action' as const), scope, attributes: attributes(opts.context) };
  const result = evaluateAzure(c, request);
  if (format === 'json') printJson({ request, ...result });
  else printText(result);
  return 0;
}
