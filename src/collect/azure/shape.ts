/**
 * Small readers shared by the Azure file formats: list envelopes (`[...]`, `{value:[...]}` from
 * ARM and Graph, `{data:[...]}` from Resource Graph), typed field access, and the upsert that
 * lets the same object arrive from several files (a service principal and, later, its owners).
 */
import type { AzureSnapshot } from '../../model/azure/snapshot.js';
import { lowerId } from '../../model/azure/scope.js';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** The rows of a list envelope and the JSON pointer of the list, or undefined. */
export interface Envelope {
  rows: unknown[];
  base: string;
  /** Graph's `@odata.context`, lowercase. */
  context?: string;
}

export function envelope(value: unknown): Envelope | undefined {
  if (Array.isArray(value)) return { rows: value, base: '' };
  if (!isObj(value)) return undefined;
  const context = str(value['@odata.context'])?.toLowerCase();
  if (Array.isArray(value.value)) return { rows: value.value, base: '/value', context };
  if (Array.isArray(value.data)) return { rows: value.data, base: '/data', context };
  if (context) return { rows: [value], base: '', context }; // a single Graph entity (GET /users/{id})
  return undefined;
}

/** The id-keyed record lists of the Azure part. */
export type ListKey = 'roleDefinitions' | 'roleAssignments' | 'denyAssignments' | 'classicAdministrators' | 'resources' | 'users' | 'groups' | 'servicePrincipals' | 'applications' | 'directoryRoleAssignments' | 'appRoleAssignments';

/**
 * Adds `rec` to `part[key]`, or merges it into the record with the same id (case-insensitive):
 * fields the new record defines win, `owners`/`members`/`credentials` are unioned.
 */
export function upsert<K extends ListKey>(part: AzureSnapshot, key: K, rec: AzureSnapshot[K][number]): void {
  const recObj = rec as unknown as { id: string } & Obj;
  const list = part[key] as unknown as ({ id: string } & Obj)[];
  const id = lowerId(recObj.id);
  const at = list.findIndex((r) => lowerId(r.id) === id);
  if (at < 0) {
    list.push(recObj);
    return;
  }
  const old = list[at]!;
  const merged: Obj = { ...old };
  for (const [k, v] of Object.entries(recObj)) {
    if (v === undefined) continue;
    if ((k === 'owners' || k === 'members') && Array.isArray(v)) merged[k] = [...new Set([...(old[k] as string[] ?? []), ...(v as string[])])];
    else if (k === 'credentials' && Array.isArray(v)) merged[k] = v.length > 0 ? v : old[k];
    else merged[k] = v;
  }
  list[at] = merged as { id: string } & Obj;
}

/** The object id inside `segment('ID')` or `segment/ID` of a Graph context or URL, lowercase. */
export function idAfter(text: string, segment: string): string | undefined {
  const i = text.indexOf(segment);
  if (i < 0) return undefined;
  let rest = text.slice(i + segment.length);
  if (rest.startsWith("('")) rest = rest.slice(2, rest.indexOf("')") < 0 ? undefined : rest.indexOf("')"));
  else if (rest.startsWith('(')) rest = rest.slice(1, rest.indexOf(')') < 0 ? undefined : rest.indexOf(')'));
  else if (rest.startsWith('/')) rest = rest.slice(1).split('/')[0] ?? '';
  else return undefined;
  return rest ? rest.toLowerCase() : undefined;
}
