/**
 * Pure operations on policy documents for reversible remediation: add a Deny statement whose Sid
 * is the finding id (once), and remove exactly that statement again, restoring the document's
 * original shape (a single-statement object stays an object).
 */
import type { PolicyDocument } from './gateway.js';

export type StatementJson = Record<string, unknown>;

const statementsOf = (doc: PolicyDocument | undefined): StatementJson[] => {
  const s = doc?.Statement;
  return Array.isArray(s) ? (s as StatementJson[]) : s && typeof s === 'object' ? [s as StatementJson] : [];
};

/** The document with `statement` appended, unless a statement with its Sid is already there. */
export function withStatement(doc: PolicyDocument | undefined, statement: StatementJson): PolicyDocument {
  const existing = statementsOf(doc);
  if (existing.some((s) => s.Sid === statement.Sid)) return doc!;
  return { Version: '2012-10-17', ...(doc ?? {}), Statement: [...existing, statement] };
}

/** True when the document holds a statement with this Sid. */
export const hasSid = (doc: PolicyDocument | undefined, sid: string) => statementsOf(doc).some((s) => s.Sid === sid);

/**
 * The document without the statement `sid`. When what remains equals `original` (the document
 * before remediation), `original` itself is returned so the restore is exact, shape included.
 * undefined means nothing remains (a bucket that had no policy).
 */
export function withoutStatement(doc: PolicyDocument | undefined, sid: string, original?: PolicyDocument | null): PolicyDocument | undefined {
  const rest = statementsOf(doc).filter((s) => s.Sid !== sid);
  if (original !== undefined && canonical(statementsOf(original ?? undefined)) === canonical(rest)) return original ?? undefined;
  if (rest.length === 0) return undefined;
  return { ...(doc ?? {}), Statement: rest };
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
