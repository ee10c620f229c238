/**
 * Reading policy documents out of CloudTrail request parameters: they arrive as JSON text
 * (sometimes URL-encoded), and `Statement`/`Action`/`Resource`/`Principal` may each be one value
 * or a list. Only what the high-value rules need; the engine owns full policy semantics.
 */

/** One statement, with list-valued fields normalised. */
export interface LooseStatement {
  effect: string;
  actions: string[];
  notActions: boolean;
  resources: string[];
  principal: unknown;
  notPrincipal: boolean;
  condition: Record<string, Record<string, unknown>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Parses a document given as an object or as (possibly URL-encoded) JSON text; `undefined` if unreadable. */
export function readPolicyDocument(raw: unknown): Record<string, unknown> | undefined {
  if (isObject(raw)) return raw;
  if (typeof raw !== 'string') return undefined;
  for (const text of [raw, safeDecode(raw)]) {
    try {
      const doc = JSON.parse(text) as unknown;
      if (isObject(doc)) return doc;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The statements of a document. */
export function statementsOf(doc: Record<string, unknown>): LooseStatement[] {
  const raw = Array.isArray(doc.Statement) ? doc.Statement : isObject(doc.Statement) ? [doc.Statement] : [];
  return raw.filter(isObject).map((s) => ({
    effect: typeof s.Effect === 'string' ? s.Effect : '',
    actions: list(s.Action ?? s.NotAction),
    notActions: s.NotAction !== undefined,
    resources: list(s.Resource ?? s.NotResource),
    principal: s.Principal ?? s.NotPrincipal,
    notPrincipal: s.NotPrincipal !== undefined,
    condition: isObject(s.Condition) ? (s.Condition as Record<string, Record<string, unknown>>) : {},
  }));
}

/** True when the document allows every action on every resource (`*` or `*:*` on `*`). */
export function grantsFullAdmin(doc: Record<string, unknown>): boolean {
  return statementsOf(doc).some((s) => s.effect === 'Allow' && !s.notActions && s.actions.some((a) => a === '*' || a === '*:*') && s.resources.includes('*'));
}
