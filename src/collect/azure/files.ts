/**
 * Azure's offline inputs, recognised by content and folded into `snapshot.azure`: ARM/CLI/Resource
 * Graph exports (`arm.ts`) and Microsoft Graph responses (`graph.ts`). A file is Azure's when it
 * carries a Graph `@odata.context`/`@odata.type` or at least one row is a known ARM shape; rows that
 * are neither are reported as warnings, never guessed. Built-in roles referred to but not defined
 * are filled in by the engine from the bundled copy of Microsoft's documentation.
 */
import { emptyAzureSnapshot, type AzureSnapshot } from '../../model/azure/snapshot.js';
import type { ValidationIssue } from '../../model/validation.js';
import type { ProviderFileReader } from '../providers/types.js';
import { armKind, readArmRow } from './arm.js';
import { graphKind, readGraphRow } from './graph.js';
import { envelope, isObj, upsert } from './shape.js';

/** True when `value` is an Azure export this reader understands. */
export function isAzureExport(value: unknown): boolean {
  const env = envelope(value);
  if (!env || env.rows.length === 0) {
    // An empty Graph page is still Graph's (an empty group, no owners).
    return !!env?.context && env.context.includes('graph.microsoft.com');
  }
  if (env.context?.includes('graph.microsoft.com') || graphKind(undefined, env.rows)) return true;
  return env.rows.some((r) => armKind(r) !== undefined);
}

function issue(issues: ValidationIssue[], file: string, pointer: string, message: string, code = 'azure_entry_skipped'): void {
  issues.push({ code, severity: 'warning', message, file, pointer });
}

/** Folds one parsed Azure file into `current` (a fresh part when undefined). */
export function readAzureFile(value: unknown, file: string, current: AzureSnapshot | undefined, issues: ValidationIssue[]): AzureSnapshot {
  const part = current ? structuredClone(current) : emptyAzureSnapshot();
  part.sources.push(file);
  const env = envelope(value);
  if (!env) return part;
  const gk = env.context?.includes('graph.microsoft.com') || !env.context ? graphKind(env.context, env.rows) : undefined;
  env.rows.forEach((row, i) => {
    const pointer = `${env.base}/${i}`;
    if (!isObj(row)) return issue(issues, file, pointer, 'entry is not an object');
    const origin = { file, pointer };
    const problem = gk ? readGraphRow(gk, row, part, origin, env.context ?? '') : (() => {
      const kind = armKind(row);
      return kind ? readArmRow(kind, row, part, origin) : 'not a role assignment, role definition, deny assignment, eligibility schedule or resource';
    })();
    if (problem) issue(issues, file, pointer, problem);
  });
  return part;
}

/** Merges the Azure part of a Cordon snapshot file into `current`. */
export function mergeAzurePart(partIn: AzureSnapshot, file: string, current: AzureSnapshot | undefined): AzureSnapshot {
  const part = current ? structuredClone(current) : emptyAzureSnapshot();
  const incoming = { ...emptyAzureSnapshot(), ...partIn };
  part.sources.push(file);
  part.tenantId ??= incoming.tenantId;
  for (const key of ['roleDefinitions', 'roleAssignments', 'denyAssignments', 'classicAdministrators', 'resources', 'users', 'groups', 'servicePrincipals', 'applications', 'directoryRoleAssignments', 'appRoleAssignments'] as const) {
    for (const rec of incoming[key]) upsert(part, key, rec as never);
  }
  for (const s of incoming.subscriptions) if (!part.subscriptions.some((x) => x.subscriptionId === s.subscriptionId)) part.subscriptions.push(s);
  for (const m of incoming.managementGroups) if (!part.managementGroups.some((x) => x.name === m.name)) part.managementGroups.push(m);
  return part;
}

export const azureFileReader: ProviderFileReader<'azure'> = {
  part: 'azure',
  recognise: isAzureExport,
  read: (value, file, current, issues) => readAzureFile(value, file, current as AzureSnapshot | undefined, issues),
  merge: (part, file, current) => mergeAzurePart(part as AzureSnapshot, file, current as AzureSnapshot | undefined),
};
